import * as t from 'io-ts';

const DATE_TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/;

/** `yyyy-MM-dd HH:mm:ss`, in UTC as the Table API answers with `sysparm_display_value=false`; null when not one. */
export const parseServiceNowDateTime = (text: string): Date | null => {
  const match = DATE_TIME.exec(text.trim());
  if (match === null) return null;
  const parsed = new Date(`${match[1]}T${match[2]}Z`);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
};

/** The form ServiceNow writes and reads date-times in (UTC), one-second precision. */
export const formatServiceNowDateTime = (instant: Date): string => instant.toISOString().slice(0, 19).replace('T', ' ');

export const ServiceNowDateTimeCodec = new t.Type<Date, string, unknown>(
  'ServiceNowDateTime',
  (u): u is Date => u instanceof Date,
  (u, c) => {
    const parsed = typeof u === 'string' ? parseServiceNowDateTime(u) : null;
    return parsed === null ? t.failure(u, c, 'must be a date-time such as 2016-01-22 14:12:37') : t.success(parsed);
  },
  formatServiceNowDateTime,
);

/** The `sys_updated_on >=` bound of a sync from `since`, moved earlier by the overlap and down to the second. */
export const updatedLowerBound = (since: Date, overlapMs: number): string => formatServiceNowDateTime(new Date(since.getTime() - overlapMs));
