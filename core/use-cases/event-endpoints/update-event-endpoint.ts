import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeInput } from '../../codecs/decode.js';
import { UpdateEventEndpointCodec, type UpdateEventEndpointInput } from '../../codecs/event-input.js';
import { deepEqual } from '../../domain/deep-equal.js';
import {
  SIGNING_SECRET_GRACE_MS,
  signingSecretContext,
  toPublicEventEndpoint,
  type EventEndpoint,
  type PublicEventEndpoint,
} from '../../domain/event-endpoint.js';
import type { EntityId } from '../../domain/ids.js';
import { toJson, type JsonObject } from '../../domain/json.js';
import type { Requester } from '../../domain/requester.js';
import type { DomainError } from '../../errors.js';
import { audited, auditEntryOf } from '../audit/audited.js';
import { checkedEndpointUrl, loadEndpoint, type EventEndpointDeps } from './endpoint-deps.js';

const EDITABLE = ['url', 'description', 'eventTypes', 'enabled'] as const;

/** Switching an endpoint on again forgets why taskport switched it off. */
const edited = (current: EventEndpoint, input: UpdateEventEndpointInput, now: Date): EventEndpoint => {
  const enabled = input.enabled ?? current.enabled;
  const reenabled = enabled && !current.enabled;
  return {
    ...current,
    url: input.url ?? current.url,
    description: input.description === undefined ? current.description : input.description,
    eventTypes: input.eventTypes ?? current.eventTypes,
    enabled,
    ...(reenabled ? { failingSince: null, disabledReason: null, disabledAt: null } : {}),
    updatedAt: now,
  };
};

/** A new secret signs from now on; the one it replaces signs beside it for a day, so receivers can switch over. */
const rotated = (deps: EventEndpointDeps, endpoint: EventEndpoint, secret: string, now: Date) =>
  pipe(
    deps.cipher.encrypt(secret, signingSecretContext(endpoint.organizationId, endpoint.id)),
    TE.map(
      (signingSecret): EventEndpoint => ({
        ...endpoint,
        signingSecret,
        previousSigningSecret: { secret: endpoint.signingSecret, validUntil: new Date(now.getTime() + SIGNING_SECRET_GRACE_MS) },
      }),
    ),
  );

const summaryOf = (before: EventEndpoint, after: EventEndpoint, rotatedSecret: boolean): JsonObject | null => {
  const changed = EDITABLE.filter((field) => !deepEqual(before[field], after[field]));
  if (changed.length === 0 && !rotatedSecret) return null;
  return {
    changed: [...changed, ...(rotatedSecret ? ['signingSecret'] : [])],
    changes: Object.fromEntries(changed.map((field) => [field, { before: toJson(before[field]), after: toJson(after[field]) }])),
    secrets: rotatedSecret ? ['signingSecret rotated'] : [],
  };
};

/** Edits an endpoint; with `rotateSecret: true` the answer carries the new secret, this once. Audited as `event_endpoint.updated`. */
export const updateEventEndpoint =
  (deps: EventEndpointDeps) =>
  (requester: Requester, id: EntityId, body: unknown): TE.TaskEither<DomainError, PublicEventEndpoint & { readonly signingSecret?: string }> => {
    const now = deps.clock.now();
    return pipe(
      TE.fromEither(decodeInput(UpdateEventEndpointCodec)(body)),
      TE.bindTo('input'),
      TE.chainFirstW(({ input }) => TE.fromEither(input.url === undefined ? E.right(undefined) : checkedEndpointUrl(deps.baseUrlPolicy, input.url))),
      TE.bindW('current', () => loadEndpoint(deps.eventEndpoints)(requester.organizationId, id)),
      TE.bind('secret', ({ input }) => TE.right(input.rotateSecret === true ? deps.signingSecrets.next() : null)),
      TE.bindW('next', ({ input, current, secret }) => (secret === null ? TE.right(edited(current, input, now)) : rotated(deps, edited(current, input, now), secret, now))),
      TE.chainW(({ current, next, secret }) =>
        pipe(
          audited(
            deps.unitOfWork,
            (ports) => ports.eventEndpoints.update(next),
            (saved) => {
              const summary = summaryOf(current, saved, secret !== null);
              return summary === null ? [] : [auditEntryOf(deps, requester)('event_endpoint.updated', saved.id, summary)];
            },
          ),
          TE.map((saved) => ({ ...toPublicEventEndpoint(saved), ...(secret === null ? {} : { signingSecret: secret }) })),
        ),
      ),
    );
  };
