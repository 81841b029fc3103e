import { useSession } from '../../auth/session';
import { Link } from '../../router/navigation';
import { SourceBadge, StatusBadge } from '../../ui/badges';
import { FailureNotice, Loading } from '../../ui/notice';
import { Page } from '../../ui/page';
import { Time } from '../../ui/time';
import { useResource } from '../../ui/use-resource';
import type { Connection } from '../../api/connection';
import { authorizationHealth, syncHealth, webhookHealth } from './connection-health';

const ConnectionRow = ({ connection }: { connection: Connection }) => {
  const sync = syncHealth(connection);
  const auth = authorizationHealth(connection);
  const webhooks = webhookHealth(connection);
  return (
    <tr>
      <td data-label="Connection">
        <Link to={{ name: 'connection', id: connection.id, tab: 'overview' }} class="strong wrap">
          {connection.name}
        </Link>
        <div class="muted wrap">{connection.baseUrl ?? ''}</div>
      </td>
      <td data-label="Source">
        <SourceBadge source={connection.provider} />
      </td>
      <td data-label="State">
        <StatusBadge status={connection.enabled ? 'enabled' : 'disabled'} />
      </td>
      <td data-label="Last sync">
        <StatusBadge status={sync.status} label={sync.label} /> <Time iso={connection.syncState.lastSyncAt} empty="" />
      </td>
      <td data-label="Webhooks">
        <StatusBadge status={webhooks.status} label={webhooks.label} />
      </td>
      <td data-label="Authorization">
        <StatusBadge status={auth.status} label={auth.label} />
      </td>
    </tr>
  );
};

/** Every connection of the organization with its health at a glance. */
export const ConnectionsPage = () => {
  const { api } = useSession();
  const { resource } = useResource(() => api.connections.list(), [api]);
  return (
    <Page
      title="Connections"
      actions={
        <Link to={{ name: 'new-connection' }} class="button primary">
          Add a connection
        </Link>
      }
    >
      {resource.state === 'loading' ? <Loading what="connections" /> : null}
      {resource.state === 'failed' ? <FailureNotice error={resource.error} /> : null}
      {resource.state === 'ready' && resource.value.length === 0 ? <p>No tracker is connected yet. Add a connection to start syncing tasks.</p> : null}
      {resource.state === 'ready' && resource.value.length > 0 ? (
        <table class="table responsive" aria-label="Connections">
          <thead>
            <tr>
              <th scope="col">Connection</th>
              <th scope="col">Source</th>
              <th scope="col">State</th>
              <th scope="col">Last sync</th>
              <th scope="col">Webhooks</th>
              <th scope="col">Authorization</th>
            </tr>
          </thead>
          <tbody>
            {resource.value.map((connection) => (
              <ConnectionRow key={connection.id} connection={connection} />
            ))}
          </tbody>
        </table>
      ) : null}
    </Page>
  );
};
