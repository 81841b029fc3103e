import { useState } from 'preact/hooks';
import { issueAt } from '../../api/api-error';
import type { TaskFilters } from '../../api/task';
import { useSession } from '../../auth/session';
import { useNavigation } from '../../router/navigation';
import { FailureNotice, Loading } from '../../ui/notice';
import { Page } from '../../ui/page';
import { useResource } from '../../ui/use-resource';
import { TaskFiltersForm } from './task-filters';
import { TaskTable } from './task-table';

const PAGE_SIZE = 50;

/** The unified tasks of every tracker, filtered and paged by cursor: never more than a page in the page. */
export const TasksPage = ({ filters }: { filters: TaskFilters }) => {
  const { api } = useSession();
  const { navigate } = useNavigation();
  // The cursors of the pages seen so far; the last is the page shown.
  const [cursors, setCursors] = useState<ReadonlyArray<string | null>>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const filterKey = JSON.stringify(filters);
  const { resource } = useResource(() => api.tasks.page(filters, PAGE_SIZE, cursor), [api, filterKey, cursor]);
  const apply = (next: TaskFilters) => {
    setCursors([null]);
    navigate({ name: 'tasks', filters: next });
  };
  const error = resource.state === 'failed' ? resource.error : undefined;
  const nextCursor = resource.state === 'ready' ? resource.value.meta.nextCursor : null;
  return (
    <Page title="Tasks">
      <TaskFiltersForm key={filterKey} filters={filters} onApply={apply} issueAt={(field) => issueAt(error, field)} />
      {resource.state === 'loading' ? <Loading what="tasks" /> : null}
      {error === undefined ? null : <FailureNotice error={error} />}
      {resource.state === 'ready' && resource.value.data.length === 0 ? <p>No task matches.</p> : null}
      {resource.state === 'ready' && resource.value.data.length > 0 ? <TaskTable tasks={resource.value.data} /> : null}
      <nav class="pager" aria-label="Pages of tasks">
        <button type="button" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
          ← Previous
        </button>
        <span aria-live="polite">Page {cursors.length}</span>
        <button type="button" disabled={nextCursor === null} onClick={() => nextCursor !== null && setCursors([...cursors, nextCursor])}>
          Next →
        </button>
      </nav>
    </Page>
  );
};
