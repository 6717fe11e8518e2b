const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** HH:MM:SS.mmm in local time, for the list. */
export function shortTime(timestamp: string): string {
  const ms = Number(timestamp);
  if (!Number.isFinite(ms) || ms < 0) {
    return '—';
  }
  const date = new Date(ms);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** YYYY-MM-DD HH:MM:SS.mmm in local time with the UTC instant, for tooltips and the detail view. */
export function fullTime(timestamp: string): string {
  const ms = Number(timestamp);
  if (!Number.isFinite(ms) || ms < 0) {
    return 'no timestamp';
  }
  const date = new Date(ms);
  const local = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${shortTime(timestamp)}`;
  return `${local} (${date.toISOString()})`;
}

/** The value for an <input type="datetime-local" step="0.001">. */
export function toLocalInput(ms: number): string {
  const date = new Date(ms);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

export function count(value: number): string {
  return value.toLocaleString('en-US');
}

export function bytes(value: number): string {
  if (value < 1024) {
    return `${value} B`;
  }
  const units = ['KB', 'MB', 'GB', 'TB'];
  let scaled = value / 1024;
  let unit = 0;
  // 1000 KB and up reads as MB ("1.0 MB", not "1000 KB").
  while (scaled >= 1000 && unit < units.length - 1) {
    scaled /= 1024;
    unit++;
  }
  return `${scaled.toFixed(scaled < 10 ? 1 : 0)} ${units[unit]}`;
}
