import type { Ciphertext, Connection, PreviousWebhookSecret } from './connection.js';

/** How long a replaced webhook secret stays valid unless configured otherwise. */
export const DEFAULT_WEBHOOK_SECRET_GRACE_MS = 24 * 3_600_000;

export interface WebhookSecrets {
  readonly webhookSecret: Ciphertext | null;
  readonly previousWebhookSecret: PreviousWebhookSecret | null;
}

/**
 * The secrets after an update: a new secret keeps the one it replaces valid for `graceMs`, so the
 * tracker can be switched over without losing deliveries; `null` removes every secret at once.
 */
export const rotateWebhookSecret = (
  current: WebhookSecrets,
  next: Ciphertext | null | undefined,
  now: Date,
  graceMs: number,
): WebhookSecrets => {
  if (next === undefined) return { webhookSecret: current.webhookSecret, previousWebhookSecret: current.previousWebhookSecret };
  if (next === null) return { webhookSecret: null, previousWebhookSecret: null };
  const previous = current.webhookSecret === null || graceMs <= 0 ? null : { secret: current.webhookSecret, validUntil: new Date(now.getTime() + graceMs) };
  return { webhookSecret: next, previousWebhookSecret: previous };
};

/** The ciphertexts a delivery may be signed with at `now`: the current secret, and the previous one during its grace. */
export const acceptedWebhookSecrets = (connection: Connection, now: Date): ReadonlyArray<Ciphertext> => {
  if (connection.webhookSecret === null) return [];
  const previous = connection.previousWebhookSecret;
  const inGrace = previous !== null && previous.validUntil.getTime() > now.getTime();
  return inGrace ? [connection.webhookSecret, previous.secret] : [connection.webhookSecret];
};
