import { CONNECTWISE_SIM_MEMBER, startConnectWiseSimulator, type ConnectWiseSimulator } from '../simulator/connectwise/index.js';
import { tasksOfThisSite, type DemoCall } from './demo-connection.js';
import { onDemoPort } from './demo-ports.js';
import { formatTable, truncate } from './table.js';

const DEMO_CONNECTION = 'Demo ConnectWise (simulator)';
/** The newest ticket's update: fixed, so a rerun finds every ticket as it recorded it (anchored at now, all would be updated). */
const DEMO_ANCHOR = new Date('2026-01-20T12:00:00Z');

/** The demo's PSA simulator, service and project tickets, started with the other simulators so a taken port stops the demo before it begins. */
export const startDemoConnectWise = (tickets: number, port: number): Promise<ConnectWiseSimulator> =>
  onDemoPort('ConnectWise', 'connectwise-port', port, (at) =>
    startConnectWiseSimulator({ serviceTickets: Math.ceil(tickets * 0.6), projectTickets: Math.floor(tickets * 0.4), anchor: DEMO_ANCHOR, port: at }),
  );

/** The ConnectWise part of `npm run demo`: the simulator connected, tested and synced like the Jira one. */
export const connectWiseDemo = async (call: DemoCall, simulator: ConnectWiseSimulator): Promise<void> => {
  console.log(`\nConnectWise simulator: ${simulator.url} (${simulator.store.size()} service and project tickets)`);
  const existing = ((await call('GET', '/api/integrations')) as Array<{ id: string; name: string }>).find((c) => c.name === DEMO_CONNECTION);
  const connection =
    existing === undefined
      ? await call('POST', '/api/integrations', { type: 'connectwise', name: DEMO_CONNECTION, baseUrl: simulator.url, ...CONNECTWISE_SIM_MEMBER })
      : // A new address takes its secret again: a secret never follows a connection to another host unasked.
        await call('PATCH', `/api/integrations/${existing.id}`, { baseUrl: simulator.url, privateKey: CONNECTWISE_SIM_MEMBER.privateKey });
  const test = await call('POST', `/api/integrations/${connection.id}/test`);
  console.log(`Test: ${test.connected ? 'connected' : 'NOT connected'}, ${test.message}`);
  const report = await call('POST', `/api/integrations/${connection.id}/sync-now`, { mode: 'full' });
  console.log(formatTable(['status', 'processed', 'created', 'updated', 'unchanged', 'skipped'], [
    [report.status, report.issuesProcessed, report.created, report.updated, report.unchanged, report.skipped].map(String),
  ]));
  const tasks = await tasksOfThisSite(call, connection, '&board=Help%20Desk', 5);
  console.log('Help Desk tickets (newest change first):');
  console.log(formatTable(
    ['key', 'status', 'priority', 'company', 'assignee', 'title'],
    tasks.map((t: Record<string, string | null>) => [t.key, t.status, t.priority, t.company ?? '-', t.assigneeEmail ?? '-', truncate(t.title ?? '', 40)].map((c) => String(c))),
  ));
};
