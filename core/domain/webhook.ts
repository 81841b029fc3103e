import type { SourceIssue } from './source-issue.js';

/** Header names in lower case, one value each, as the HTTP adapter hands them over. */
export type WebhookHeaders = Readonly<Record<string, string>>;

/** What a delivery asks for, once a provider's decoder has read it. */
export type WebhookEvent =
  | { readonly kind: 'upsert'; readonly issue: SourceIssue }
  | { readonly kind: 'delete'; readonly externalId: string; readonly occurredAt: Date }
  /** The delivery names the item but does not carry it (or not readably): it is fetched when applied. */
  | { readonly kind: 'refetch'; readonly externalId: string }
  | { readonly kind: 'ignored'; readonly name: string };

export interface WebhookDelivery {
  /** Stable across the provider's retries of one delivery: the key that makes processing it once. */
  readonly deliveryId: string;
  readonly event: WebhookEvent;
}

/** What applying a delivery did: applied it, had already applied it, or had nothing to do. */
export type WebhookOutcome = 'applied' | 'duplicate' | 'ignored';

/**
 * What the receiver answered: `accepted` (durably recorded in the inbox, applied shortly after),
 * `duplicate` (this delivery was recorded before) or `ignored` (an event taskport does not use,
 * acknowledged without being recorded).
 */
export type WebhookReceiptOutcome = 'accepted' | 'duplicate' | 'ignored';

export interface WebhookReceipt {
  readonly deliveryId: string;
  readonly outcome: WebhookReceiptOutcome;
}
