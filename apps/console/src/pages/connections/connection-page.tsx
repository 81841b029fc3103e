import type { Connection } from '../../api/connection';
import { useSession } from '../../auth/session';
import { Link } from '../../router/navigation';
import type { ConnectionTab } from '../../router/routes';
import { FailureNotice, Loading } from '../../ui/notice';
import { Page } from '../../ui/page';
import { useResource } from '../../ui/use-resource';
import { MappingsEditor } from '../mappings/mappings-editor';
import { ConnectionActions } from './connection-actions';
import { ConnectionSummary } from './connection-summary';
import { ConnectionSettings } from './connection-settings';
import { SyncPanel } from './sync-panel';

const TABS: ReadonlyArray<{ readonly tab: ConnectionTab; readonly label: string }> = [
  { tab: 'overview', label: 'Overview' },
  { tab: 'mappings', label: 'Mappings' },
  { tab: 'settings', label: 'Settings and secrets' },
];

const Tabs = ({ id, current }: { id: string; current: ConnectionTab }) => (
  <nav class="tabs" aria-label="Connection sections">
    {TABS.map(({ tab, label }) => (
      <Link key={tab} to={{ name: 'connection', id, tab }} aria-current={tab === current ? 'page' : undefined}>
        {label}
      </Link>
    ))}
  </nav>
);

const TabContent = ({ tab, connection, onChanged, reload }: { tab: ConnectionTab; connection: Connection; onChanged: (c: Connection) => void; reload: () => void }) => {
  if (tab === 'mappings') return <MappingsEditor connection={connection} />;
  if (tab === 'settings') return <ConnectionSettings connection={connection} onChanged={onChanged} />;
  return (
    <>
      <ConnectionSummary connection={connection} />
      <ConnectionActions connection={connection} onChanged={onChanged} />
      <SyncPanel connection={connection} onSynced={reload} />
    </>
  );
};

/** One connection: its status and actions, its mappings, its settings and secrets. */
export const ConnectionPage = ({ id, tab }: { id: string; tab: ConnectionTab }) => {
  const { api } = useSession();
  const { resource, reload, replace } = useResource(() => api.connections.get(id), [api, id]);
  const title = resource.state === 'ready' ? resource.value.name : 'Connection';
  return (
    <Page title={title}>
      <Link to={{ name: 'connections' }} class="back">
        ← All connections
      </Link>
      <Tabs id={id} current={tab} />
      {resource.state === 'loading' ? <Loading what="the connection" /> : null}
      {resource.state === 'failed' ? <FailureNotice error={resource.error} /> : null}
      {resource.state === 'ready' ? <TabContent tab={tab} connection={resource.value} onChanged={replace} reload={() => void reload()} /> : null}
    </Page>
  );
};
