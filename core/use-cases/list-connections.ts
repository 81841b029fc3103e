import * as TE from 'fp-ts/lib/TaskEither.js';
import * as RA from 'fp-ts/lib/ReadonlyArray.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { OrganizationId } from '../domain/ids.js';
import type { PersistenceFailure } from '../errors.js';
import type { ConnectionRepository } from '../ports/connection-repository.js';
import type { ProviderRegistry } from '../ports/provider.js';
import type { WebhookInbox } from '../ports/webhook-inbox.js';
import { publicConnectionOf } from './providers/find-provider.js';
import { withDeadLetterCounts, type ConnectionView } from './webhooks/webhook-dead-letters.js';

export const listConnections =
  (deps: { readonly connections: ConnectionRepository; readonly providers: ProviderRegistry; readonly webhookInbox: WebhookInbox }) =>
  (organizationId: OrganizationId): TE.TaskEither<PersistenceFailure, ReadonlyArray<ConnectionView>> =>
    pipe(
      deps.connections.list(organizationId),
      TE.map(RA.map(publicConnectionOf(deps.providers))),
      TE.chainW(withDeadLetterCounts(deps.webhookInbox, organizationId)),
    );
