import pino, { type Logger } from 'pino';
import { redactSecrets } from './redact-secrets.js';

/**
 * Paths whose values never reach a log line, wherever they appear in a logged object: credentials,
 * tokens, secrets and authorization headers.
 */
export const REDACTED_PATHS = [
  'apiToken',
  '*.apiToken',
  'webhookSecret',
  '*.webhookSecret',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'accessToken',
  '*.accessToken',
  'refreshToken',
  '*.refreshToken',
  'clientSecret',
  '*.clientSecret',
  'access.apiToken',
  'credentials',
  '*.credentials',
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  '*.headers.authorization',
  'headers.cookie',
  '*.headers.cookie',
];

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Structured JSON logs with secrets redacted. `destination` lets tests capture the output. */
export const createLogger = (level: LogLevel, destination?: pino.DestinationStream): Logger =>
  pino(
    {
      level,
      base: { service: 'taskport' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // The paths above are fast but fixed-depth; this catches a secret nested anywhere else.
      formatters: { log: (object) => redactSecrets(object) as Record<string, unknown> },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
