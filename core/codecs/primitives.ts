import * as t from 'io-ts';
import { isUuid } from '../domain/ids.js';
import { isCalendarDay, isStorableInstant } from '../domain/storable-instant.js';
import { isStorableText } from '../domain/text-safety.js';

// PostgreSQL's text and jsonb refuse NUL, and a lone UTF-16 surrogate is either refused (jsonb) or
// silently replaced (text); neither is something a person means to type, so input holding one is refused.
const UNSTORABLE_MESSAGE = 'must not contain NUL characters or unpaired UTF-16 surrogates';

/** Every string of the API goes through here: storable text first, then the codec's own rule. */
export const withMessage = <A>(name: string, message: string, test: (s: string) => boolean, map: (s: string) => A) =>
  new t.Type<A, string, unknown>(
    name,
    (u): u is A => typeof u === 'string' && isStorableText(u) && test(u),
    (u, c) => {
      if (typeof u !== 'string') return t.failure(u, c, message);
      if (!isStorableText(u)) return t.failure(u, c, UNSTORABLE_MESSAGE);
      return test(u) ? t.success(map(u)) : t.failure(u, c, message);
    },
    (a) => String(a),
  );

export const nonEmptyString = (maxLength: number) =>
  withMessage(
    'NonEmptyString',
    `must be a non-empty string of at most ${maxLength} characters`,
    (s) => s.trim().length > 0 && s.length <= maxLength,
    (s) => s.trim(),
  );

/** A secret is taken exactly as given: surrounding spaces may be part of it. */
export const secretString = withMessage(
  'Secret',
  'must be a non-empty string of at most 4096 characters',
  (s) => s.length > 0 && s.length <= 4096,
  (s) => s,
);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const emailString = withMessage(
  'Email',
  'must be an e-mail address',
  (s) => s.length <= 320 && EMAIL.test(s.trim()),
  (s) => s.trim().toLowerCase(),
);

const parsesAsUrl = (s: string): boolean => {
  try {
    const url = new URL(s);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
};
export const httpUrlString = withMessage('Url', 'must be an http(s) URL', (s) => s.length <= 2048 && parsesAsUrl(s.trim()), (s) =>
  s.trim(),
);

export const uuidString = withMessage('Uuid', 'must be a UUID', isUuid, (s) => s.toLowerCase());

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const isStorableIsoInstant = (s: string): boolean => {
  const match = ISO_INSTANT.exec(s);
  return match !== null && isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3])) && isStorableInstant(Date.parse(s));
};

export const dateFromIsoString = withMessage(
  'DateFromISOString',
  'must be an ISO-8601 date or date-time from the year 1 to 9999',
  isStorableIsoInstant,
  (s) => new Date(s),
);

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A calendar date `YYYY-MM-DD` (a due date): a day its month has, from the year 1 to 9999. */
export const calendarDateString = withMessage(
  'CalendarDate',
  'must be a date YYYY-MM-DD',
  (s) => {
    const match = CALENDAR_DATE.exec(s);
    return match !== null && Number(match[1]) >= 1 && isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]));
  },
  (s) => s,
);

export const intFromString = (min: number, max: number) =>
  withMessage(
    'IntFromString',
    `must be an integer from ${min} to ${max}`,
    (s) => /^\d+$/.test(s) && Number(s) >= min && Number(s) <= max,
    (s) => Number(s),
  );

/** A JSON number that is a whole number from `min` to `max`. */
export const integerIn = (min: number, max: number) =>
  new t.Type<number, number, unknown>(
    'Integer',
    (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= min && u <= max,
    (u, c) => (typeof u === 'number' && Number.isInteger(u) && u >= min && u <= max ? t.success(u) : t.failure(u, c, `must be an integer from ${min} to ${max}`)),
    (n) => n,
  );
