import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Connection } from '../../domain/connection.js';
import type { SourceIssue } from '../../domain/source-issue.js';
import type { DomainError } from '../../errors.js';
import { reachSource, type ReachSourceDeps } from '../source-connection.js';
import type { AppliedWebhookEvent } from './apply-webhook-event.js';

/** A delivery of a pass that names its item without carrying it. */
export interface NamedItem {
  readonly connection: Connection;
  readonly externalId: string;
}

/** The event a `refetch` delivery stands for once its item is read: the item, or nothing when the tracker shows none. */
export type ResolveNamedItem = (connection: Connection, externalId: string) => TE.TaskEither<DomainError, AppliedWebhookEvent>;

type Read = Promise<E.Either<DomainError, ReadonlyMap<string, SourceIssue>>>;

const NOT_SHOWN: AppliedWebhookEvent = { kind: 'ignored', name: 'the tracker no longer shows the item' };

/**
 * Reads the items a pass's deliveries name with one `fetchIssues` per connection (the provider
 * splits it into as few requests as its API allows), started when the first of them is applied:
 * a burst of callbacks costs a request per pass, not one per delivery, so applying them is paced
 * by the tracker's budget far less. A failed read fails each delivery that needed it, and only them.
 */
export const readNamedItems = (deps: ReachSourceDeps, named: ReadonlyArray<NamedItem>): ResolveNamedItem => {
  const idsOf = new Map<string, Set<string>>();
  for (const { connection, externalId } of named) idsOf.set(connection.id, (idsOf.get(connection.id) ?? new Set<string>()).add(externalId));
  const itemsOf = (connection: Connection, ids: Iterable<string>): Read =>
    pipe(
      reachSource(deps)(connection),
      TE.chainW((reach) => reach.provider.issues.fetchIssues(reach.connection, [...ids])),
      TE.map((issues): ReadonlyMap<string, SourceIssue> => new Map(issues.map((issue) => [issue.externalId, issue] as const))),
    )();
  const reads = new Map<string, Read>();
  const sharedRead = (connection: Connection, ids: ReadonlySet<string>): Read => {
    const read = reads.get(connection.id) ?? itemsOf(connection, ids);
    reads.set(connection.id, read);
    return read;
  };
  return (connection, externalId) => async () => {
    const ids = idsOf.get(connection.id);
    // An item nobody declared is read alone: the shared read would not hold it.
    const items = await (ids?.has(externalId) === true ? sharedRead(connection, ids) : itemsOf(connection, [externalId]));
    return E.map((found: ReadonlyMap<string, SourceIssue>): AppliedWebhookEvent => {
      const issue = found.get(externalId);
      return issue === undefined ? NOT_SHOWN : { kind: 'upsert', issue };
    })(items);
  };
};
