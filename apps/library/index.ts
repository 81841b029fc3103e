// `taskport`: the library entry. `taskport/core` is core (types, codecs, errors), `taskport/koa` the
// HTTP adapter, `taskport/providers` the trackers.
export { createTaskport, type Taskport, type TaskportWorker } from './create-taskport.js';
export { TaskportConfigError, type TaskportOptions, type TaskportWorkerOptions } from './options.js';
export { TaskportError, isTaskportError } from './taskport-error.js';
export { HOST_USE_CASES, type HostUseCaseName, type Promised, type TaskportUseCases } from './promised-use-cases.js';
export type { ProviderFactory, ProviderNetwork } from './providers.js';
export type { OnEvent, SubscribeOptions } from '../api/event-delivery.js';
export type { RouterAuth, ApiRouterOptions } from '../../adapters/http/create-api-router.js';
export type { JwtVerification } from '../../adapters/http/middleware/jwt-auth.js';
export type { Principal } from '../../adapters/http/principal.js';
export {
  asEntityId,
  asOrganizationId,
  type DomainError,
  type EntityId,
  type OrganizationId,
  type PublishedEvent,
  type Requester,
  type SyncReport,
} from '../../core/index.js';
