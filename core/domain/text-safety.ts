/**
 * Trackers occasionally hold NUL characters (pasted binary, broken editors). PostgreSQL's text and
 * jsonb refuse them, and one such issue would fail its whole page, so they are dropped on the way in.
 */
export const withoutNul = (text: string): string => (text.includes('\u0000') ? text.replaceAll('\u0000', '') : text);

export const withoutNulOrNull = (text: string | null): string | null => (text === null ? null : withoutNul(text));

/** Whether any string of a JSON-like value (keys included) holds a NUL. */
const holdsNul = (value: unknown): boolean => {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(holdsNul);
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    for (const key of Object.keys(value)) if (key.includes('\u0000') || holdsNul((value as Record<string, unknown>)[key])) return true;
  }
  return false;
};

/** The same, through every string of a JSON-like value (keys included); a value with no NUL is returned as it is, not copied. */
export const jsonWithoutNul = (value: unknown): unknown => (holdsNul(value) ? copyWithoutNul(value) : value);

const copyWithoutNul = (value: unknown): unknown => {
  if (typeof value === 'string') return withoutNul(value);
  if (Array.isArray(value)) return value.map(copyWithoutNul);
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutNul(k), copyWithoutNul(v)]));
  }
  return value;
};

// With the `u` flag a well-formed pair is one code point, so only unpaired halves match. The test
// has no `g`: a global expression's `test` carries its position over to the next string.
const LONE_SURROGATE = /\p{Cs}/u;
const LONE_SURROGATES = /\p{Cs}/gu;
const REPLACEMENT_CHARACTER = '\uFFFD';

/**
 * Text PostgreSQL can hold, whatever a tracker sent: NUL dropped, and each unpaired UTF-16
 * surrogate (half of a character cut in two, which jsonb refuses outright) replaced with U+FFFD,
 * as a UTF-8 decoder does with a broken byte sequence.
 */
export const storableText = (text: string): string => {
  const withoutNuls = withoutNul(text);
  return LONE_SURROGATE.test(withoutNuls) ? withoutNuls.replace(LONE_SURROGATES, REPLACEMENT_CHARACTER) : withoutNuls;
};

/** Whether `storableText` would leave the text as it is. */
export const isStorableText = (text: string): boolean => !text.includes('\u0000') && !LONE_SURROGATE.test(text);

/** Whether every string of a JSON-like value (keys included) is storable text. */
export const isStorableJson = (value: unknown): boolean => {
  if (typeof value === 'string') return isStorableText(value);
  if (Array.isArray(value)) return value.every(isStorableJson);
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    return Object.entries(value).every(([k, v]) => isStorableText(k) && isStorableJson(v));
  }
  return true;
};

/** `storableText` through every string of a JSON-like value, keys included. */
export const storableJson = (value: unknown): unknown => {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(storableJson);
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), storableJson(v)]));
  }
  return value;
};
