import type { Connection } from '../../api/connection';
import { SourceBadge, StatusBadge } from '../../ui/badges';
import { Time } from '../../ui/time';
import { authorizationHealth, syncHealth, webhookHealth } from './connection-health';

/** Where the tracker sends this connection's webhooks. */
const webhookAddress = (connection: Connection): string =>
  `${window.location.origin}/api/webhooks/${encodeURIComponent(connection.provider)}/${encodeURIComponent(connection.id)}`;

/** Where the connection points and how it is doing. */
export const ConnectionSummary = ({ connection }: { connection: Connection }) => {
  const sync = syncHealth(connection);
  const auth = authorizationHealth(connection);
  const webhooks = webhookHealth(connection);
  return (
    <section class="panel" aria-labelledby="summary-heading">
      <h2 id="summary-heading">Status</h2>
      <dl class="summary">
        <dt>Source</dt>
        <dd>
          <SourceBadge source={connection.provider} />
        </dd>
        <dt>Address</dt>
        <dd class="wrap">{connection.baseUrl ?? '—'}</dd>
        <dt>State</dt>
        <dd>
          <StatusBadge status={connection.enabled ? 'enabled' : 'disabled'} />
        </dd>
        <dt>Authorization</dt>
        <dd>
          <StatusBadge status={auth.status} label={auth.label} />
          {connection.email === null || connection.email === undefined ? null : <span class="muted"> as {connection.email}</span>}
        </dd>
        <dt>Last sync</dt>
        <dd>
          <StatusBadge status={sync.status} label={sync.label} /> <Time iso={connection.syncState.lastSyncAt} empty="" />
          {connection.syncState.lastSyncError === null ? null : <div class="field-error wrap">{connection.syncState.lastSyncError}</div>}
        </dd>
        <dt>Webhooks</dt>
        <dd>
          <StatusBadge status={webhooks.status} label={webhooks.label} />
          {connection.webhooks.lastWebhookAt === null ? null : (
            <span class="muted">
              {' '}
              last <Time iso={connection.webhooks.lastWebhookAt} />
            </span>
          )}
        </dd>
        <dt>Webhook address</dt>
        <dd>
          <code class="wrap">{webhookAddress(connection)}</code>
          <div class="muted">Register it in the tracker, signed with the connection's webhook secret.</div>
        </dd>
      </dl>
    </section>
  );
};
