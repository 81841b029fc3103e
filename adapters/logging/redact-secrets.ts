/** Field names that hold secrets, compared without case, `_` or `-` (apiToken, api_token, API-Token). */
const SECRET_NAMES = new Set([
  'apitoken',
  'webhooksecret',
  'previouswebhooksecret',
  'password',
  'secret',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'clientsecret',
  'authorization',
  'cookie',
  'credentials',
  'tokens',
]);

const CENSOR = '[redacted]';
const MAX_DEPTH = 8;

const isSecretName = (key: string): boolean => SECRET_NAMES.has(key.toLowerCase().replace(/[_-]/g, ''));

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/**
 * A copy of a log object with every secret-named field censored, however deep it sits. pino's own
 * redaction paths match fixed depths only; this walks plain objects and arrays (errors and other
 * instances are left to their serializers), so a secret nested anywhere never reaches a log line.
 */
export const redactSecrets = (value: unknown, depth = 0): unknown => {
  if (depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1));
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) copy[key] = isSecretName(key) && field !== null && field !== undefined ? CENSOR : redactSecrets(field, depth + 1);
  return copy;
};
