import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Connection } from '../../domain/connection.js';
import { webhookIdempotencyKey } from '../../domain/task-event.js';
import type { WebhookDelivery, WebhookHeaders, WebhookReceipt } from '../../domain/webhook.js';
import {
  providerNotSupported,
  webhookConnectionDisabled,
  type DomainError,
  type PersistenceFailure,
  type ProviderNotFound,
  type ProviderNotSupported,
  type SecretUnreadable,
  type SourceUnavailable,
  type WebhookConnectionDisabled,
  type WebhookPayloadInvalid,
  type WebhookSignatureInvalid,
} from '../../errors.js';
import type { Cipher } from '../../ports/cipher.js';
import type { Clock } from '../../ports/clock.js';
import type { ConnectionRepository } from '../../ports/connection-repository.js';
import type { ProviderRegistry } from '../../ports/provider.js';
import type { WebhookEnvelope, WebhookHandler } from '../../ports/webhook-handler.js';
import type { WebhookInbox } from '../../ports/webhook-inbox.js';
import type { WebhookStatsRecorder } from '../../ports/webhook-stats-recorder.js';
import { providerNamed } from '../providers/find-provider.js';
import { isSynced } from './apply-webhook-event.js';
import { findWebhookConnection, refuseUnknownConnection, verifySignature, type ReceiveWebhookCommand } from './authenticate-webhook.js';

export type { ReceiveWebhookCommand } from './authenticate-webhook.js';

export interface ReceiveWebhookDeps {
  readonly webhookInbox: WebhookInbox;
  readonly connections: ConnectionRepository;
  readonly cipher: Cipher;
  readonly clock: Clock;
  readonly providers: ProviderRegistry;
  readonly webhookStats: WebhookStatsRecorder;
}

export type ReceiveWebhookError =
  | ProviderNotFound
  | ProviderNotSupported
  | WebhookSignatureInvalid
  | WebhookConnectionDisabled
  | WebhookPayloadInvalid
  | SourceUnavailable
  | SecretUnreadable
  | PersistenceFailure;

/** Answers the sender must not retry: they count as refused. Our own failures count as neither. */
const REFUSALS: ReadonlySet<DomainError['_tag']> = new Set(['WebhookSignatureInvalid', 'WebhookConnectionDisabled', 'WebhookPayloadInvalid']);

const counted =
  (deps: ReceiveWebhookDeps, connection: Connection, at: Date) =>
  <A>(work: TE.TaskEither<ReceiveWebhookError, A>): TE.TaskEither<ReceiveWebhookError, A> =>
  async () => {
    const result = await work();
    const outcome = E.isRight(result) ? 'accepted' : REFUSALS.has(result.left._tag) ? 'refused' : null;
    if (outcome !== null) await deps.webhookStats.record(connection.organizationId, connection.id, outcome, at)();
    return result;
  };

const keptHeaders = (headers: WebhookHeaders, names: ReadonlyArray<string>): WebhookHeaders =>
  Object.fromEntries(names.flatMap((name) => (headers[name] === undefined ? [] : [[name, headers[name]]])));

/** What the whole delivery, decoded, tells the answer: an item outside the connection's project scope is not used either. */
const envelopeOf =
  (connection: Connection) =>
  ({ deliveryId, event }: WebhookDelivery): WebhookEnvelope => ({
    deliveryId,
    ignored: event.kind === 'ignored' ? event.name : event.kind === 'upsert' && !isSynced(connection, event.issue) ? 'outside the project scope' : null,
  });

/**
 * Only what the answer needs, where the provider can read it alone: the item is decoded when the
 * delivery is applied. A connection scoped to some projects needs the item to tell whether it is
 * used, so its deliveries are decoded in full.
 */
const readEnvelope = (handler: WebhookHandler, connection: Connection, command: ReceiveWebhookCommand): E.Either<WebhookPayloadInvalid, WebhookEnvelope> =>
  handler.identify !== undefined && connection.projectScope.length === 0
    ? handler.identify(command.rawBody, command.headers, connection)
    : E.map(envelopeOf(connection))(handler.decode(command.rawBody, command.headers, connection));

/** Events taskport does not use are answered without being recorded; everything else is recorded first. */
const recordDelivery = (deps: ReceiveWebhookDeps, handler: WebhookHandler, connection: Connection, command: ReceiveWebhookCommand, envelope: WebhookEnvelope, now: Date) => {
  const { deliveryId } = envelope;
  if (envelope.ignored !== null) return TE.right<never, WebhookReceipt>({ deliveryId, outcome: 'ignored' });
  return pipe(
    deps.webhookInbox.record({
      organizationId: connection.organizationId,
      connectionId: connection.id,
      provider: connection.provider,
      deliveryId,
      deliveryKey: webhookIdempotencyKey(connection, deliveryId),
      receivedAt: now,
      rawBody: command.rawBody,
      headers: keptHeaders(command.headers, handler.headersRead),
    }),
    TE.map((recorded): WebhookReceipt => ({ deliveryId, outcome: recorded === 'recorded' ? 'accepted' : 'duplicate' })),
  );
};

const processDelivery = (deps: ReceiveWebhookDeps, handler: WebhookHandler, connection: Connection, command: ReceiveWebhookCommand, now: Date) =>
  pipe(
    verifySignature(deps, handler)(connection, command, now),
    TE.chainW((verified) => (verified.enabled ? TE.right(verified) : TE.left(webhookConnectionDisabled(verified.id)))),
    TE.chainEitherKW((verified) => readEnvelope(handler, verified, command)),
    TE.chainW((envelope) => recordDelivery(deps, handler, connection, command, envelope, now)),
  );

/**
 * One delivery of a provider's webhook to one connection. The signature over the raw bytes is
 * checked before anything is parsed; only then do a disabled connection or an unreadable payload
 * get their own answers (an unreadable envelope is a synchronous 400; the item is decoded when the
 * delivery is applied, see `readEnvelope`). The organization is always the connection's. A delivery is durably recorded in the inbox, once
 * however often it arrives from the same tracker instance, before this answers;
 * `processWebhookInbox` applies it afterwards, so a slow database delays the effect, not the answer.
 */
export const receiveWebhook =
  (deps: ReceiveWebhookDeps) =>
  (command: ReceiveWebhookCommand): TE.TaskEither<ReceiveWebhookError, WebhookReceipt> => {
    const provider = providerNamed(deps.providers, command.provider);
    if (E.isLeft(provider)) return TE.left(provider.left);
    const handler = provider.right.webhooks;
    if (handler === undefined) return TE.left(providerNotSupported(command.provider));
    const now = deps.clock.now();
    return pipe(
      findWebhookConnection(deps.connections)(command),
      TE.chainW((connection) =>
        connection === null ? refuseUnknownConnection(handler, command) : counted(deps, connection, now)(processDelivery(deps, handler, connection, command, now)),
      ),
    );
  };
