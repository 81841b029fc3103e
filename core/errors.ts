export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

export interface InvalidInput {
  readonly _tag: 'InvalidInput';
  readonly message: string;
  readonly details: ReadonlyArray<FieldIssue>;
}
/** A query string that does not decode: like InvalidInput, but the caller is told it is the query. */
export interface InvalidQuery {
  readonly _tag: 'InvalidQuery';
  readonly message: string;
  readonly details: ReadonlyArray<FieldIssue>;
}
export interface ConnectionNotFound {
  readonly _tag: 'ConnectionNotFound';
  readonly connectionId: string;
}
export interface ConnectionAlreadyExists {
  readonly _tag: 'ConnectionAlreadyExists';
  readonly provider: string;
  readonly baseUrl: string;
}
export interface ConnectionDisabled {
  readonly _tag: 'ConnectionDisabled';
  readonly connectionId: string;
}
export interface UserMappingNotFound {
  readonly _tag: 'UserMappingNotFound';
  readonly mappingId: string;
}
export interface UserMappingAlreadyExists {
  readonly _tag: 'UserMappingAlreadyExists';
  readonly externalEmail: string;
}
export interface TaskNotFound {
  readonly _tag: 'TaskNotFound';
  readonly taskId: string;
}
export interface ProviderNotSupported {
  readonly _tag: 'ProviderNotSupported';
  readonly provider: string;
}
/** A provider named in a path that no provider answers to. */
export interface ProviderNotFound {
  readonly _tag: 'ProviderNotFound';
  readonly provider: string;
}
export interface SourceAuthRejected {
  readonly _tag: 'SourceAuthRejected';
  readonly message: string;
}
export interface SourceUnavailable {
  readonly _tag: 'SourceUnavailable';
  readonly message: string;
}
/**
 * The connection's own settings name what the tracker does not have or does not show the account (a
 * project, a field of a filter): fixing the settings fixes it, retrying does not.
 */
export interface SourceConfigurationInvalid {
  readonly _tag: 'SourceConfigurationInvalid';
  readonly message: string;
  /** The settings at fault, by the field names of the connection's public view. */
  readonly details: ReadonlyArray<FieldIssue>;
}
export interface SourceRateLimited {
  readonly _tag: 'SourceRateLimited';
  readonly message: string;
  readonly retryAfterMs: number | null;
}
export interface SyncInProgress {
  readonly _tag: 'SyncInProgress';
  readonly connectionId: string;
}
/** Why a running sync stopped before its end: asked to, its connection went away, or its process is stopping. */
export type SyncStopReason = 'cancelled' | 'connection-deleted' | 'connection-disabled' | 'shutdown' | 'lease-lost';
export interface SyncStopped {
  readonly _tag: 'SyncStopped';
  readonly connectionId: string;
  readonly reason: SyncStopReason;
}
export interface SyncRunNotFound {
  readonly _tag: 'SyncRunNotFound';
  readonly runId: string;
}
export interface SecretUnreadable {
  readonly _tag: 'SecretUnreadable';
  readonly message: string;
}
/** The database could not be reached, or failed: the same write may well work later. */
export interface DatabaseFailure {
  readonly _tag: 'PersistenceFailure';
  readonly message: string;
}
/**
 * The database refused the values themselves (an impossible date, text it cannot hold, a constraint
 * they break): the same write fails again however often it is tried, so it is never an outage.
 */
export interface UnstorableData {
  readonly _tag: 'UnstorableData';
  readonly message: string;
}
/** What a write to the database can fail with: an outage, or values it will never take. */
export type PersistenceFailure = DatabaseFailure | UnstorableData;
/**
 * A webhook whose sender could not be authenticated. Deliberately without detail: an unknown
 * connection, a connection without a secret and a wrong signature must look exactly alike.
 */
export interface WebhookSignatureInvalid {
  readonly _tag: 'WebhookSignatureInvalid';
}
export interface WebhookConnectionDisabled {
  readonly _tag: 'WebhookConnectionDisabled';
  readonly connectionId: string;
}
export interface WebhookPayloadInvalid {
  readonly _tag: 'WebhookPayloadInvalid';
  readonly message: string;
}

/** Why an OAuth authorization could not be completed (answered as `integration/oauth-error`). */
export type OAuthFailureReason =
  | 'state-invalid'
  | 'state-expired'
  | 'browser-mismatch'
  | 'access-denied'
  | 'authorization-failed'
  | 'code-rejected'
  | 'no-site'
  | 'site-unacceptable'
  | 'selection-not-found';
export interface OAuthFailed {
  readonly _tag: 'OAuthFailed';
  readonly reason: OAuthFailureReason;
  readonly message: string;
}
/** The provider refused the connection's refresh token: someone must authorize again. */
export interface ReauthorizationRequired {
  readonly _tag: 'ReauthorizationRequired';
  readonly connectionId: string;
}
export interface OAuthNotConfigured {
  readonly _tag: 'OAuthNotConfigured';
  readonly provider: string;
}

/** A module key that is not in the catalog: the module does not exist, for any workspace. */
export interface ModuleNotFound {
  readonly _tag: 'ModuleNotFound';
  readonly moduleKey: string;
}
/** A known module that the workspace has switched off (or that is off by default). */
export interface ModuleDisabled {
  readonly _tag: 'ModuleDisabled';
  readonly moduleKey: string;
  readonly workspaceId: string;
}

export interface EventEndpointNotFound {
  readonly _tag: 'EventEndpointNotFound';
  readonly endpointId: string;
}
export interface EventDeliveryNotFound {
  readonly _tag: 'EventDeliveryNotFound';
  readonly deliveryId: string;
}
/** A dead-lettered webhook delivery the connection does not hold (never one, or replayed since). */
export interface WebhookDeadLetterNotFound {
  readonly _tag: 'WebhookDeadLetterNotFound';
  readonly deadLetterId: string;
}

/** The tracker refused a write's values: its own messages, per field where it gave them. */
export interface WriteRejected {
  readonly _tag: 'WriteRejected';
  readonly message: string;
  readonly fieldErrors: ReadonlyArray<FieldIssue>;
}
/** No transition (state, board status) of the item leads to the wanted status; `available` is what does exist. */
export interface TransitionUnavailable {
  readonly _tag: 'TransitionUnavailable';
  readonly wanted: string;
  readonly available: ReadonlyArray<string>;
}
export interface WriteNotFound {
  readonly _tag: 'WriteNotFound';
  readonly writeId: string;
}
/** An `Idempotency-Key` sent again with another body: it names a different write. */
export interface IdempotencyKeyReused {
  readonly _tag: 'IdempotencyKeyReused';
  readonly key: string;
}

export type SourceError = SourceAuthRejected | SourceUnavailable | SourceRateLimited | SourceConfigurationInvalid;

export type DomainError =
  | WriteRejected
  | TransitionUnavailable
  | WriteNotFound
  | IdempotencyKeyReused
  | InvalidInput
  | InvalidQuery
  | ConnectionNotFound
  | ConnectionAlreadyExists
  | ConnectionDisabled
  | UserMappingNotFound
  | UserMappingAlreadyExists
  | TaskNotFound
  | ProviderNotSupported
  | ProviderNotFound
  | SourceError
  | SyncInProgress
  | SyncStopped
  | SyncRunNotFound
  | SecretUnreadable
  | DatabaseFailure
  | UnstorableData
  | WebhookSignatureInvalid
  | WebhookConnectionDisabled
  | WebhookPayloadInvalid
  | OAuthFailed
  | ReauthorizationRequired
  | OAuthNotConfigured
  | ModuleNotFound
  | ModuleDisabled
  | EventEndpointNotFound
  | EventDeliveryNotFound
  | WebhookDeadLetterNotFound;

export const invalidInput = (details: ReadonlyArray<FieldIssue>, message = 'The input is invalid'): InvalidInput => ({
  _tag: 'InvalidInput',
  message,
  details,
});
export const invalidQuery = (details: ReadonlyArray<FieldIssue>, message = 'The query string is invalid'): InvalidQuery => ({
  _tag: 'InvalidQuery',
  message,
  details,
});
export const connectionNotFound = (connectionId: string): ConnectionNotFound => ({ _tag: 'ConnectionNotFound', connectionId });
export const connectionAlreadyExists = (provider: string, baseUrl: string): ConnectionAlreadyExists => ({
  _tag: 'ConnectionAlreadyExists',
  provider,
  baseUrl,
});
export const connectionDisabled = (connectionId: string): ConnectionDisabled => ({ _tag: 'ConnectionDisabled', connectionId });
export const userMappingNotFound = (mappingId: string): UserMappingNotFound => ({ _tag: 'UserMappingNotFound', mappingId });
export const userMappingAlreadyExists = (externalEmail: string): UserMappingAlreadyExists => ({
  _tag: 'UserMappingAlreadyExists',
  externalEmail,
});
export const taskNotFound = (taskId: string): TaskNotFound => ({ _tag: 'TaskNotFound', taskId });
export const providerNotSupported = (provider: string): ProviderNotSupported => ({ _tag: 'ProviderNotSupported', provider });
export const providerNotFound = (provider: string): ProviderNotFound => ({ _tag: 'ProviderNotFound', provider });
export const sourceAuthRejected = (message: string): SourceAuthRejected => ({ _tag: 'SourceAuthRejected', message });
export const sourceUnavailable = (message: string): SourceUnavailable => ({ _tag: 'SourceUnavailable', message });
export const sourceConfigurationInvalid = (message: string, details: ReadonlyArray<FieldIssue> = []): SourceConfigurationInvalid => ({
  _tag: 'SourceConfigurationInvalid',
  message,
  details,
});
export const sourceRateLimited = (message: string, retryAfterMs: number | null): SourceRateLimited => ({
  _tag: 'SourceRateLimited',
  message,
  retryAfterMs,
});
export const syncInProgress = (connectionId: string): SyncInProgress => ({ _tag: 'SyncInProgress', connectionId });
export const syncStopped = (connectionId: string, reason: SyncStopReason): SyncStopped => ({ _tag: 'SyncStopped', connectionId, reason });
export const syncRunNotFound = (runId: string): SyncRunNotFound => ({ _tag: 'SyncRunNotFound', runId });
export const secretUnreadable = (message: string): SecretUnreadable => ({ _tag: 'SecretUnreadable', message });
export const persistenceFailure = (message: string): PersistenceFailure => ({ _tag: 'PersistenceFailure', message });
export const unstorableData = (message: string): UnstorableData => ({ _tag: 'UnstorableData', message });
export const webhookSignatureInvalid = (): WebhookSignatureInvalid => ({ _tag: 'WebhookSignatureInvalid' });
export const webhookConnectionDisabled = (connectionId: string): WebhookConnectionDisabled => ({
  _tag: 'WebhookConnectionDisabled',
  connectionId,
});
export const webhookPayloadInvalid = (message: string): WebhookPayloadInvalid => ({ _tag: 'WebhookPayloadInvalid', message });
export const oauthFailed = (reason: OAuthFailureReason, message: string): OAuthFailed => ({ _tag: 'OAuthFailed', reason, message });
export const reauthorizationRequired = (connectionId: string): ReauthorizationRequired => ({ _tag: 'ReauthorizationRequired', connectionId });
export const oauthNotConfigured = (provider: string): OAuthNotConfigured => ({ _tag: 'OAuthNotConfigured', provider });
export const moduleNotFound = (moduleKey: string): ModuleNotFound => ({ _tag: 'ModuleNotFound', moduleKey });
export const moduleDisabled = (moduleKey: string, workspaceId: string): ModuleDisabled => ({ _tag: 'ModuleDisabled', moduleKey, workspaceId });
export const eventEndpointNotFound = (endpointId: string): EventEndpointNotFound => ({ _tag: 'EventEndpointNotFound', endpointId });
export const writeRejected = (message: string, fieldErrors: ReadonlyArray<FieldIssue> = []): WriteRejected => ({ _tag: 'WriteRejected', message, fieldErrors });
export const transitionUnavailable = (wanted: string, available: ReadonlyArray<string>): TransitionUnavailable => ({ _tag: 'TransitionUnavailable', wanted, available });
export const writeNotFound = (writeId: string): WriteNotFound => ({ _tag: 'WriteNotFound', writeId });
export const idempotencyKeyReused = (key: string): IdempotencyKeyReused => ({ _tag: 'IdempotencyKeyReused', key });
export const eventDeliveryNotFound = (deliveryId: string): EventDeliveryNotFound => ({ _tag: 'EventDeliveryNotFound', deliveryId });
export const webhookDeadLetterNotFound = (deadLetterId: string): WebhookDeadLetterNotFound => ({ _tag: 'WebhookDeadLetterNotFound', deadLetterId });

/** A human sentence for any domain error, for logs and sync-run history. */
export const describeError = (e: DomainError): string => {
  switch (e._tag) {
    case 'InvalidInput':
    case 'InvalidQuery':
      return `${e.message}: ${e.details.map((d) => `${d.path} ${d.message}`).join('; ')}`;
    case 'ConnectionNotFound':
      return `Connection ${e.connectionId} was not found`;
    case 'ConnectionAlreadyExists':
      return `A ${e.provider} connection to ${e.baseUrl} already exists`;
    case 'ConnectionDisabled':
      return `Connection ${e.connectionId} is disabled`;
    case 'UserMappingNotFound':
      return `User mapping ${e.mappingId} was not found`;
    case 'UserMappingAlreadyExists':
      return `A user mapping for ${e.externalEmail} already exists`;
    case 'TaskNotFound':
      return `Task ${e.taskId} was not found`;
    case 'ProviderNotSupported':
      return `Provider ${e.provider} is not supported`;
    case 'ProviderNotFound':
      return `There is no provider named ${e.provider}`;
    case 'SyncInProgress':
      return `A sync of connection ${e.connectionId} is already running`;
    case 'SyncStopped':
      return {
        cancelled: 'The sync was cancelled',
        'connection-deleted': 'The sync stopped: its connection was deleted',
        'connection-disabled': 'The sync stopped: its connection was disabled',
        shutdown: 'The sync was interrupted: the worker running it shut down',
        'lease-lost': 'The sync was interrupted: its worker stopped renewing its lease',
      }[e.reason];
    case 'SyncRunNotFound':
      return `Sync run ${e.runId} was not found`;
    case 'WebhookSignatureInvalid':
      return 'The webhook signature is missing or invalid';
    case 'WebhookConnectionDisabled':
      return `Connection ${e.connectionId} is disabled; its webhooks are refused until it is enabled`;
    case 'ReauthorizationRequired':
      return `Connection ${e.connectionId} needs to be authorized again: the provider refused its refresh token; start the OAuth authorization again`;
    case 'OAuthNotConfigured':
      return `OAuth for ${e.provider} is not configured on this server (client id and secret are missing)`;
    case 'ModuleNotFound':
      return `There is no module ${e.moduleKey}`;
    case 'ModuleDisabled':
      return `Module ${e.moduleKey} is switched off for workspace ${e.workspaceId}`;
    case 'EventEndpointNotFound':
      return `Event endpoint ${e.endpointId} was not found`;
    case 'EventDeliveryNotFound':
      return `Event delivery ${e.deliveryId} was not found`;
    case 'TransitionUnavailable':
      return `No transition leads to ${e.wanted}; reachable: ${e.available.length === 0 ? 'none' : e.available.join(', ')}`;
    case 'WriteNotFound':
      return `Write ${e.writeId} was not found`;
    case 'IdempotencyKeyReused':
      return `The Idempotency-Key ${e.key} was already used with another body`;
    case 'WebhookDeadLetterNotFound':
      return `Dead-lettered webhook delivery ${e.deadLetterId} was not found`;
    case 'WriteRejected':
    case 'SourceAuthRejected':
    case 'SourceUnavailable':
    case 'SourceRateLimited':
    case 'SourceConfigurationInvalid':
    case 'SecretUnreadable':
    case 'PersistenceFailure':
    case 'UnstorableData':
    case 'WebhookPayloadInvalid':
    case 'OAuthFailed':
      return e.message;
  }
};
