import type { StartPosition } from './tailTypes';

export interface PartitionWatermarks {
  partition: number;
  low: string;
  high: string;
}

/**
 * Where each partition starts for `start`, kept within [low, high] so kafkajs never hits
 * "offset out of range" (which would make it reset and commit). `byTimestamp` holds the
 * offsets-for-times answer for a timestamp start.
 */
export function resolveStart(
  start: StartPosition,
  watermarks: PartitionWatermarks[],
  byTimestamp?: Map<number, string>,
): Map<number, string> {
  const result = new Map<number, string>();
  for (const { partition, low, high } of watermarks) {
    const lowest = BigInt(low);
    const highest = BigInt(high);
    let wanted: bigint;
    switch (start.kind) {
      case 'beginning':
        wanted = lowest;
        break;
      case 'end':
        wanted = highest;
        break;
      case 'last':
        wanted = highest - BigInt(Math.max(0, Math.floor(start.count)));
        break;
      case 'offsets': {
        const given = start.offsets[String(partition)];
        wanted = given === undefined ? highest : BigInt(given);
        break;
      }
      case 'timestamp':
        wanted = BigInt(byTimestamp?.get(partition) ?? high);
        break;
    }
    result.set(partition, (wanted < lowest ? lowest : wanted > highest ? highest : wanted).toString());
  }
  return result;
}
