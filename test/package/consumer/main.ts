// A host embedding taskport, as a product would: installed from the packed tarball, imported by
// name, typechecked by tsc against the package's declarations, then run. It prints one JSON line.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { asEntityId, asOrganizationId, createTaskport, isTaskportError, type PublishedEvent, type Requester, type SyncReport } from 'taskport';
import { describeError, type ExternalTask } from 'taskport/core';
import type { Principal } from 'taskport/koa';
import { jira } from 'taskport/providers';

const env = (name: string): string => process.env[name] ?? `missing ${name}`;
const organizationId = asOrganizationId(env('ORGANIZATION_ID'));
const host: Requester = { organizationId, actor: 'host:consumer', requestId: null };

const taskport = await createTaskport({
  databaseUrl: env('DATABASE_URL'),
  encryptionKeys: { current: env('ENCRYPTION_KEY') },
  providers: [jira()],
  allowPrivateNetwork: true,
  events: { pollMs: 50 },
});
const events: PublishedEvent[] = [];
const unsubscribe = taskport.onEvent((event) => void events.push(event));
await taskport.worker.start();

const connection = await taskport.useCases.createConnection(host, { type: 'jira', baseUrl: env('JIRA_URL'), email: env('JIRA_EMAIL'), apiToken: env('JIRA_TOKEN') });
const report: SyncReport = await taskport.useCases.syncNow({ organizationId, connectionId: asEntityId(connection.id), origin: host });
const tasks: ReadonlyArray<ExternalTask> = (await taskport.useCases.listTasks(organizationId, { limit: '5' })).items;
const missing: unknown = await taskport.useCases.getConnection(organizationId, asEntityId(randomUUID())).catch((error: unknown) => error);

// The host's own sign-in names the organization; here a header stands in for its session.
const signedIn = (ctx: Koa.Context): Principal | undefined => (ctx.get('x-host-user') === 'alice' ? { organizationId, subject: 'alice' } : undefined);
const router = taskport.router({ principal: signedIn });
const app = new Koa().use(router.routes()).use(router.allowedMethods());
const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const listed = await fetch(`${base}/api/integrations`, { headers: { 'x-host-user': 'alice' } });
const anonymous = await fetch(`${base}/api/integrations`);
server.close();

await taskport.drain();
await unsubscribe();
await taskport.close();
console.log(
  JSON.stringify({
    report: { status: report.status, created: report.created },
    tasks: tasks.map((task) => task.title),
    missing: isTaskportError(missing, 'ConnectionNotFound') ? { code: missing.code, status: missing.status, message: describeError(missing.error) } : String(missing),
    http: { listed: listed.status, connections: ((await listed.json()) as { data: unknown[] }).data.length, anonymous: anonymous.status },
    eventTypes: [...new Set(events.map((event) => event.type))].sort(),
  }),
);

/** Never called: it only has to fail to compile if the package's types were `any`. */
export const typesAreReal = () => {
  // @ts-expect-error syncNow takes a command, not a string
  void taskport.useCases.syncNow('connection-id');
  // @ts-expect-error the encryption keys are an object with `current`
  void createTaskport({ databaseUrl: 'postgres://x', encryptionKeys: 'key' });
};
