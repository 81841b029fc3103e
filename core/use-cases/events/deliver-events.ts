import * as T from 'fp-ts/lib/Task.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { disablingReason, outcomeOf, type AttemptOutcome, type ClaimedEventDelivery, type DeliveryAttempt } from '../../domain/event-delivery.js';
import { signingSecretContext } from '../../domain/event-endpoint.js';
import type { PersistenceFailure } from '../../errors.js';
import type { Cipher } from '../../ports/cipher.js';
import type { Clock } from '../../ports/clock.js';
import type { EventDeliveries } from '../../ports/event-deliveries.js';
import type { EventSender, SendResult } from '../../ports/event-sender.js';

export interface DeliverEventsDeps {
  readonly eventDeliveries: EventDeliveries;
  readonly eventSender: EventSender;
  readonly cipher: Cipher;
  readonly clock: Clock;
}

/** What one pass did with the deliveries it claimed. */
export interface DeliveryPassCounts {
  readonly claimed: number;
  readonly delivered: number;
  readonly retrying: number;
  readonly givenUp: number;
  /** Attempts whose outcome could not be stored: their lease ends, and they are sent again. */
  readonly unrecorded: number;
}

/** The secrets a delivery is signed with now: the current one, and the replaced one during its grace. */
const signingSecrets = (deps: DeliverEventsDeps, claimed: ClaimedEventDelivery, now: Date) => {
  const context = signingSecretContext(claimed.organizationId, claimed.endpointId);
  const previous = claimed.endpoint.previousSigningSecret;
  const inGrace = previous !== null && previous.validUntil.getTime() > now.getTime();
  return pipe(
    [claimed.endpoint.signingSecret, ...(inGrace ? [previous.secret] : [])].map((secret) => deps.cipher.decrypt(secret, context)),
    TE.sequenceArray,
  );
};

const attemptOf = (deps: DeliverEventsDeps, claimed: ClaimedEventDelivery, at: Date): T.Task<DeliveryAttempt> =>
  pipe(
    signingSecrets(deps, claimed, at),
    TE.match(
      (): T.Task<SendResult> => T.of({ statusCode: null, error: 'the signing secret cannot be read' }),
      (secrets) => deps.eventSender.send({ url: claimed.endpoint.url, body: claimed.body, eventId: claimed.eventId, eventType: claimed.eventType, secrets, at }),
    ),
    T.flatten,
    T.map((result) => ({ at, statusCode: result.statusCode, error: result.error, durationMs: Math.max(0, deps.clock.now().getTime() - at.getTime()) })),
  );

type Result = AttemptOutcome['kind'] | 'unrecorded';

const deliverOne =
  (deps: DeliverEventsDeps) =>
  (claimed: ClaimedEventDelivery): T.Task<Result> =>
    pipe(
      attemptOf(deps, claimed, deps.clock.now()),
      T.chain((attempt) => {
        const outcome = outcomeOf(claimed, attempt);
        const record = { deliveryId: claimed.id, endpointId: claimed.endpointId, attempt, outcome, disableEndpoint: disablingReason(claimed, attempt, outcome) };
        return pipe(
          deps.eventDeliveries.recordAttempt(record),
          TE.match(
            (): Result => 'unrecorded',
            (): Result => outcome.kind,
          ),
        );
      }),
    );

/**
 * One pass of the deliverer: claims due deliveries (at most one per task and endpoint, so order
 * per task holds whatever runs beside it), POSTs them side by side, and records each attempt.
 * Safe from any number of processes at once; a job queue can run it as a job as well.
 */
export const deliverEvents =
  (deps: DeliverEventsDeps) =>
  (limit: number): TE.TaskEither<PersistenceFailure, DeliveryPassCounts> =>
    pipe(
      deps.eventDeliveries.claim(limit, deps.clock.now()),
      TE.chain((claimed) => TE.fromTask(T.sequenceArray(claimed.map(deliverOne(deps))))),
      TE.map((results) => {
        const count = (result: Result) => results.filter((r) => r === result).length;
        return { claimed: results.length, delivered: count('delivered'), retrying: count('retry'), givenUp: count('given-up'), unrecorded: count('unrecorded') };
      }),
    );
