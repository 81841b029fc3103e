/** Wall-clock arithmetic in IANA zones, the way Jira renders timestamps and reads JQL dates. */
const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (zone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
};

export const isValidTimeZone = (zone: string): boolean => {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
};

const wallAsUtcMs = (instantMs: number, zone: string): number => {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(instantMs))) parts[part.type] = Number(part.value);
  return Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
};

const exactOffsetMinutes = (instantMs: number, zone: string): number => {
  const wholeSecond = Math.floor(instantMs / 1000) * 1000;
  return Math.round((wallAsUtcMs(wholeSecond, zone) - wholeSecond) / 60_000);
};

const DAY_MS = 86_400_000;
/** Per zone and UTC day: the offset of the whole day, or null for a day a zone changes its offset in. */
const dayOffsets = new Map<string, number | null>();

/**
 * The zone's UTC offset at that instant, in minutes (e.g. -480 for PST). Formatting parts is the
 * simulator's costliest step when it renders thousands of issues, and a zone changes its offset on a
 * few days a year: a day whose start and end share an offset is read once.
 */
export const offsetMinutes = (instantMs: number, zone: string): number => {
  const day = Math.floor(instantMs / DAY_MS);
  const key = `${zone}|${day}`;
  let offset = dayOffsets.get(key);
  if (offset === undefined) {
    const [start, end] = [exactOffsetMinutes(day * DAY_MS, zone), exactOffsetMinutes((day + 1) * DAY_MS - 1, zone)];
    offset = start === end ? start : null;
    dayOffsets.set(key, offset);
  }
  return offset ?? exactOffsetMinutes(instantMs, zone);
};

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** Jira's rendering: `2022-12-08T02:22:18.889-0800`, in the caller's zone, no colon in the offset. */
export const jiraTimestamp = (instantMs: number, zone: string): string => {
  const offset = offsetMinutes(instantMs, zone);
  const wall = new Date(instantMs + offset * 60_000).toISOString().slice(0, 23);
  return `${wall}${offset < 0 ? '-' : '+'}${pad(Math.trunc(offset / 60))}${pad(offset % 60)}`;
};

/** The instant a wall-clock time in `zone` names (for a repeated hour, the earlier one). */
export const wallTimeToInstant = (wallAsUtc: number, zone: string): number => {
  const first = wallAsUtc - offsetMinutes(wallAsUtc, zone) * 60_000;
  const second = wallAsUtc - offsetMinutes(first, zone) * 60_000;
  return Math.min(first, second);
};

/** A calendar date as the caller's zone sees that instant (`YYYY-MM-DD`). */
export const localDate = (instantMs: number, zone: string): string =>
  new Date(instantMs + offsetMinutes(instantMs, zone) * 60_000).toISOString().slice(0, 10);
