import { matchesJsonField, parseJsonFieldFilter } from '../kafka/decode/jsonFieldFilter';
import type { FilterSpec } from '../protocol';

export type MessagePredicate = (partition: number, key: Buffer | null, value: Buffer | null) => boolean;

/** Turns the panel's filter fields into one predicate, or explains why the JSON field test is unreadable. */
export function compileFilter(spec: FilterSpec): { match: MessagePredicate | undefined } | { error: string } {
  const tests: MessagePredicate[] = [];
  if (spec.partitions && spec.partitions.length > 0) {
    const partitions = new Set(spec.partitions);
    tests.push((partition) => partitions.has(partition));
  }
  const needle = spec.text.trim().toLowerCase();
  if (needle.length > 0) {
    tests.push((_, key, value) => contains(key, needle) || contains(value, needle));
  }
  if (spec.jsonField.trim().length > 0) {
    const field = parseJsonFieldFilter(spec.jsonField);
    if ('error' in field) {
      return { error: field.error };
    }
    tests.push((_, __, value) => value !== null && matchesJsonField(value.toString('utf8'), field));
  }
  if (tests.length === 0) {
    return { match: undefined };
  }
  return { match: (partition, key, value) => tests.every((test) => test(partition, key, value)) };
}

function contains(bytes: Buffer | null, needle: string): boolean {
  return bytes !== null && bytes.length >= needle.length && bytes.toString('utf8').toLowerCase().includes(needle);
}
