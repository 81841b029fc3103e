import * as t from 'io-ts';
import { isStorableInstant } from '../../../core/index.js';

// Jira writes offsets without a colon (2022-12-08T02:22:18.889-0800); accept the ISO forms too.
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/i;

export const parseJiraTimestamp = (text: string): Date | null => {
  const match = TIMESTAMP.exec(text.trim());
  if (match === null) return null;
  const [, date, hourMinute, seconds = '00', fraction = '', zone = 'Z'] = match;
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const parsed = new Date(`${date}T${hourMinute}:${seconds}.${fraction.padEnd(3, '0').slice(0, 3)}${offset}`);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
};

export const JiraTimestampCodec = new t.Type<Date, string, unknown>(
  'JiraTimestamp',
  (u): u is Date => u instanceof Date,
  (u, c) => {
    const parsed = typeof u === 'string' ? parseJiraTimestamp(u) : null;
    return parsed === null ? t.failure(u, c, 'must be a Jira timestamp such as 2022-12-08T02:22:18.889-0800') : t.success(parsed);
  },
  (d) => d.toISOString(),
);

/** A webhook's `timestamp`: milliseconds since 1970, and an instant taskport can store (not 1e300). */
export const JiraEpochMillisCodec = new t.Type<Date, number, unknown>(
  'JiraEpochMillis',
  (u): u is Date => u instanceof Date,
  (u, c) =>
    typeof u === 'number' && isStorableInstant(u) ? t.success(new Date(u)) : t.failure(u, c, 'must be milliseconds since 1970, from the year 1 to 9999'),
  (d) => d.getTime(),
);

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (zone: string): Intl.DateTimeFormat => {
  const cached = formatters.get(zone);
  if (cached !== undefined) return cached;
  const created = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  formatters.set(zone, created);
  return created;
};

export const isKnownTimeZone = (zone: string): boolean => {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
};

const wallClock = (instantMs: number, zone: string) => {
  const parts = Object.fromEntries(formatterFor(zone).formatToParts(new Date(instantMs)).map((p) => [p.type, p.value]));
  const n = (name: string) => Number(parts[name]);
  return { year: n('year'), month: n('month'), day: n('day'), hour: n('hour'), minute: n('minute'), second: n('second') };
};

const offsetMs = (instantMs: number, zone: string): number => {
  const w = wallClock(instantMs, zone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - (instantMs - (((instantMs % 1000) + 1000) % 1000));
};

const pad = (n: number) => String(n).padStart(2, '0');

/** `yyyy-MM-dd HH:mm` as read on a wall clock in `zone`, truncated to the minute (JQL's precision). */
export const jqlDateTime = (instantMs: number, zone: string): string => {
  const w = wallClock(instantMs, zone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
};

const WIDEST_UTC_OFFSET_MS = 14 * 3_600_000;
const DST_WINDOW_MS = 3 * 3_600_000;

/**
 * The `updated >=` literal for issues changed at or after `since - overlap`. JQL reads it at minute
 * precision in the account's zone, so every rounding errs earlier: truncation to the minute, an
 * extra shift next to a DST change (a repeated wall hour names two instants), and, when the zone is
 * unknown, the widest offset on Earth. Re-reading a few issues is free: ingestion is idempotent.
 */
export const jqlUpdatedLowerBound = (since: Date, overlapMs: number, zone: string | null): string => {
  const at = since.getTime() - overlapMs;
  if (zone === null || !isKnownTimeZone(zone)) return jqlDateTime(at - WIDEST_UTC_OFFSET_MS, 'UTC');
  const dstShift = Math.abs(offsetMs(at + DST_WINDOW_MS, zone) - offsetMs(at - DST_WINDOW_MS, zone));
  return jqlDateTime(at - dstShift, zone);
};
