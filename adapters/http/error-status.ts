import type { DomainError } from '../../core/index.js';

export interface HttpStatusAndCode {
  readonly status: number;
  readonly code: string;
}

/** The one table from domain errors to HTTP; a new error tag without an entry does not compile. */
export const ERROR_STATUS: Readonly<Record<DomainError['_tag'], HttpStatusAndCode>> = {
  InvalidInput: { status: 400, code: 'validation/invalid-body' },
  InvalidQuery: { status: 400, code: 'validation/invalid-query' },
  ConnectionNotFound: { status: 404, code: 'integration/not-found' },
  ConnectionAlreadyExists: { status: 409, code: 'integration/already-exists' },
  ConnectionDisabled: { status: 409, code: 'integration/disabled' },
  UserMappingNotFound: { status: 404, code: 'user-mapping/not-found' },
  UserMappingAlreadyExists: { status: 409, code: 'user-mapping/already-exists' },
  TaskNotFound: { status: 404, code: 'task/not-found' },
  ProviderNotSupported: { status: 422, code: 'integration/provider-not-supported' },
  ProviderNotFound: { status: 404, code: 'provider/not-found' },
  SourceAuthRejected: { status: 422, code: 'integration/invalid-credentials' },
  SourceRateLimited: { status: 429, code: 'integration/rate-limited' },
  SourceUnavailable: { status: 502, code: 'integration/provider-unavailable' },
  // The connection's settings name what the tracker does not have: the caller must fix them, not retry.
  SourceConfigurationInvalid: { status: 422, code: 'integration/invalid-filter' },
  SyncInProgress: { status: 409, code: 'sync/in-progress' },
  SyncStopped: { status: 409, code: 'sync/stopped' },
  SyncRunNotFound: { status: 404, code: 'sync-run/not-found' },
  SecretUnreadable: { status: 500, code: 'internal/secret-unreadable' },
  PersistenceFailure: { status: 503, code: 'internal/database-unavailable' },
  // Values the database refused: trying again cannot help, and the database is not down.
  UnstorableData: { status: 422, code: 'validation/unstorable-value' },
  // Never 408/409/425/429 for a webhook refusal: Jira retries those, and these never get better.
  WebhookSignatureInvalid: { status: 401, code: 'webhook/invalid-signature' },
  WebhookConnectionDisabled: { status: 403, code: 'webhook/connection-disabled' },
  WebhookPayloadInvalid: { status: 400, code: 'webhook/invalid-payload' },
  OAuthFailed: { status: 400, code: 'integration/oauth-error' },
  ReauthorizationRequired: { status: 409, code: 'integration/reauthorization-required' },
  OAuthNotConfigured: { status: 501, code: 'integration/oauth-not-configured' },
  // A switched-off module hides its routes exactly like one that does not exist.
  ModuleNotFound: { status: 404, code: 'module/not-found' },
  ModuleDisabled: { status: 404, code: 'module/disabled' },
  EventEndpointNotFound: { status: 404, code: 'event-endpoint/not-found' },
  EventDeliveryNotFound: { status: 404, code: 'event-delivery/not-found' },
  WriteNotFound: { status: 404, code: 'write/not-found' },
  IdempotencyKeyReused: { status: 409, code: 'write/idempotency-key-reused' },
  // Tracker refusals of a write are reported on the write (GET /api/writes/:id); these rows serve callers that surface them directly.
  WriteRejected: { status: 422, code: 'write/rejected' },
  TransitionUnavailable: { status: 409, code: 'write/transition-unavailable' },
  WebhookDeadLetterNotFound: { status: 404, code: 'webhook-dead-letter/not-found' },
};
