import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { persistenceFailure, unstorableData, type PersistenceFailure } from '../../core/index.js';

/**
 * Where a repository gets its entity manager for one call: a fresh fork outside a transaction, or
 * the transaction's own manager inside a unit of work. Never a shared global one.
 */
export type EntityManagerSource = () => EntityManager;

/**
 * PostgreSQL's primary message for a failure. The driver wraps it as `<statement> - <message>`,
 * then MikroORM appends `- detail:` and `- hint:` lines; the statement holds the bound values and
 * the detail the row's, which may be large JSON, e-mails or ciphertexts: neither may reach logs or
 * sync history.
 */
const reasonOf = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const primary = error.message.split(/\n - (?:detail|hint): /)[0]!;
  const separator = primary.lastIndexOf(' - ');
  return (separator === -1 ? primary : primary.slice(separator + 3)).slice(0, 300);
};

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** PostgreSQL's SQLSTATE for a failure it answered, as the driver (or MikroORM's wrapper) carries it. */
export const sqlStateOf = (error: unknown): string | undefined => {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && SQLSTATE.test(code) ? code : undefined;
};

/**
 * Whether PostgreSQL refused the values rather than failed: class 22 (data exception: an
 * impossible date, text jsonb cannot hold, a value too long) and class 23 (a constraint the values
 * break), and 54000, a value past a limit (an index row too large). Everything else, a lost
 * connection, a shutdown, a timeout, is an outage worth retrying.
 */
export const isDataError = (error: unknown): boolean => {
  const state = sqlStateOf(error);
  return state !== undefined && (state.startsWith('22') || state.startsWith('23') || state === '54000');
};

export const failureOf =
  (operation: string) =>
  (error: unknown): PersistenceFailure =>
    isDataError(error)
      ? unstorableData(`${operation} failed: the database refused a value: ${reasonOf(error)}`)
      : persistenceFailure(`${operation} failed: ${reasonOf(error)}`);

/** Runs one database call; anything it throws becomes a PersistenceFailure naming the operation. */
export const attempt = <A>(operation: string, run: () => Promise<A>): TE.TaskEither<PersistenceFailure, A> =>
  TE.tryCatch(run, failureOf(operation));

/** The name of the unique constraint `error` violated, if that is what it is. */
export const violatedUniqueConstraint = (error: unknown): string | undefined =>
  error instanceof UniqueConstraintViolationException ? (error as { constraint?: string }).constraint : undefined;

/** Ids are uuid columns: a value that is not a UUID cannot name any row, so it is simply not found. */
export { isUuid } from '../../core/index.js';
