import { createHmac } from 'node:crypto';
import type { SourceIssue } from '../../core/index.js';
import { FAKE_TRACKER_DELIVERY_HEADER } from '../../adapters/memory/memory-provider.js';

export interface SignedDelivery {
  readonly rawBody: Buffer;
  readonly headers: Record<string, string>;
}

export const hmacHex = (body: string | Buffer, secret: string): string => createHmac('sha256', secret).update(body).digest('hex');

/** The fake tracker's deliveries: an item changed, deleted, named without its content, or something else. */
export const upsertDelivery = (issue: SourceIssue) => ({ event: 'upsert', issue: { ...issue, createdAt: issue.createdAt?.toISOString() ?? null, updatedAt: issue.updatedAt.toISOString() } });
export const deleteDelivery = (externalId: string, occurredAt: Date) => ({ event: 'delete', externalId, occurredAt: occurredAt.toISOString() });
export const refetchDelivery = (externalId: string) => ({ event: 'refetch', externalId });
export const otherDelivery = (event = 'comment_added') => ({ event });

/**
 * A delivery as bytes and lower-case headers, signed with `secret` in `X-Tracker-Signature` (none
 * without a secret), deduplicated on `deliveryId` (the body's hash when null).
 */
export const signedDelivery = (payload: unknown, options: { secret?: string; deliveryId?: string | null } = {}): SignedDelivery => {
  const rawBody = Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload));
  return {
    rawBody,
    headers: {
      'content-type': 'application/json',
      ...(options.deliveryId === null ? {} : { [FAKE_TRACKER_DELIVERY_HEADER]: options.deliveryId ?? `delivery-${hmacHex(rawBody, 'id').slice(0, 12)}` }),
      ...(options.secret === undefined ? {} : { 'x-tracker-signature': hmacHex(rawBody, options.secret) }),
    },
  };
};
