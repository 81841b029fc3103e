import type { Connection } from '../../api/connection';

export interface Health {
  readonly status: string;
  readonly label: string;
}

/** Webhook health in a word: not set up, waiting for a first delivery, refusing some, or receiving. */
export const webhookHealth = (connection: Connection): Health => {
  const { webhooks } = connection;
  if (connection.values.hasWebhookSecret !== true) return { status: 'never', label: 'not set up' };
  if (webhooks.refused > 0 && webhooks.accepted === 0) return { status: 'failed', label: `${webhooks.refused} refused, none accepted` };
  if (webhooks.lastWebhookAt === null) return { status: 'plain', label: 'no delivery yet' };
  return webhooks.refused > 0
    ? { status: 'failed', label: `${webhooks.accepted} accepted, ${webhooks.refused} refused` }
    : { status: 'succeeded', label: `${webhooks.accepted} accepted` };
};

export const authorizationHealth = (connection: Connection): Health =>
  connection.authorizationStatus === 'active'
    ? { status: 'active', label: connection.authType === 'oauth2' ? 'OAuth authorized' : 'API token' }
    : { status: connection.authorizationStatus, label: 'authorize again' };

export const syncHealth = (connection: Connection): Health => ({
  status: connection.syncState.lastSyncStatus,
  label: connection.syncState.lastSyncStatus === 'never' ? 'never synced' : connection.syncState.lastSyncStatus,
});
