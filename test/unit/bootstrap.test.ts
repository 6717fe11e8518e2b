import * as assert from 'assert';
import { parseBootstrapServers } from '../../src/kafka/connect/bootstrap';

describe('parseBootstrapServers', () => {
  it('splits a comma-separated list and trims blanks', () => {
    assert.deepStrictEqual(parseBootstrapServers(' 127.0.0.1:9092, broker-2.internal:9093 ,'), {
      servers: ['127.0.0.1:9092', 'broker-2.internal:9093'],
    });
  });

  it('accepts bracketed IPv6 addresses', () => {
    assert.deepStrictEqual(parseBootstrapServers('[::1]:9092'), { servers: ['[::1]:9092'] });
  });

  it('names the entry that has no port', () => {
    assert.deepStrictEqual(parseBootstrapServers('localhost:9092,kafka'), {
      error: '"kafka" is not host:port (for example 127.0.0.1:9092).',
    });
  });

  it('refuses ports outside 1-65535', () => {
    assert.deepStrictEqual(parseBootstrapServers('localhost:70000'), {
      error: '"localhost:70000" has port 70000, outside 1-65535.',
    });
  });

  it('asks for at least one server', () => {
    assert.ok('error' in parseBootstrapServers(' , '));
  });
});
