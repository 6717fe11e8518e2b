/**
 * Reads the moment a reset replays from: ISO 8601 with or without a zone (without one it is
 * local time, as in kafka-consumer-groups --to-datetime), or epoch milliseconds.
 */
export function parseDateTime(text: string): { timestamp: number } | { error: string } {
  const trimmed = text.trim();
  if (/^\d{10,16}$/.test(trimmed)) {
    return { timestamp: Number(trimmed) };
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(trimmed);
  if (!iso) {
    return { error: 'Enter a date-time such as 2024-01-15T12:00:00 (local), 2024-01-15T12:00:00Z (UTC) or epoch milliseconds.' };
  }
  const [, year, month, day, hour = '00', minute = '00', second = '00', millis = '0', zone] = iso;
  const parts = [Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), Number(millis.padEnd(3, '0'))] as const;
  let timestamp: number;
  if (zone) {
    const utc = Date.UTC(...parts);
    const offsetMinutes = zone === 'Z' ? 0 : zoneMinutes(zone);
    timestamp = utc - offsetMinutes * 60_000;
  } else {
    timestamp = new Date(...parts).getTime();
  }
  const check = new Date(Date.UTC(parts[0], parts[1], parts[2]));
  if (Number.isNaN(timestamp) || check.getUTCMonth() !== parts[1] || check.getUTCDate() !== parts[2] || parts[3] > 23 || parts[4] > 59 || parts[5] > 59) {
    return { error: `"${trimmed}" is not a valid date-time.` };
  }
  return { timestamp };
}

function zoneMinutes(zone: string): number {
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}
