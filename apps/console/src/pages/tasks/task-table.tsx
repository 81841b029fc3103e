import type { Task } from '../../api/task';
import { Link } from '../../router/navigation';
import { SourceBadge, StatusBadge } from '../../ui/badges';
import { Time } from '../../ui/time';

/** One page of tasks. Long titles wrap; on a narrow screen each row becomes a card. */
export const TaskTable = ({ tasks }: { tasks: ReadonlyArray<Task> }) => (
  <table class="table responsive tasks" aria-label="Tasks">
    <thead>
      <tr>
        <th scope="col">Task</th>
        <th scope="col">Source</th>
        <th scope="col">Status</th>
        <th scope="col">Priority</th>
        <th scope="col">Project</th>
        <th scope="col">Assignee</th>
        <th scope="col">Updated</th>
      </tr>
    </thead>
    <tbody>
      {tasks.map((task) => (
        <tr key={task.id}>
          <td data-label="Task" class="task-title">
            <Link to={{ name: 'task', id: task.id }} class="strong">
              {task.key}
            </Link>{' '}
            <span class="wrap">{task.title}</span>
          </td>
          <td data-label="Source">
            <SourceBadge source={task.externalSystem} />
          </td>
          <td data-label="Status">
            <StatusBadge status={task.status} />
          </td>
          <td data-label="Priority">{task.priority}</td>
          <td data-label="Project" class="wrap">{task.projectKey ?? '—'}</td>
          <td data-label="Assignee" class="wrap">{task.assigneeEmail ?? '—'}</td>
          <td data-label="Updated">
            <Time iso={task.externalUpdatedAt} />
          </td>
        </tr>
      ))}
    </tbody>
  </table>
);
