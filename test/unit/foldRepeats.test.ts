import * as assert from 'assert';
import { foldRepeats, type LogLevel } from '../../src/kafka/connect/log';

describe('foldRepeats', () => {
  function setup() {
    const lines: string[] = [];
    let time = 1_000_000;
    const logger = foldRepeats({ log: (level: LogLevel, message: string) => lines.push(`${level} ${message}`) }, () => time);
    return { lines, logger, advance: (ms: number) => (time += ms) };
  }

  it('logs a message once per 30 s while it repeats, then says how many it left out', () => {
    const { lines, logger, advance } = setup();
    for (let i = 0; i < 100; i++) {
      logger.log('error', `[kafkajs Connection] Connection error: connect ECONNREFUSED 127.0.0.1:9092 {"retryCount":${i}}`);
      advance(100);
    }
    // 100 messages over 10 s: the first only.
    assert.deepStrictEqual(lines, ['error [kafkajs Connection] Connection error: connect ECONNREFUSED 127.0.0.1:9092 {"retryCount":0}']);
    advance(20_000);
    logger.log('error', '[kafkajs Connection] Connection error: connect ECONNREFUSED 127.0.0.1:9092 {"retryCount":100}');
    assert.strictEqual(lines.length, 2);
    assert.strictEqual(
      lines[1],
      'error [kafkajs Connection] Connection error: connect ECONNREFUSED 127.0.0.1:9092 {"retryCount":100} (99 more like this in the 30 s before, not shown)',
    );
  });

  it('treats messages differing only in numbers as repeats, and different words or levels as new', () => {
    const { lines, logger } = setup();
    logger.log('error', '[kafkajs Consumer] Restarting the consumer in 300ms');
    logger.log('error', '[kafkajs Consumer] Restarting the consumer in 724ms');
    logger.log('warn', '[kafkajs Consumer] Restarting the consumer in 724ms');
    logger.log('error', '[kafkajs Consumer] Stopped');
    assert.deepStrictEqual(lines, [
      'error [kafkajs Consumer] Restarting the consumer in 300ms',
      'warn [kafkajs Consumer] Restarting the consumer in 724ms',
      'error [kafkajs Consumer] Stopped',
    ]);
  });

  it('never folds debug messages (a trace must stay whole) nor the extension\'s own', () => {
    const { lines, logger } = setup();
    for (let i = 0; i < 5; i++) {
      logger.log('debug', `[kafkajs Connection] Request Fetch(key: 1, version: 11) {"correlationId":${i}}`);
      logger.log('error', 'Produce to orders failed: not authorized');
    }
    assert.strictEqual(lines.length, 10);
  });
});
