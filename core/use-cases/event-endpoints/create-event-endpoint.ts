import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeInput } from '../../codecs/decode.js';
import { CreateEventEndpointCodec } from '../../codecs/event-input.js';
import { signingSecretContext, toPublicEventEndpoint, type EventEndpoint, type EventEndpointWithSecret } from '../../domain/event-endpoint.js';
import { asEntityId } from '../../domain/ids.js';
import type { Requester } from '../../domain/requester.js';
import type { DomainError } from '../../errors.js';
import { audited, auditEntryOf } from '../audit/audited.js';
import { checkedEndpointUrl, type EventEndpointDeps } from './endpoint-deps.js';

/**
 * Registers where the organization's events go. The signing secret is made here and answered this
 * once; it is stored only encrypted. Audited as `event_endpoint.created`.
 */
export const createEventEndpoint =
  (deps: EventEndpointDeps) =>
  (requester: Requester, body: unknown): TE.TaskEither<DomainError, EventEndpointWithSecret> => {
    const id = asEntityId(deps.ids.next());
    const secret = deps.signingSecrets.next();
    return pipe(
      TE.fromEither(decodeInput(CreateEventEndpointCodec)(body)),
      TE.bindTo('input'),
      TE.bindW('url', ({ input }) => TE.fromEither(checkedEndpointUrl(deps.baseUrlPolicy, input.url))),
      TE.bindW('signingSecret', () => deps.cipher.encrypt(secret, signingSecretContext(requester.organizationId, id))),
      TE.map(({ input, url, signingSecret }): EventEndpoint => {
        const now = deps.clock.now();
        return {
          id,
          organizationId: requester.organizationId,
          url,
          description: input.description ?? null,
          eventTypes: input.eventTypes ?? [],
          enabled: input.enabled ?? true,
          signingSecret,
          previousSigningSecret: null,
          failingSince: null,
          disabledReason: null,
          disabledAt: null,
          createdAt: now,
          updatedAt: now,
        };
      }),
      TE.chainW((endpoint) =>
        audited(
          deps.unitOfWork,
          (ports) => ports.eventEndpoints.insert(endpoint),
          (saved) => [
            auditEntryOf(deps, requester)('event_endpoint.created', saved.id, { url: saved.url, eventTypes: [...saved.eventTypes], enabled: saved.enabled }),
          ],
        ),
      ),
      TE.map((saved) => ({ ...toPublicEventEndpoint(saved), signingSecret: secret })),
    );
  };
