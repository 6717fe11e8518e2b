// Addresses that are not a working broker: each fails with a clear error within the configured timeouts,
// the same client keeps answering (a tree can retry), nothing hangs, and the log has the detail.
import * as assert from 'assert';
import { ClusterAdmin } from '../../src/kafka/admin/clusterAdmin';
import { createKafka } from '../../src/kafka/connect/connection';
import { produceRecords } from '../../src/kafka/produce/produceRun';
import { TailSession } from '../../src/kafka/tail/tailSession';
import type { TailStatus } from '../../src/protocol';
import { closedPort, FakeBroker, failure, RecordingLogger } from './faultFixture';

const connectionTimeoutMs = 3000;
const requestTimeoutMs = 5000;
/** Scheduling slack on a busy 2-core machine. */
const slack = 1500;

function client(bootstrap: string) {
  const logger = new RecordingLogger();
  const kafka = createKafka(
    { clientId: 'fault-tests', brokers: [bootstrap], connectionTimeoutMs, requestTimeoutMs },
    logger,
  );
  const admin = new ClusterAdmin(kafka, { connectionTimeoutMs, requestTimeoutMs }, 'cluster "faulty"');
  return { kafka, admin, logger };
}

describe('connection faults (no working broker behind the address)', function () {
  this.timeout(60_000);
  const fakes: FakeBroker[] = [];
  const admins: ClusterAdmin[] = [];

  afterEach(async () => {
    await Promise.all(admins.splice(0).map((a) => a.dispose()));
    await Promise.all(fakes.splice(0).map((f) => f.stop()));
  });

  async function fake(mode: 'silent' | 'close'): Promise<{ broker: FakeBroker; address: string }> {
    const broker = new FakeBroker(mode);
    fakes.push(broker);
    return { broker, address: await broker.start() };
  }

  /** Two calls in a row (a refresh after the first error): both fail within `limit` with `expected`. */
  async function expectTwice(bootstrap: string, expected: RegExp, limit: number): Promise<RecordingLogger> {
    const c = client(bootstrap);
    admins.push(c.admin);
    for (let attempt = 1; attempt <= 2; attempt++) {
      const { error, ms } = await failure(() => c.admin.listTopics());
      assert.match(error.message, expected);
      assert.ok(ms < limit, `attempt ${attempt} took ${ms} ms (limit ${limit})`);
    }
    const started = Date.now();
    await c.admin.dispose();
    assert.ok(Date.now() - started < 1000, 'dispose hung');
    return c.logger;
  }

  it('a wrong port: "connection refused" at once, with what to check', async () => {
    const port = await closedPort();
    const logger = await expectTwice(`127.0.0.1:${port}`, /ECONNREFUSED.*Check that the broker is running/, connectionTimeoutMs);
    assert.match(logger.text(), new RegExp(`ECONNREFUSED 127\\.0\\.0\\.1:${port}`));
  });

  it('a host name that does not resolve: says so at once', async () => {
    await expectTwice('kafka-workbench-no-such-host.invalid:9092', /does not resolve/, connectionTimeoutMs);
  });

  it('an unroutable address: a clear error within the connection timeout', async () => {
    // TEST-NET-1 (RFC 5737): either no route at all, or packets that go nowhere.
    const logger = await expectTwice('192.0.2.1:9092', /192\.0\.2\.1|connect|answer/i, connectionTimeoutMs + slack);
    assert.ok(logger.lines.length > 0, 'nothing in the log');
  });

  it('a broker that accepts but never answers: a clear error within the connection timeout', async () => {
    const { broker, address } = await fake('silent');
    await expectTwice(address, /Could not connect to cluster "faulty" within 3000 ms/, connectionTimeoutMs + slack);
    assert.ok(broker.requests > 0, 'the client never sent a request');
  });

  it('a broker that dies mid-request: says the broker closed the connection', async () => {
    const { broker, address } = await fake('close');
    await expectTwice(address, /closed the connection/i, connectionTimeoutMs + slack);
    assert.ok(broker.requests > 0);
  });

  it('produce to a wrong port: nothing sent, a clear failure, no hang', async () => {
    const port = await closedPort();
    const c = client(`127.0.0.1:${port}`);
    const started = Date.now();
    const result = await produceRecords(c.kafka, [{ line: 1, key: null, value: '1' }], { topic: 't', logger: c.logger });
    assert.ok(Date.now() - started < connectionTimeoutMs + slack, `took ${Date.now() - started} ms`);
    assert.strictEqual(result.sent.length, 0);
    assert.match(result.failure?.message ?? '', /ECONNREFUSED/);
  });

  it('produce to a broker that never answers: a failure within the timeouts, no hang', async () => {
    const { address } = await fake('silent');
    const c = client(address);
    const started = Date.now();
    const result = await produceRecords(c.kafka, [{ line: 1, key: null, value: '1' }], { topic: 't', logger: c.logger });
    const ms = Date.now() - started;
    assert.strictEqual(result.sent.length, 0);
    assert.ok(result.failure, 'no failure reported');
    assert.ok(ms < requestTimeoutMs * 2 + slack, `took ${ms} ms: ${result.failure.message}`);
    assert.match(result.failure.message, /does not answer|within \d+ ms/);
  });

  for (const mode of ['silent', 'close'] as const) {
    it(`a tail of a broker that ${mode === 'silent' ? 'never answers' : 'dies mid-request'}: an error status within the timeouts, stop() returns`, async () => {
      const { address } = await fake(mode);
      const c = client(address);
      const statuses: TailStatus[] = [];
      const session = new TailSession(
        c.kafka,
        'any-topic',
        { start: { kind: 'end' } },
        { messages: () => undefined, status: (s) => statuses.push(s), reset: () => undefined },
        c.logger,
      );
      const { ms } = await failure(() => session.start());
      assert.ok(ms < requestTimeoutMs * 2 + slack, `start took ${ms} ms`);
      const last = statuses[statuses.length - 1];
      assert.strictEqual(last?.state, 'error', JSON.stringify(statuses));
      assert.match(last.message ?? '', mode === 'silent' ? /does not answer/ : /closed the connection/);
      const stopping = Date.now();
      await session.stop();
      assert.ok(Date.now() - stopping < requestTimeoutMs * 2 + slack, `stop took ${Date.now() - stopping} ms`);
    });
  }
});
