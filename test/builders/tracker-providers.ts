import * as TE from 'fp-ts/lib/TaskEither.js';
import type { OAuthProfile, Provider, WebhookHandler } from '../../core/index.js';
import {
  FAKE_TRACKER,
  FAKE_TRACKER_SIGNATURE,
  fakeTrackerWebhooks,
  memoryIssueSource,
  memoryProvider,
  type MemoryIssueSource,
} from '../../adapters/memory/index.js';
import { describedConnectionCodec } from '../../adapters/providers/shared/connection-codec.js';
import { claimedDigests, hmacSigned } from '../../adapters/providers/shared/hmac-signature.js';

/** The key a tracker without shared secrets signs with; its handler finds it on its own, as if it fetched it. */
export const TRACKER_OWN_SIGNING_KEY = 'key-the-tracker-publishes';

/** Webhooks signed with the tracker's own key rather than a secret set on the connection. */
export const ownKeyWebhooks = (): WebhookHandler => ({
  ...fakeTrackerWebhooks(),
  usesSharedSecret: false,
  verify: (rawBody, headers, signer) =>
    TE.right(signer.connection !== null && hmacSigned(rawBody, claimedDigests(headers, FAKE_TRACKER_SIGNATURE), [TRACKER_OWN_SIGNING_KEY])),
});

export interface OtherTrackerOptions {
  readonly displayName?: string;
  /** Its webhook handler; null for a tracker without webhooks. The fake tracker's shared-secret handler by default. */
  readonly webhooks?: WebhookHandler | null;
  readonly issues?: MemoryIssueSource;
  /** Its OAuth profile; none by default. */
  readonly oauth?: OAuthProfile;
}

/**
 * A second provider shaped like the fake tracker but registered under `name`: for what core does
 * with several providers (catalogue, routing by provider, providers without shared secrets).
 */
export const anotherTracker = (name: string, options: OtherTrackerOptions = {}): Provider => {
  const description = { ...FAKE_TRACKER, name, displayName: options.displayName ?? `Other Tracker (${name})` };
  const { webhooks: _fakeWebhooks, ...base } = memoryProvider(options.issues ?? memoryIssueSource(), options.oauth);
  const webhooks = options.webhooks === undefined ? fakeTrackerWebhooks() : options.webhooks;
  return { ...base, description, connectionCodec: describedConnectionCodec(description), ...(webhooks === null ? {} : { webhooks }) };
};
