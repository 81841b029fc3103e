/** Where the embedded database reports what it does; a pino logger and `console` both fit. */
export interface DatabaseLog {
  readonly info: (message: string) => void;
  readonly warn: (message: string) => void;
  readonly error: (message: string) => void;
}

export const silentDatabaseLog: DatabaseLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
