import { useEffect, useRef } from 'preact/hooks';
import type { AuditEntry } from '../../api/audit';
import { Link } from '../../router/navigation';
import { Time } from '../../ui/time';
import { AuditSummary } from './audit-summary';

const TARGET_NAMES: Readonly<Record<string, string>> = {
  connection: 'Connection',
  user_mapping: 'User mapping',
  workspace_module: 'Workspace module',
  sync_run: 'Sync run',
  event_endpoint: 'Event endpoint',
};

/** The record an entry changed; a connection that still exists links to its page. */
const Target = ({ entry }: { entry: AuditEntry }) => (
  <>
    <span class="muted">{TARGET_NAMES[entry.targetType] ?? entry.targetType}</span>{' '}
    {entry.targetType === 'connection' && entry.action !== 'connection.deleted' ? (
      <Link to={{ name: 'connection', id: entry.targetId, tab: 'overview' }} class="mono wrap">
        {entry.targetId}
      </Link>
    ) : (
      <span class="mono wrap">{entry.targetId}</span>
    )}
    <div>
      <Link to={{ name: 'audit', filters: { targetId: entry.targetId } }} class="small" aria-label={`Every entry about ${entry.targetId}`}>
        its history
      </Link>
    </div>
  </>
);

interface Props {
  readonly entries: ReadonlyArray<AuditEntry>;
  /** The first row of the last page added, which takes the focus so "load more" leads the keyboard to it. */
  readonly focusFrom?: number | undefined;
}

/** Audit entries, newest first. Long ids and summaries wrap; on a narrow screen each row becomes a card. */
export const AuditTable = ({ entries, focusFrom }: Props) => {
  const body = useRef<HTMLTableSectionElement>(null);
  useEffect(() => {
    if (focusFrom !== undefined) body.current?.rows[focusFrom]?.cells[0]?.focus();
  }, [focusFrom, entries.length]);
  return (
    <table class="table responsive audit" aria-label="Audit log">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">What</th>
          <th scope="col">Which record</th>
          <th scope="col">Summary</th>
        </tr>
      </thead>
      <tbody ref={body}>
        {entries.map((entry) => (
          <tr key={entry.id}>
            <td data-label="When" tabIndex={-1}>
              <Time iso={entry.occurredAt} />
            </td>
            <td data-label="Who" class="wrap">
              {entry.actor}
            </td>
            <td data-label="What">
              <code>{entry.action}</code>
            </td>
            <td data-label="Record">
              <Target entry={entry} />
            </td>
            <td data-label="Summary">
              <AuditSummary summary={entry.summary} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};
