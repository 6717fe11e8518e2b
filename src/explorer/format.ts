/** Exact integers (offsets, lags, counts) with thousands separators; BigInt keeps every digit. */
export function formatCount(value: string | bigint | number): string {
  return BigInt(value).toLocaleString('en-US');
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : pluralForm}`;
}

export function brokerList(ids: number[]): string {
  return `[${ids.join(',')}]`;
}
