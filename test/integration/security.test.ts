// The project's connection code (createKafka → ClusterAdmin, produce, tail) against real SCRAM and TLS listeners:
// right settings work; each wrong one fails fast with an error that names the problem, never a generic timeout.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { randomUUID } from 'crypto';
import type { Kafka } from 'kafkajs';
import { startKafka, topicsTool, WRONG_HOST_NAME, type AnyListener, type KafkaCluster } from '../../scripts/kafka/broker';
import { ClusterAdmin } from '../../src/kafka/admin/clusterAdmin';
import { createKafka, toPortable, type SaslMechanism, type TlsSettings } from '../../src/kafka/connect/connection';
import { produceRecords } from '../../src/kafka/produce/produceRun';
import { TailSession } from '../../src/kafka/tail/tailSession';
import { TailThread } from '../../src/kafka/tail/tailThread';
import { MessageStore } from '../../src/panel/messageStore';
import type { TailStatus } from '../../src/protocol';
import { failure, RecordingLogger } from './faultFixture';

const connectionTimeoutMs = 4000;
const requestTimeoutMs = 6000;
/** A specific error must come well before the connection timeout would make it a generic one. */
const fast = connectionTimeoutMs;

interface ClientOptions {
  sasl?: { mechanism: SaslMechanism; username: string };
  password?: string;
  tls?: TlsSettings;
  keyPassphrase?: string;
}

interface Client {
  kafka: Kafka;
  admin: ClusterAdmin;
  logger: RecordingLogger;
}

describe('connection security (real SCRAM, TLS and SASL_SSL listeners)', function () {
  this.timeout(120_000);
  let cluster: KafkaCluster;
  const clients: Client[] = [];

  before(async function () {
    this.timeout(180_000);
    cluster = await startKafka({ security: ['scram', 'ssl', 'sasl_ssl'], mutualTls: true, version: process.env.KAFKA_VERSION });
  });

  after(async () => {
    await Promise.all(clients.map((c) => c.admin.dispose()));
    await cluster?.stop();
  });

  const tls = () => cluster.security!.tls!;
  const user = () => cluster.security!.username;
  const password = () => cluster.security!.password;
  const scram512 = () => ({ mechanism: 'scram-sha-512' as const, username: user() });
  /** The TLS settings a user would enter: CA file, client certificate and encrypted key. */
  const goodTls = (): TlsSettings => ({ caFile: tls().caFile, certFile: tls().clientCertFile, keyFile: tls().clientKeyFile });

  /** A client built the way the extension builds one (createKafka + ClusterAdmin), secrets from a SecretSource. */
  function client(listener: AnyListener | string, options: ClientOptions = {}): Client {
    const logger = new RecordingLogger();
    const brokers = (cluster.listeners[listener as AnyListener] ?? listener).split(',');
    const kafka = createKafka(
      {
        clientId: 'security-tests',
        brokers,
        connectionTimeoutMs,
        requestTimeoutMs,
        sasl: options.sasl,
        tls: options.tls,
        secrets: { password: async () => options.password, keyPassphrase: async () => options.keyPassphrase },
      },
      logger,
    );
    const created = { kafka, admin: new ClusterAdmin(kafka, { connectionTimeoutMs, requestTimeoutMs }, 'cluster "secure"'), logger };
    clients.push(created);
    return created;
  }

  /** The secrets of the test cluster never appear in what the log channel would show. */
  function assertNoSecrets(c: Client): void {
    for (const secret of [password(), tls().keyPassphrase]) {
      assert.ok(!c.logger.text().includes(secret), 'a secret is in the log');
    }
  }

  async function expectFailure(c: Client, expected: RegExp): Promise<Error> {
    const { error, ms } = await failure(() => c.admin.listTopics());
    assert.match(error.message, expected);
    assert.doesNotMatch(error.message, /within \d+ ms|no answer/, 'a generic timeout instead of the reason');
    assert.ok(ms < fast, `took ${ms} ms`);
    assertNoSecrets(c);
    return error;
  }

  describe('SASL_PLAINTEXT with SCRAM', () => {
    it('connects with SCRAM-SHA-512 and SCRAM-SHA-256 and the right password, and can create a topic', async () => {
      for (const mechanism of ['scram-sha-512', 'scram-sha-256'] as const) {
        const c = client('scram', { sasl: { mechanism, username: user() }, password: password() });
        const description = await c.admin.describeCluster();
        assert.strictEqual(description.brokers.length, 1);
        assertNoSecrets(c);
      }
      const c = client('scram', { sasl: scram512(), password: password() });
      const topic = `secure-${randomUUID().slice(0, 8)}`;
      await c.admin.createTopic({ name: topic, partitions: 1, replicationFactor: 1 });
      assert.ok((await c.admin.listTopics()).some((t) => t.name === topic));
      // Kafka's own tool, over SCRAM with the harness's client.properties, sees it too.
      const listed = await topicsTool(cluster, ['--list']);
      assert.strictEqual(listed.code, 0, listed.stderr);
      assert.ok(listed.stdout.split('\n').includes(topic), listed.stdout);
      await c.admin.deleteTopic(topic);
    });

    it('a wrong password fails at once with "authentication failed", and the log says why', async () => {
      const c = client('scram', { sasl: scram512(), password: `${password()}-wrong` });
      const error = await expectFailure(c, /authentication failed/i);
      assert.match(error.message, /password/);
      assert.match(c.logger.text(), /invalid credentials/);
    });

    it('an unknown user fails with "authentication failed"', async () => {
      const c = client('scram', { sasl: { mechanism: 'scram-sha-512', username: 'nobody' }, password: password() });
      await expectFailure(c, /authentication failed/i);
    });

    it('a SASL mechanism the broker does not offer (PLAIN) is named as such', async () => {
      const c = client('scram', { sasl: { mechanism: 'plain', username: user() }, password: password() });
      await expectFailure(c, /mechanism/i);
    });

    it('no SASL against a SASL listener says the broker closed the connection and to check SASL/TLS', async () => {
      const c = client('scram');
      await expectFailure(c, /closed the connection.*TLS or SASL/i);
    });

    it('no stored password says to set one, before connecting', async () => {
      const c = client('scram', { sasl: scram512() });
      await expectFailure(c, /no password is stored/);
    });
  });

  describe('SSL (mutual TLS)', () => {
    it('connects with the CA, the client certificate and the encrypted key (passphrase from secret storage)', async () => {
      const c = client('ssl', { tls: goodTls(), keyPassphrase: tls().keyPassphrase });
      const description = await c.admin.describeCluster();
      assert.strictEqual(description.brokers.length, 1);
      assertNoSecrets(c);
    });

    it('without a CA file: "certificate not trusted"', async () => {
      const c = client('ssl', { tls: { ...goodTls(), caFile: undefined }, keyPassphrase: tls().keyPassphrase });
      await expectFailure(c, /not trusted/i);
      assert.match(c.logger.text(), /self-signed certificate/);
    });

    it('with a CA that did not sign the broker certificate: "certificate not trusted"', async () => {
      const c = client('ssl', { tls: { ...goodTls(), caFile: tls().otherCaFile }, keyPassphrase: tls().keyPassphrase });
      await expectFailure(c, /not trusted/i);
    });

    it(`a certificate for another host (${WRONG_HOST_NAME}): "host name mismatch", not "not trusted"`, async () => {
      const c = client('wrong_host', { tls: { caFile: tls().caFile } });
      const error = await expectFailure(c, /host name/i);
      assert.doesNotMatch(error.message, /not trusted/);
      assert.match(error.message, /127\.0\.0\.1/);
    });

    it('no client certificate where the broker requires one: says so', async () => {
      const c = client('ssl', { tls: { caFile: tls().caFile } });
      await expectFailure(c, /client certificate/i);
    });

    it('a wrong key passphrase: says the passphrase is wrong', async () => {
      const c = client('ssl', { tls: goodTls(), keyPassphrase: 'not-the-passphrase' });
      await expectFailure(c, /passphrase/i);
    });

    it('TLS against a listener without TLS: says the port does not speak TLS', async () => {
      const c = client('scram', { sasl: scram512(), password: password(), tls: { caFile: tls().caFile } });
      await expectFailure(c, /probably does not use TLS/);
    });

    it('an unreadable CA file: names the file', async () => {
      const missing = path.join(os.tmpdir(), `missing-${randomUUID()}.pem`);
      assert.ok(!fs.existsSync(missing));
      const c = client('ssl', { tls: { ...goodTls(), caFile: missing }, keyPassphrase: tls().keyPassphrase });
      await expectFailure(c, new RegExp(`CA file ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    });
  });

  describe('SASL_SSL with SCRAM', () => {
    it('connects with the CA and the right password; a wrong password says "authentication failed"', async () => {
      const good = client('sasl_ssl', { sasl: scram512(), password: password(), tls: { caFile: tls().caFile } });
      assert.strictEqual((await good.admin.describeCluster()).brokers.length, 1);
      const bad = client('sasl_ssl', { sasl: scram512(), password: 'wrong', tls: { caFile: tls().caFile } });
      await expectFailure(bad, /authentication failed/i);
    });
  });

  describe('produce and tail report the same reasons', () => {
    it('produce with a wrong password sends nothing and says "authentication failed"', async () => {
      const c = client('scram', { sasl: scram512(), password: 'wrong' });
      const started = Date.now();
      const result = await produceRecords(c.kafka, [{ line: 1, key: null, value: '{"a":1}' }], { topic: 'any', logger: c.logger });
      assert.ok(Date.now() - started < fast, `took ${Date.now() - started} ms`);
      assert.strictEqual(result.sent.length, 0);
      assert.deepStrictEqual(result.unsentLines, [1]);
      assert.match(result.failure?.message ?? '', /authentication failed/i);
      assertNoSecrets(c);
    });

    it('a tail without the CA ends in an error status that says the certificate is not trusted', async () => {
      const c = client('ssl', { tls: { ...goodTls(), caFile: undefined }, keyPassphrase: tls().keyPassphrase });
      const statuses: TailStatus[] = [];
      const session = new TailSession(
        c.kafka,
        'any-topic',
        { start: { kind: 'end' } },
        { messages: () => undefined, status: (s) => statuses.push(s), reset: () => undefined },
        c.logger,
      );
      const { ms } = await failure(() => session.start());
      await session.stop();
      assert.ok(ms < fast, `took ${ms} ms`);
      const error = statuses.find((s) => s.state === 'error');
      assert.match(error?.message ?? '', /not trusted/i, JSON.stringify(statuses));
    });
  });

  describe('a tail in a worker thread', () => {
    it('reads over SASL_SSL with the password and key passphrase handed over, none of them in its log', async () => {
      const settings = { sasl: scram512(), password: password(), tls: goodTls(), keyPassphrase: tls().keyPassphrase };
      const c = client('sasl_ssl', settings);
      const topic = `worker-secure-${randomUUID().slice(0, 8)}`;
      await c.admin.createTopic({ name: topic, partitions: 1, replicationFactor: 1 });
      const sent = await produceRecords(c.kafka, [{ line: 1, key: 'k', value: '{"secure":true}' }], { topic, logger: c.logger });
      assert.strictEqual(sent.sent.length, 1, sent.failure?.message);
      const connection = await toPortable({
        clientId: 'security-tests',
        brokers: cluster.listeners.sasl_ssl!.split(','),
        connectionTimeoutMs,
        requestTimeoutMs,
        sasl: settings.sasl,
        tls: settings.tls,
        secrets: { password: async () => settings.password, keyPassphrase: async () => settings.keyPassphrase },
      });
      const store = new MessageStore(10);
      const tail = new TailThread(
        path.resolve(__dirname, '../../src/kafka/threads/worker.js'),
        async () => connection,
        topic,
        { start: { kind: 'beginning' } },
        {
          records: (packed) => store.addPacked(packed),
          status: () => undefined,
          reset: () => undefined,
        },
        c.logger,
      );
      try {
        await tail.start();
        const deadline = Date.now() + 15_000;
        while (store.received === 0 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        assert.deepStrictEqual(
          Array.from(store.shownMessages(), (m) => `${m.key}=${m.value}`),
          ['k={"secure":true}'],
        );
      } finally {
        await tail.stop();
      }
      assert.match(c.logger.text(), /kafkajs/, "the worker's kafkajs lines reach the log");
      assertNoSecrets(c);
    });
  });

  // Last: it restarts the broker.
  describe('the broker stops and comes back', () => {
    it('fails within the timeout while it is down; the same admin works again (a Refresh) once it is back', async () => {
      const c = client('scram', { sasl: scram512(), password: password() });
      assert.strictEqual((await c.admin.describeCluster()).brokers.length, 1);
      await cluster.stopNode(1);
      const { error, ms } = await failure(() => c.admin.listTopics());
      assert.ok(ms < connectionTimeoutMs + 1500, `took ${ms} ms`);
      assert.match(error.message, /ECONNREFUSED.*Check that the broker is running|closed the connection/);
      assert.match(c.logger.text(), /ECONNREFUSED|Closed connection/);
      await cluster.startNode(1); // its ready check logs in with SCRAM: the users survive the restart
      assert.ok(Array.isArray(await c.admin.listTopics()));
      assertNoSecrets(c);
    });
  });
});
