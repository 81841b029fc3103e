import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { Logger } from 'pino';
import { toFieldIssues } from '../../core/index.js';
import type { Keyring } from '../../adapters/crypto/aes-gcm-cipher.js';
import { Key32FromBase64, PostgresUrlFromEnv } from '../api/env-codecs.js';
import type { EventDeliveryOptions } from '../api/event-delivery.js';
import type { ProviderFactory } from './providers.js';

/** How the worker of an embedded taskport runs; the service's defaults for any left out. */
export interface TaskportWorkerOptions {
  /** Sync jobs run side by side (4). */
  readonly concurrency?: number;
  /** How often it looks for queued jobs queued by other processes (2 s). */
  readonly pollSeconds?: number;
  /** How often it queues due syncs and closes the runs of workers that are gone (15 s). */
  readonly tickSeconds?: number;
  /** The lease a running sync holds and renews (60 s). */
  readonly leaseSeconds?: number;
}

export interface TaskportOptions {
  /** A `postgres://` URL of an existing database: taskport's tables and the job queue's schema (`taskport_jobs`) go in it. */
  readonly databaseUrl: string;
  /**
   * Keys of 32 bytes, base64 (`openssl rand -base64 32`): `current` encrypts every stored secret,
   * `previous` (retired keys) only decrypt what they encrypted, during a rotation.
   */
  readonly encryptionKeys: { readonly current: string; readonly previous?: ReadonlyArray<string> };
  /** The trackers to speak to (`taskport/providers`); Jira, ServiceNow and ConnectWise without OAuth apps by default. */
  readonly providers?: ReadonlyArray<ProviderFactory>;
  /** A pino logger; by default one at `warn` on stdout that redacts secrets. */
  readonly logger?: Logger;
  /** Applies taskport's pending migrations and the job queue's schema at start (true by default). */
  readonly migrate?: boolean;
  /** Allows http and loopback or private tracker and endpoint addresses: local development and tests only (false by default). */
  readonly allowPrivateNetwork?: boolean;
  readonly worker?: TaskportWorkerOptions;
  /** How events are published, delivered and kept (batch sizes, polling, retention). */
  readonly events?: EventDeliveryOptions;
}

/** Options that cannot work, named one by one; thrown before anything is opened. */
export class TaskportConfigError extends Error {
  override readonly name = 'TaskportConfigError';
}

const SecretsCodec = t.type({
  databaseUrl: PostgresUrlFromEnv,
  encryptionKeys: t.type({ current: Key32FromBase64, previous: t.union([t.undefined, t.readonlyArray(Key32FromBase64)]) }),
});

/** The options' URL and keys decoded like the service's environment, so a JavaScript caller gets the same plain words. */
export const decodeSecrets = (options: TaskportOptions): { readonly databaseUrl: string; readonly keyring: Keyring } => {
  const decoded = SecretsCodec.decode(options);
  if (E.isLeft(decoded)) {
    throw new TaskportConfigError(`Invalid taskport options: ${toFieldIssues(decoded.left).map((issue) => `${issue.path} ${issue.message}`).join('; ')}`);
  }
  const { databaseUrl, encryptionKeys } = decoded.right;
  return { databaseUrl, keyring: { current: encryptionKeys.current, previous: encryptionKeys.previous ?? [] } };
};
