import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { ConnectionId, OrganizationId } from '../domain/ids.js';
import type { ConnectionNotFound, PersistenceFailure } from '../errors.js';
import type { ConnectionRepository } from '../ports/connection-repository.js';
import type { ProviderRegistry } from '../ports/provider.js';
import type { WebhookInbox } from '../ports/webhook-inbox.js';
import { loadConnection } from './load-connection.js';
import { publicConnectionOf } from './providers/find-provider.js';
import { withDeadLetterCounts, type ConnectionView } from './webhooks/webhook-dead-letters.js';

export const getConnection =
  (deps: { readonly connections: ConnectionRepository; readonly providers: ProviderRegistry; readonly webhookInbox: WebhookInbox }) =>
  (organizationId: OrganizationId, id: ConnectionId): TE.TaskEither<ConnectionNotFound | PersistenceFailure, ConnectionView> =>
    pipe(
      loadConnection(deps.connections)(organizationId, id),
      TE.map(publicConnectionOf(deps.providers)),
      TE.chainW((view) => withDeadLetterCounts(deps.webhookInbox, organizationId)([view])),
      TE.map(([view]) => view!),
    );
