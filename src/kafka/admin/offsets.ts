/**
 * Offsets are 64-bit integers; kafkajs hands them over as decimal strings. All arithmetic
 * here is BigInt so nothing passes through a `number` and loses digits.
 */

/** Messages a consumer still has to read, or undefined when it has committed nothing. */
export function lag(endOffset: string, committedOffset: string | undefined): bigint | undefined {
  if (committedOffset === undefined || BigInt(committedOffset) < 0n) {
    return undefined;
  }
  const behind = BigInt(endOffset) - BigInt(committedOffset);
  return behind > 0n ? behind : 0n;
}

/** Records retained in a partition: high watermark minus low watermark. */
export function messageCount(low: string, high: string): bigint {
  return BigInt(high) - BigInt(low);
}

/** Adds up lags, ignoring partitions without a committed offset. */
export function totalLag(lags: Iterable<bigint | undefined>): bigint {
  let total = 0n;
  for (const value of lags) {
    total += value ?? 0n;
  }
  return total;
}

/** A committed offset as Kafka reports it, or undefined for "none" (-1). */
export function committedOrUndefined(offset: string | undefined | null): string | undefined {
  return offset === undefined || offset === null || offset === '' || BigInt(offset) < 0n ? undefined : offset;
}

export type ResetTarget =
  | { kind: 'earliest' }
  | { kind: 'latest' }
  | { kind: 'timestamp'; timestamp: number }
  | { kind: 'offset'; offset: bigint }
  | { kind: 'shift'; by: bigint };

export interface PartitionPosition {
  topic: string;
  partition: number;
  low: string;
  high: string;
  committed?: string;
  /** For a timestamp reset: the first offset at or after the timestamp (the high watermark when there is none). */
  atTimestamp?: string;
}

export interface ResetRow {
  topic: string;
  partition: number;
  current?: string;
  next: string;
  lagAfter: string;
}

/** Computes the new committed offset of each partition, kept within [low, high] as kafka-consumer-groups does. */
export function planReset(positions: PartitionPosition[], target: ResetTarget): ResetRow[] {
  return positions.map((position) => {
    const low = BigInt(position.low);
    const high = BigInt(position.high);
    const wanted = requestedOffset(position, target, low, high);
    const next = wanted < low ? low : wanted > high ? high : wanted;
    return {
      topic: position.topic,
      partition: position.partition,
      current: position.committed,
      next: next.toString(),
      lagAfter: (high - next).toString(),
    };
  });
}

function requestedOffset(position: PartitionPosition, target: ResetTarget, low: bigint, high: bigint): bigint {
  switch (target.kind) {
    case 'earliest':
      return low;
    case 'latest':
      return high;
    case 'offset':
      return target.offset;
    case 'timestamp':
      if (position.atTimestamp === undefined) {
        throw new Error(`No offset for the timestamp was fetched for ${position.topic}-${position.partition}.`);
      }
      return BigInt(position.atTimestamp);
    case 'shift':
      if (position.committed === undefined) {
        throw new Error(
          `Cannot shift ${position.topic} partition ${position.partition}: the group has no committed offset there. Reset it to earliest, latest, a date-time or an offset instead.`,
        );
      }
      return BigInt(position.committed) + target.by;
  }
}

/** Parses an offset or a signed shift typed by a user into a BigInt, or explains the problem. */
export function parseOffset(text: string, signed: boolean): { value: bigint } | { error: string } {
  const trimmed = text.trim();
  const pattern = signed ? /^[+-]?\d+$/ : /^\d+$/;
  if (!pattern.test(trimmed)) {
    return { error: signed ? 'Enter a whole number such as -100 or +50.' : 'Enter an offset: a whole number, 0 or more.' };
  }
  const value = BigInt(trimmed);
  const limit = 2n ** 63n - 1n;
  if (value > limit || value < -limit) {
    return { error: 'Offsets are 64-bit: the number is too large.' };
  }
  return { value };
}
