import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Connection, OAuthGrant } from '../../domain/connection.js';
import type { OutboxEvent } from '../../domain/outbox-event.js';
import { SYSTEM_TASKPORT, systemRequester } from '../../domain/requester.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { audited, auditEntryOf, type RecordingDeps } from '../audit/audited.js';

export interface RefusedGrantDeps extends RecordingDeps {
  readonly unitOfWork: UnitOfWork;
}

const authorizationRequired = (deps: RecordingDeps, connection: Connection): OutboxEvent => ({
  id: deps.eventIds.next(),
  organizationId: connection.organizationId,
  type: 'connection.authorization_required',
  occurredAt: deps.clock.now(),
  cause: 'sync',
  taskId: null,
  connectionId: connection.id,
  data: { provider: connection.provider, site: connection.site, name: connection.name },
});

/**
 * Marks a grant whose refresh token the provider refused, in one transaction with the audit entry
 * (`connection.oauth_refresh_refused`, by taskport itself) and `connection.authorization_required`
 * for the product, which must ask a person to consent again.
 */
export const markRefusedGrant = (deps: RefusedGrantDeps, connection: Connection, grant: OAuthGrant) =>
  audited(
    deps.unitOfWork,
    (ports) =>
      pipe(
        ports.connections.storeOAuthGrant(connection.organizationId, connection.id, { ...grant, status: 'reauthorization_required' }),
        TE.chainW(() => ports.outbox.append([authorizationRequired(deps, connection)])),
      ),
    () => [
      auditEntryOf(deps, systemRequester(connection.organizationId, SYSTEM_TASKPORT))('connection.oauth_refresh_refused', connection.id, {
        provider: connection.provider,
        site: connection.site,
      }),
    ],
  );
