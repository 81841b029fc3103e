import type * as E from 'fp-ts/lib/Either.js';
import type * as T from 'fp-ts/lib/Task.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { FieldMappings } from '../domain/field-mappings.js';
import type { ProviderSettings } from '../domain/provider.js';
import type { ProviderDescription } from '../domain/provider-description.js';
import type { FieldIssue, InvalidInput, SourceError } from '../errors.js';
import type { IssueSource, SourceConnection } from './issue-source.js';
import type { IssueWriter } from './issue-writer.js';
import type { OAuthProfile } from './oauth-provider.js';
import type { WebhookHandler } from './webhook-handler.js';

/** A new connection's provider part, decoded: secrets in plain text, to be encrypted by core. */
export interface ConnectionDraft {
  readonly baseUrl: string;
  readonly authMode: string;
  readonly settings: ProviderSettings;
  readonly secrets: Readonly<Record<string, string>>;
}

/** An update's provider part, applied to the current settings: only the secrets given are replaced. */
export interface ConnectionChange {
  readonly baseUrl?: string;
  readonly settings: ProviderSettings;
  readonly secrets: Readonly<Record<string, string>>;
}

/** The provider's own codec of its connections' settings and credentials (every bad field named). */
export interface ConnectionCodec {
  /** The provider's fields of a create body (core has taken its common ones out), for the provider's direct auth mode. */
  readonly decodeNew: (fields: Readonly<Record<string, unknown>>) => E.Either<ReadonlyArray<FieldIssue>, ConnectionDraft>;
  /** The provider's fields of an update body; fields the connection's auth mode does not take are refused. */
  readonly decodeChange: (
    fields: Readonly<Record<string, unknown>>,
    current: { readonly authMode: string; readonly settings: ProviderSettings },
  ) => E.Either<ReadonlyArray<FieldIssue>, ConnectionChange>;
}

/** What a connection's site is worked out from. */
export interface SiteInput {
  readonly baseUrl: string;
  readonly settings: ProviderSettings;
  /** The grant's details for an OAuth connection (they may name the site), else null. */
  readonly grantDetails: Readonly<Record<string, string>> | null;
}

/** What a connection reads besides its own settings: the projects its scope limits it to (none: all). */
export interface SettingsScope {
  readonly projectKeys: ReadonlyArray<string>;
}

/**
 * One tracker as core sees it: facts as data (the description), its codec, its rules for URLs and
 * sites, its default mappings, and the adapters that reach it. Core never names a provider: it
 * finds them in the `ProviderRegistry` by the name a connection carries.
 */
export interface Provider {
  readonly description: ProviderDescription;
  readonly connectionCodec: ConnectionCodec;
  /** The provider's own URL rules (scheme, hosts) and normal form; the network guard checks the result too. */
  readonly checkBaseUrl: (url: string) => E.Either<string, string>;
  /** The tracker instance a connection reaches (see `Connection.site`); may ask the tracker, never fails. */
  readonly resolveSite: (input: SiteInput) => T.Task<string>;
  /**
   * Checks a connection's settings and the projects it is limited to against the tracker itself,
   * where a mistake would otherwise surface only when a sync fails (a filter naming fields that do
   * not exist, a project the account cannot see): `SourceConfigurationInvalid` naming the setting.
   * Called when a connection is saved and when it is tested.
   */
  readonly checkSettings?: (connection: SourceConnection, scope: SettingsScope) => TE.TaskEither<InvalidInput | SourceError, void>;
  /**
   * Called once a new connection is stored (to register it with the tracker, such as a callback);
   * best effort: it never fails the creation, and the provider reports its own failures.
   */
  readonly onConnectionCreated?: (connection: SourceConnection) => T.Task<void>;
  /** Called once a connection is deleted (to undo `onConnectionCreated`); best effort, like it. */
  readonly onConnectionDeleted?: (connection: SourceConnection) => T.Task<void>;
  /** The mappings a new connection starts with; their `default` entries cannot be removed. */
  readonly defaultMappings: () => FieldMappings;
  readonly issues: IssueSource;
  /** Absent when taskport does not write back to this tracker (see docs/write-back.md). */
  readonly writes?: IssueWriter;
  readonly webhooks?: WebhookHandler;
  /** Absent when the provider has no OAuth flow, or none is configured on this server. */
  readonly oauth?: OAuthProfile;
}

/** Every provider this server speaks to, found by name. */
export interface ProviderRegistry {
  readonly find: (name: string) => Provider | undefined;
  readonly all: () => ReadonlyArray<Provider>;
}
