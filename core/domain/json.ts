/** A value that survives JSON unchanged: what events and audit entries carry. */
export type JsonValue = string | number | boolean | null | ReadonlyArray<JsonValue> | { readonly [key: string]: JsonValue };
export type JsonObject = { readonly [key: string]: JsonValue };

/** An own member, whatever its key (`__proto__` too: assigned, it would set the prototype instead). */
const setMember = (object: Record<string, JsonValue>, key: string, member: JsonValue) => {
  if (key === '__proto__') Object.defineProperty(object, key, { value: member, enumerable: true, writable: true, configurable: true });
  else object[key] = member;
};

/**
 * Dates as ISO-8601 strings and `undefined` members left out, at any depth, as `JSON.stringify` would.
 * Every event of a sync is built through this, so it copies members in a loop, not through entry arrays.
 */
export const toJson = (value: unknown): JsonValue => {
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value !== 'object') return null;
  const copy: Record<string, JsonValue> = {};
  for (const key of Object.keys(value)) {
    const member: unknown = (value as Record<string, unknown>)[key];
    if (member !== undefined) setMember(copy, key, toJson(member));
  }
  return copy;
};

export const toJsonObject = (value: object): JsonObject => toJson(value) as JsonObject;
