/** Splits a body into the fields core reads (`names`) and the rest, which belong to a provider. */
export const splitFields = (
  body: Readonly<Record<string, unknown>>,
  names: ReadonlyArray<string>,
): { readonly common: Record<string, unknown>; readonly rest: Record<string, unknown> } => {
  const common: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) (names.includes(key) ? common : rest)[key] = value;
  return { common, rest };
};

export const isPlainObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
