import * as assert from 'assert';
import { explainKafkaError, KafkaOperationError, rootCause } from '../../src/kafka/connect/errors';
import { TimeoutError } from '../../src/kafka/connect/timeout';

const context = { action: 'create topic "orders"', cluster: 'cluster "local"' };

function protocolError(type: string): Error {
  return Object.assign(new Error(`broker says ${type}`), { name: 'KafkaJSProtocolError', type });
}

describe('explainKafkaError', () => {
  it('says what failed and what to do for an authorization failure', () => {
    const error = explainKafkaError(protocolError('TOPIC_AUTHORIZATION_FAILED'), context);
    assert.ok(error instanceof KafkaOperationError);
    assert.strictEqual(error.type, 'TOPIC_AUTHORIZATION_FAILED');
    assert.match(error.message, /^Could not create topic "orders" on cluster "local": the cluster's ACLs do not allow/);
    assert.match(error.message, /Ask the cluster's administrator/);
  });

  it('finds the broker error inside kafkajs aggregate and retry errors', () => {
    const inner = protocolError('TOPIC_ALREADY_EXISTS');
    const aggregate = Object.assign(new Error('Topic creation errors'), { errors: [inner] });
    const retries = Object.assign(new Error('retries exceeded'), { name: 'KafkaJSNumberOfRetriesExceeded', cause: aggregate });
    assert.strictEqual(rootCause(retries), inner);
    assert.match(explainKafkaError(retries, context).message, /exists already/);
  });

  it('explains deletion disabled, non-empty groups and invalid replication factors', () => {
    assert.match(explainKafkaError(protocolError('TOPIC_DELETION_DISABLED'), context).message, /delete\.topic\.enable=false/);
    const groups = Object.assign(new Error('Error in DeleteGroups'), { groups: [{ groupId: 'g', error: protocolError('NON_EMPTY_GROUP') }] });
    assert.match(explainKafkaError(groups, context).message, /Stop its consumers/);
    assert.match(explainKafkaError(protocolError('INVALID_REPLICATION_FACTOR'), context).message, /number of brokers/);
  });

  it('adds a hint to connection errors and keeps the original message', () => {
    const refused = Object.assign(new Error('Connection error: connect ECONNREFUSED 127.0.0.1:1'), { name: 'KafkaJSConnectionError', code: 'ECONNREFUSED' });
    const message = explainKafkaError(refused, context).message;
    assert.match(message, /ECONNREFUSED 127\.0\.0\.1:1/);
    assert.match(message, /Check that the broker is running/);
  });

  it('passes its own errors and timeouts through unchanged', () => {
    const own = new KafkaOperationError('already explained');
    const timeout = new TimeoutError('no answer');
    assert.strictEqual(explainKafkaError(own, context), own);
    assert.strictEqual(explainKafkaError(timeout, context), timeout);
  });
});
