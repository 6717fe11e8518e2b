import * as assert from 'assert';
import type { Message, PartitionMetadata } from 'kafkajs';
import { groupMessagesPerPartition, type GroupArguments } from '../../src/kafka/kafkajsFixes/groupMessagesPerPartition';

// The module the bundles replace (esbuild.js), loaded from kafkajs itself to compare with.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const kafkajsOriginal = require('kafkajs/src/producer/groupMessagesPerPartition') as (args: GroupArguments) => Record<number, Message[]>;

function metadata(count: number): PartitionMetadata[] {
  return Array.from({ length: count }, (_, partitionId) => ({ partitionErrorCode: 0, partitionId, leader: 1, replicas: [1], isr: [1] }));
}

describe('kafkajs fixes: groupMessagesPerPartition', () => {
  it('groups exactly as kafkajs does: same partitions, same messages, same order, for explicit and computed partitions', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (const partitions of [1, 3, 12]) {
      const partitionMetadata = metadata(partitions);
      const messages: Message[] = Array.from({ length: 500 }, (_, i) => ({
        key: `k${Math.floor(random() * 50)}`,
        value: `{"seq":${i}}`,
        partition: random() < 0.5 ? Math.floor(random() * partitions) : undefined,
      }));
      // Like kafkajs's partitioners: an explicit partition wins, otherwise one derived from the key.
      const partitioner: GroupArguments['partitioner'] = ({ message }) =>
        message.partition ?? Number(String(message.key).slice(1)) % partitions;
      const args = { topic: 'orders', partitionMetadata, messages, partitioner };
      const ours = groupMessagesPerPartition(args);
      assert.deepStrictEqual(ours, kafkajsOriginal(args));
      assert.deepStrictEqual(Object.keys(ours), Object.keys(kafkajsOriginal(args)));
      assert.strictEqual(Object.values(ours).reduce((sum, group) => sum + group.length, 0), messages.length);
    }
  });

  it('returns no groups, without asking the partitioner, when the topic has no partition metadata', () => {
    let asked = 0;
    const args = { topic: 'gone', partitionMetadata: [], messages: [{ value: 'x' }], partitioner: () => ++asked };
    assert.deepStrictEqual(groupMessagesPerPartition(args), {});
    assert.deepStrictEqual(kafkajsOriginal(args), {});
    assert.strictEqual(asked, 0);
  });

  // kafkajs's own would copy about 5 billion array elements here and run into the suite's timeout.
  it('groups 100,000 messages of one send, in order', () => {
    const messages: Message[] = Array.from({ length: 100_000 }, (_, i) => ({ value: String(i), partition: 0 }));
    const args = { topic: 't', partitionMetadata: metadata(1), messages, partitioner: () => 0 };
    const grouped = groupMessagesPerPartition(args)[0];
    assert.strictEqual(grouped.length, 100_000);
    assert.strictEqual(grouped[99_999], messages[99_999]);
  });
});
