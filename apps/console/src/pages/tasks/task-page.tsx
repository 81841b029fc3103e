import { useSession } from '../../auth/session';
import { Link } from '../../router/navigation';
import { SourceBadge, StatusBadge, sourceName } from '../../ui/badges';
import { FailureNotice, Loading } from '../../ui/notice';
import { Page } from '../../ui/page';
import { Time } from '../../ui/time';
import { useResource } from '../../ui/use-resource';
import type { Task } from '../../api/task';

const Detail = ({ task }: { task: Task }) => (
  <>
    <p>
      <a href={task.url} target="_blank" rel="noopener noreferrer" class="button">
        Open {task.key} in {sourceName(task.externalSystem)} ↗
      </a>
    </p>
    <dl class="summary panel">
      <dt>Source</dt>
      <dd>
        <SourceBadge source={task.externalSystem} />
      </dd>
      <dt>Status</dt>
      <dd>
        <StatusBadge status={task.status} /> <span class="muted">({task.rawStatus ?? 'no status'} in the tracker)</span>
      </dd>
      <dt>Priority</dt>
      <dd>
        {task.priority} <span class="muted">({task.rawPriority ?? 'none'} in the tracker)</span>
      </dd>
      <dt>Project</dt>
      <dd class="wrap">
        {task.projectKey ?? '—'}
        {task.internalProjectId === null || task.internalProjectId === undefined ? null : <span class="muted"> → {task.internalProjectId}</span>}
      </dd>
      <dt>Assignee</dt>
      <dd class="wrap">
        {task.assigneeEmail ?? '—'}
        {task.resourceId === null || task.resourceId === undefined ? null : <span class="muted"> → resource {task.resourceId}</span>}
      </dd>
      <dt>Due</dt>
      <dd>{task.dueDate ?? '—'}</dd>
      <dt>Updated in the tracker</dt>
      <dd>
        <Time iso={task.externalUpdatedAt} />
      </dd>
      <dt>Last synced</dt>
      <dd>
        <Time iso={task.lastSyncedAt} />
      </dd>
      {task.deletedAt === null || task.deletedAt === undefined ? null : (
        <>
          <dt>Deleted in the tracker</dt>
          <dd>
            <Time iso={task.deletedAt} />
          </dd>
        </>
      )}
    </dl>
    <section class="panel" aria-labelledby="description-heading">
      <h2 id="description-heading">Description</h2>
      <p class="description">{task.description ?? 'No description.'}</p>
    </section>
  </>
);

/** One task, with the link to it in its tracker. */
export const TaskPage = ({ id }: { id: string }) => {
  const { api } = useSession();
  const { resource } = useResource(() => api.tasks.get(id), [api, id]);
  return (
    <Page title={resource.state === 'ready' ? `${resource.value.key}: ${resource.value.title}` : 'Task'}>
      <Link to={{ name: 'tasks', filters: {} }} class="back">
        ← All tasks
      </Link>
      {resource.state === 'loading' ? <Loading what="the task" /> : null}
      {resource.state === 'failed' ? <FailureNotice error={resource.error} /> : null}
      {resource.state === 'ready' ? <Detail task={resource.value} /> : null}
    </Page>
  );
};
