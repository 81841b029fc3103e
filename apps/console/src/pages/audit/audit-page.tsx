import { useState } from 'preact/hooks';
import { issueAt } from '../../api/api-error';
import type { AuditEntry, AuditFilters } from '../../api/audit';
import { useSession } from '../../auth/session';
import { useNavigation } from '../../router/navigation';
import { FailureNotice, Loading } from '../../ui/notice';
import { Page } from '../../ui/page';
import { useLoadMore } from '../../ui/use-load-more';
import { AuditFiltersForm } from './audit-filters';
import { AuditTable } from './audit-table';

const PAGE_SIZE = 50;

const shownText = (count: number, all: boolean): string => `${count} ${count === 1 ? 'entry' : 'entries'} shown${all ? ', the oldest included' : ''}`;

/** Every change made in the organization, newest first: filtered, and read 50 entries at a time. */
export const AuditPage = ({ filters }: { filters: AuditFilters }) => {
  const { api } = useSession();
  const { navigate } = useNavigation();
  const log = useLoadMore<AuditEntry>((cursor) => api.audit.page(filters, PAGE_SIZE, cursor));
  const [focusFrom, setFocusFrom] = useState<number | undefined>(undefined);
  const loadMore = () => {
    setFocusFrom(log.items.length);
    void log.loadMore();
  };
  const firstPage = log.items.length === 0;
  return (
    <Page title="Audit log">
      <p class="muted">Each change to connections, mappings, user mappings, workspace modules and event endpoints, and each sync run, with who made it.</p>
      <AuditFiltersForm filters={filters} onApply={(next) => navigate({ name: 'audit', filters: next })} issueAt={(field) => issueAt(log.error, field)} />
      {log.state === 'ready' && firstPage ? <p>No entry matches.</p> : null}
      {firstPage ? null : <AuditTable entries={log.items} focusFrom={log.state === 'ready' ? focusFrom : undefined} />}
      {log.state === 'loading' ? <Loading what="audit entries" /> : null}
      {log.state === 'failed' ? <FailureNotice error={log.error} /> : null}
      <div class="pager">
        <span role="status">{firstPage ? '' : shownText(log.items.length, log.nextCursor === null)}</span>
        {log.nextCursor === null ? null : (
          <button type="button" onClick={loadMore} disabled={log.state === 'loading'}>
            Load more
          </button>
        )}
      </div>
    </Page>
  );
};
