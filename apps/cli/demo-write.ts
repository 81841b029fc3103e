import { statusById } from '../simulator/jira/catalog.js';
import type { JiraSimulator } from '../simulator/jira/index.js';
import type { DemoCall as Call } from './demo-connection.js';
import { formatTable } from './table.js';

/**
 * One write round trip on Jira: the product creates a task through the API, the worker writes it to
 * the simulator (the issue, its marker label, a transition of its workflow), and the task is read back.
 */
export const showWriteRoundTrip = async (call: Call, simulator: JiraSimulator, connectionId: string): Promise<void> => {
  const projectKey = simulator.store.projects[0]!.key;
  const body = { connectionId, projectKey, title: 'Written back by the demo', description: 'Created through POST /api/external-tasks', priority: 'high', status: 'in_progress' };
  console.log(`\nWrite-back: POST /api/external-tasks?wait=true ${JSON.stringify({ ...body, connectionId: '…' })}`);
  const write = await call('POST', '/api/external-tasks?wait=true', body);
  if (write.status !== 'succeeded') {
    console.log(`The write ${write.writeId} is ${write.status}${write.error === null || write.error === undefined ? '' : `: ${write.error.code} ${write.error.message}`}`);
    return;
  }
  const issue = simulator.store.find(write.result.key);
  const task = await call('GET', `/api/external-tasks/${write.result.taskId}`);
  console.log(`Write ${write.writeId}: ${write.status} after ${write.attempts} attempt(s)`);
  console.log(
    formatTable(
      ['where', 'key', 'title', 'status', 'labels / version'],
      [
        ['Jira (simulator)', issue?.key ?? '?', issue?.summary ?? '?', issue === undefined ? '?' : statusById(issue.statusId).name, (issue?.labels ?? []).join(',')],
        ['taskport task', task.key, task.title, `${task.status} (${task.rawStatus})`, write.result.version],
      ],
    ),
  );
};
