/** A value that survives JSON unchanged: what events and audit entries carry. */
export type JsonValue = string | number | boolean | null | ReadonlyArray<JsonValue> | { readonly [key: string]: JsonValue };
export type JsonObject = { readonly [key: string]: JsonValue };

/** Dates as ISO-8601 strings and `undefined` members left out, at any depth, as `JSON.stringify` would. */
export const toJson = (value: unknown): JsonValue => {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).flatMap(([key, member]) => (member === undefined ? [] : [[key, toJson(member)]])));
  }
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
};

export const toJsonObject = (value: object): JsonObject => toJson(value) as JsonObject;
