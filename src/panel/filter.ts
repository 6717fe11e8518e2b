import { matchesJsonField, parseJsonFieldFilter } from '../kafka/decode';
import type { TailMessage } from '../kafka/tail';
import type { FilterSpec } from '../protocol';

export type MessagePredicate = (message: TailMessage) => boolean;

/** Turns the panel's filter fields into one predicate, or explains why the JSON field test is unreadable. */
export function compileFilter(spec: FilterSpec): { match: MessagePredicate | undefined } | { error: string } {
  const tests: MessagePredicate[] = [];
  if (spec.partitions && spec.partitions.length > 0) {
    const partitions = new Set(spec.partitions);
    tests.push((m) => partitions.has(m.partition));
  }
  const needle = spec.text.trim().toLowerCase();
  if (needle.length > 0) {
    tests.push((m) => contains(m.key, needle) || contains(m.value, needle));
  }
  if (spec.jsonField.trim().length > 0) {
    const field = parseJsonFieldFilter(spec.jsonField);
    if ('error' in field) {
      return { error: field.error };
    }
    tests.push((m) => m.value !== null && matchesJsonField(m.value.toString('utf8'), field));
  }
  if (tests.length === 0) {
    return { match: undefined };
  }
  return { match: (m) => tests.every((test) => test(m)) };
}

function contains(bytes: Buffer | null, needle: string): boolean {
  return bytes !== null && bytes.length >= needle.length && bytes.toString('utf8').toLowerCase().includes(needle);
}
