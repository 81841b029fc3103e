import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeQuery } from '../../codecs/decode.js';
import { limitQueryCodec } from '../../codecs/limit-query.js';
import { asEntityId, type ConnectionId, type OrganizationId } from '../../domain/ids.js';
import type { PublicConnection, PublicWebhookState } from '../../domain/public-connection.js';
import type { Requester } from '../../domain/requester.js';
import type { WebhookDeadLetter } from '../../domain/webhook-dead-letter.js';
import { webhookDeadLetterNotFound, type ConnectionNotFound, type InvalidQuery, type PersistenceFailure, type WebhookDeadLetterNotFound } from '../../errors.js';
import type { ConnectionRepository } from '../../ports/connection-repository.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { WebhookInbox } from '../../ports/webhook-inbox.js';
import { auditEntryOf, type RecordingDeps } from '../audit/audited.js';
import { loadConnection } from '../load-connection.js';

export const DEAD_LETTER_LIST_LIMIT = 500;
const DEFAULT_LIMIT = 100;

interface DeadLetterDeps {
  readonly connections: ConnectionRepository;
  readonly webhookInbox: WebhookInbox;
}

/** The webhook deliveries of a connection of the organization whose every try failed, newest first, each with the reason of its last failure. */
export const listWebhookDeadLetters =
  (deps: DeadLetterDeps) =>
  (
    organizationId: OrganizationId,
    connectionId: ConnectionId,
    query: unknown = {},
  ): TE.TaskEither<InvalidQuery | ConnectionNotFound | PersistenceFailure, ReadonlyArray<WebhookDeadLetter>> =>
    pipe(
      TE.fromEither(decodeQuery(limitQueryCodec(DEAD_LETTER_LIST_LIMIT))(query)),
      TE.chainFirstW(() => loadConnection(deps.connections)(organizationId, connectionId)),
      TE.chainW((q) => deps.webhookInbox.listDeadLetters(organizationId, connectionId, q.limit ?? DEFAULT_LIMIT)),
    );

/** What a replay put back in the inbox. */
export interface Replayed {
  readonly replayed: number;
}

/**
 * Puts a connection's dead-lettered deliveries back in the inbox, after whatever made them fail was
 * fixed: one (`deadLetterId`; one the connection does not hold is a 404) or all of them. Each is
 * then applied like a new delivery, with all its tries, and still only once (the event log knows
 * its key). Audited as `connection.webhooks_replayed` when something was put back; the entry is
 * written after the replay, which the inbox (outside the unit of work) keeps at once.
 */
export const replayWebhookDeadLetters =
  (deps: DeadLetterDeps & RecordingDeps & { readonly unitOfWork: UnitOfWork }) =>
  (
    requester: Requester,
    connectionId: ConnectionId,
    deadLetterId: string | null,
  ): TE.TaskEither<ConnectionNotFound | WebhookDeadLetterNotFound | PersistenceFailure, Replayed> =>
    pipe(
      loadConnection(deps.connections)(requester.organizationId, connectionId),
      TE.chainW(() => deps.webhookInbox.replay(requester.organizationId, connectionId, deadLetterId === null ? 'all' : [deadLetterId])),
      TE.chainW((ids) => (deadLetterId !== null && ids.length === 0 ? TE.left(webhookDeadLetterNotFound(deadLetterId)) : TE.right(ids))),
      TE.chainFirstW((ids) =>
        ids.length === 0
          ? TE.right(undefined)
          : deps.unitOfWork.transaction((ports) =>
              ports.audit.append([auditEntryOf(deps, requester)('connection.webhooks_replayed', connectionId, { deadLetterIds: [...ids] })]),
            ),
      ),
      TE.map((ids) => ({ replayed: ids.length })),
    );

/** The public view of a connection as GET shows it, with how many of its webhook deliveries are dead-lettered. */
export type ConnectionView = PublicConnection & { readonly webhooks: PublicWebhookState & { readonly deadLetters: number } };

/** Adds each view's dead-letter count, read for all of them in one call. */
export const withDeadLetterCounts =
  (webhookInbox: WebhookInbox, organizationId: OrganizationId) =>
  (views: ReadonlyArray<PublicConnection>): TE.TaskEither<PersistenceFailure, ReadonlyArray<ConnectionView>> =>
    pipe(
      views.length === 0 ? TE.right(new Map<string, number>()) : webhookInbox.countDeadLetters(organizationId, views.map((view) => asEntityId(view.id))),
      TE.map((counts) => views.map((view) => ({ ...view, webhooks: { ...view.webhooks, deadLetters: counts.get(view.id) ?? 0 } }))),
    );
