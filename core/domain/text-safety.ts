/**
 * Trackers occasionally hold NUL characters (pasted binary, broken editors). PostgreSQL's text and
 * jsonb refuse them, and one such issue would fail its whole page, so they are dropped on the way in.
 */
export const withoutNul = (text: string): string => (text.includes('\u0000') ? text.replaceAll('\u0000', '') : text);

export const withoutNulOrNull = (text: string | null): string | null => (text === null ? null : withoutNul(text));

/** The same, through every string of a JSON-like value (keys included). */
export const jsonWithoutNul = (value: unknown): unknown => {
  if (typeof value === 'string') return withoutNul(value);
  if (Array.isArray(value)) return value.map(jsonWithoutNul);
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutNul(k), jsonWithoutNul(v)]));
  }
  return value;
};
