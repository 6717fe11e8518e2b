import { Kafka, logLevel, Partitioners, type IHeaders } from 'kafkajs';

/** Messages with every shape the panel must show exactly; produced to partition 0 in this order. */
export interface KnownMessage {
  name: string;
  key: string | Buffer | null;
  value: string | Buffer | null;
  headers?: IHeaders;
}

export const xssImg = '<img src=x onerror="window.__xss=1;document.title=\'pwned\'">';
export const xssScript = '</script><script>window.__xss=2</script>';

export const bigJson = '{"id":12345678901234567890,"price":1.10,"nested":{"ratio":-0.000000000000000000001,"list":[1.0,2.50,3e10]},"name":"Ada"}';
export const oneMegabyte = JSON.stringify({ blob: 'x'.repeat(1024 * 1024 - 12) });

export const knownMessages: KnownMessage[] = [
  { name: 'big-json', key: 'order-1', value: bigJson, headers: { 'content-type': 'application/json', trace: 'abc-123' } },
  { name: 'text', key: 'plain', value: 'Just some text, not JSON: {oops' },
  { name: 'binary', key: 'bin', value: Buffer.from([0x00, 0x01, 0xfe, 0xff, 0x80, 0x41, 0x42]) },
  { name: 'tombstone', key: 'deleted-key', value: null },
  { name: 'one-megabyte', key: 'big', value: oneMegabyte },
  { name: 'no-key', key: null, value: '{"a":[],"b":{}}' },
  { name: 'xss-key', key: xssImg, value: '{"ok":true}' },
  { name: 'xss-value', key: 'xss-value', value: xssScript, headers: { [xssImg]: xssScript } },
  { name: 'xss-json', key: 'xss-json', value: JSON.stringify({ html: xssImg, script: xssScript }) },
];

export function kafkaClient(bootstrap: string): Kafka {
  return new Kafka({ clientId: 'panel-tests', brokers: bootstrap.split(','), logLevel: logLevel.NOTHING });
}

export async function createTopicWith(bootstrap: string, topic: string, partitions = 1): Promise<void> {
  const admin = kafkaClient(bootstrap).admin();
  await admin.connect();
  try {
    // Room for the 1 MB value in one batch with the others.
    await admin.createTopics({
      topics: [{ topic, numPartitions: partitions, replicationFactor: 1, configEntries: [{ name: 'max.message.bytes', value: '8388608' }] }],
      waitForLeaders: true,
    });
  } finally {
    await admin.disconnect();
  }
}

export async function produceKnown(bootstrap: string, topic: string, messages: KnownMessage[] = knownMessages, partition = 0): Promise<void> {
  const producer = kafkaClient(bootstrap).producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await producer.send({
          topic,
          messages: messages.map((m) => ({ partition, key: m.key, value: m.value, headers: m.headers })),
        });
        return;
      } catch (error) {
        if (attempt >= 10) throw error;
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    }
  } finally {
    await producer.disconnect();
  }
}

export async function deleteTopicQuietly(bootstrap: string, topic: string): Promise<void> {
  const admin = kafkaClient(bootstrap).admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}
