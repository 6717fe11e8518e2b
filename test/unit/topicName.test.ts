import * as assert from 'assert';
import { checkTopicName } from '../../src/kafka/admin/topicName';

describe('checkTopicName (Kafka Topic.validate rules)', () => {
  it('accepts letters, digits, ".", "_" and "-"', () => {
    assert.deepStrictEqual(checkTopicName('orders-v2'), {});
    assert.deepStrictEqual(checkTopicName('A9-z'), {});
  });

  it('refuses empty names, "." and ".."', () => {
    assert.match(checkTopicName('').error ?? '', /Enter a topic name/);
    assert.match(checkTopicName('.').error ?? '', /cannot be named "\."/);
    assert.match(checkTopicName('..').error ?? '', /cannot be named "\.\."/);
  });

  it('allows 249 characters and refuses 250', () => {
    assert.strictEqual(checkTopicName('a'.repeat(249)).error, undefined);
    assert.match(checkTopicName('a'.repeat(250)).error ?? '', /at most 249 characters; this one has 250/);
  });

  it('names the illegal characters', () => {
    const error = checkTopicName('my topic/é').error ?? '';
    assert.match(error, /space/);
    assert.match(error, /"\/"/);
    assert.match(error, /"é"/);
  });

  it('warns about names that could collide through "." and "_"', () => {
    const check = checkTopicName('orders.v2');
    assert.strictEqual(check.error, undefined);
    assert.match(check.warning ?? '', /collide/);
    assert.match(checkTopicName('orders_v2').warning ?? '', /collide/);
  });

  it('refuses a name that collides with an existing topic, naming it', () => {
    assert.match(checkTopicName('orders.v2', ['orders_v2']).error ?? '', /collides with the existing topic "orders_v2"/);
    assert.match(checkTopicName('orders_v2', ['orders.v2']).error ?? '', /"orders\.v2"/);
    assert.match(checkTopicName('orders', ['orders']).error ?? '', /exists already/);
    assert.strictEqual(checkTopicName('orders.v2', ['orders-v2']).error, undefined);
  });
});
