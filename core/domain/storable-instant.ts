/**
 * The instants taskport stores: the years 1 to 9999 in UTC. PostgreSQL's timestamptz has no year 0,
 * and past 9999 `toISOString()` writes a six-digit year no column accepts, so anything outside is
 * refused where it enters rather than failing the write.
 */
export const EARLIEST_STORABLE_MS = -62_135_596_800_000; // 0001-01-01T00:00:00.000Z
export const LATEST_STORABLE_MS = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z

export const isStorableInstant = (epochMs: number): boolean =>
  Number.isFinite(epochMs) && epochMs >= EARLIEST_STORABLE_MS && epochMs <= LATEST_STORABLE_MS;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** JavaScript reads 2026-02-30 as 2 March; a day the month does not have is a mistake, not a date. */
export const isCalendarDay = (year: number, month: number, day: number): boolean =>
  month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!);

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date `YYYY-MM-DD` a `date` column holds: a day its month has, in the years 1 to 9999. */
export const isStorableDate = (text: string): boolean => {
  const match = CALENDAR_DATE.exec(text);
  return match !== null && Number(match[1]) >= 1 && isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]));
};
