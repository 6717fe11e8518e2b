import { Kafka, logLevel, Partitioners } from 'kafkajs';

export const sampleTopic = 'example-catalog-topic';
export const sampleGroup = 'consumerGroupId';
const partitions = 3;
const orderCount = 90;

/** An order as the order service publishes it; prices keep their decimals as written. */
function orderJson(index: number): { key: string; value: string } {
  const orderId = 1000 + index;
  const qty = 1 + (index % 4);
  const unitPrice = (5 + (index % 7) * 2.5).toFixed(2);
  const totalPrice = (Number(unitPrice) * qty).toFixed(2);
  const value = `{"orderId":${orderId},"userId":${200 + (index % 13)},"productId":${300 + (index % 9)},"qty":${qty},"unitPrice":${unitPrice},"totalPrice":${totalPrice}}`;
  return { key: String(orderId), value };
}

/**
 * Creates the sample topic with orders and a consumer group that has read about half of them,
 * so the explorer shows lag. Does nothing when the topic exists already.
 */
export async function seedSampleData(bootstrap: string, log: (line: string) => void = console.log): Promise<void> {
  const kafka = new Kafka({ clientId: 'kafka-workbench-seed', brokers: [bootstrap], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = await admin.listTopics();
    if (existing.includes(sampleTopic)) {
      log(`Sample topic ${sampleTopic} exists already; leaving it as it is.`);
      return;
    }
    await admin.createTopics({ topics: [{ topic: sampleTopic, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({
      topic: sampleTopic,
      messages: Array.from({ length: orderCount }, (_, index) => ({
        ...orderJson(index),
        headers: { 'content-type': 'application/json', source: 'order-service' },
      })),
    });
    await producer.disconnect();

    const ends = await admin.fetchTopicOffsets(sampleTopic);
    await admin.setOffsets({
      groupId: sampleGroup,
      topic: sampleTopic,
      partitions: ends.map(({ partition, high }) => ({ partition, offset: String(BigInt(high) / 2n) })),
    });
    log(`Created ${sampleTopic} (${partitions} partitions, ${orderCount} orders) and group ${sampleGroup} with lag.`);
  } finally {
    await admin.disconnect();
  }
}
