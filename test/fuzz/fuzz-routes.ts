import type { Random } from '../../apps/simulator/jira/prng.js';
import { arrayOf, field, jiraWebhookPayload, nullableField, objectOf, recordOf, type FieldGen, type FuzzTarget } from './fuzz-bodies.js';
import type { FieldKind } from './fuzz-values.js';

/** Which id a route's `:id` names when well-formed; `none-live` never names a record of the target (no live connection is deleted). */
type IdOf = 'connection' | 'mutable-connection' | 'any' | 'none-live';

/** One route of the API, as its router declares it, with the fields of its body and query. */
export interface FuzzRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly auth: 'jwt' | 'none' | 'webhook';
  readonly id?: IdOf;
  readonly body?: FieldGen;
  readonly query?: Readonly<Record<string, FieldKind>>;
}

const tracker = (target: FuzzTarget) => ({ url: () => target.trackerUrl, email: () => target.trackerEmail, secret: () => target.trackerApiToken });
const projectMapping = objectOf({ projectKey: field('text') }, { internalProjectId: nullableField(field('text')) });
const EVENT_TYPES = ['external_task.created', 'external_task.updated', 'connection.sync_failed', 'nope'];
const STATUSES = ['backlog', 'todo', 'in_progress', 'done', 'cancelled'];

const connectionFields = {
  baseUrl: field('url', tracker),
  email: field('email', tracker),
  apiToken: field('secret', tracker),
};
/**
 * Any storable text is a JQL filter as far as taskport can tell; only Jira can judge it, and a sync
 * with a filter Jira refuses answers 502 with Jira's reason. So the fuzzer breaks the filter only in
 * ways the API must refuse itself, and otherwise keeps it one Jira accepts.
 */
const jqlFilter: FieldGen = (random, _target, badness) =>
  badness === 'one' || (badness === 'chaos' && random.chance(0.6))
    ? random.pick<unknown>(['project = OPS\u0000', 'project = \ud800OPS', 'x'.repeat(4_001), '', ' ', 42, true, {}, ['project = OPS']])
    : random.pick(['project = OPS', 'project in (OPS, PROJ) ORDER BY updated', 'status != Done']);

const connectionOptions = {
  name: field('text'),
  webhookSecret: field('secret'),
  projectMappings: arrayOf(projectMapping),
  projectScope: arrayOf(field('text')),
  jqlFilter: nullableField(jqlFilter),
  pollingEnabled: field('bool'),
  syncIntervalSeconds: field('int'),
  enabled: field('bool'),
};

/** Every route the API serves (a test keeps this list equal to the routers'). */
export const FUZZ_ROUTES: ReadonlyArray<FuzzRoute> = [
  { method: 'GET', path: '/healthz', auth: 'none' },
  { method: 'GET', path: '/readyz', auth: 'none' },
  { method: 'GET', path: '/metrics', auth: 'none' },
  { method: 'GET', path: '/api/providers', auth: 'jwt' },
  { method: 'POST', path: '/api/webhooks/:provider/:connectionId', auth: 'webhook', id: 'connection', body: jiraWebhookPayload },
  {
    method: 'GET',
    path: '/api/integrations/oauth/:provider/callback',
    auth: 'none',
    query: { code: 'text', state: 'text', error: ['access_denied', 'server_error'], error_description: 'text' },
  },
  { method: 'POST', path: '/api/integrations/oauth/:provider/start', auth: 'jwt', body: objectOf({}, { redirectUri: field('url', (t) => ({ url: () => t.redirectUri })) }) },
  { method: 'POST', path: '/api/integrations/oauth/:provider/select-site', auth: 'jwt', body: objectOf({ cloudId: field('text') }, { selectionId: field('uuid') }) },
  { method: 'GET', path: '/api/integrations/oauth/:provider/selections/:id', auth: 'jwt', id: 'any' },
  { method: 'POST', path: '/api/integrations', auth: 'jwt', body: objectOf({ type: field(['jira']), ...connectionFields }, connectionOptions) },
  { method: 'GET', path: '/api/integrations', auth: 'jwt' },
  { method: 'GET', path: '/api/integrations/:id', auth: 'jwt', id: 'connection' },
  { method: 'PATCH', path: '/api/integrations/:id', auth: 'jwt', id: 'mutable-connection', body: objectOf({}, { ...connectionFields, ...connectionOptions, webhookSecret: nullableField(field('secret')) }) },
  { method: 'DELETE', path: '/api/integrations/:id', auth: 'jwt', id: 'none-live' },
  { method: 'POST', path: '/api/integrations/:id/test', auth: 'jwt', id: 'mutable-connection' },
  { method: 'POST', path: '/api/integrations/:id/sync-now', auth: 'jwt', id: 'mutable-connection', body: objectOf({}, { mode: field(['incremental', 'full', 'sweep']) }) },
  { method: 'GET', path: '/api/integrations/:id/sync-runs/:runId', auth: 'jwt', id: 'connection' },
  { method: 'POST', path: '/api/integrations/:id/sync-runs/:runId/cancel', auth: 'jwt', id: 'connection' },
  { method: 'GET', path: '/api/integrations/:id/sync-runs', auth: 'jwt', id: 'connection' },
  { method: 'GET', path: '/api/integrations/:id/quarantine', auth: 'jwt', id: 'connection', query: { limit: 'int' } },
  { method: 'GET', path: '/api/integrations/:id/webhook-dead-letters', auth: 'jwt', id: 'connection', query: { limit: 'int' } },
  { method: 'POST', path: '/api/integrations/:id/webhook-dead-letters/replay', auth: 'jwt', id: 'connection' },
  { method: 'POST', path: '/api/integrations/:id/webhook-dead-letters/:deadLetterId/replay', auth: 'jwt', id: 'connection' },
  { method: 'GET', path: '/api/integrations/:id/mappings', auth: 'jwt', id: 'connection' },
  {
    method: 'PUT',
    path: '/api/integrations/:id/mappings',
    auth: 'jwt',
    id: 'mutable-connection',
    body: objectOf({ status: recordOf(STATUSES), priority: recordOf(['low', 'medium', 'high', 'urgent']) }, { projects: arrayOf(projectMapping) }),
  },
  {
    method: 'PATCH',
    path: '/api/integrations/:id/mappings',
    auth: 'jwt',
    id: 'mutable-connection',
    body: objectOf({}, { status: recordOf(STATUSES), priority: recordOf(['low', 'medium', 'high', 'urgent']), projects: arrayOf(projectMapping) }),
  },
  {
    method: 'POST',
    path: '/api/external-user-mappings',
    auth: 'jwt',
    body: objectOf({ externalSystem: field(['jira', 'servicenow', 'connectwise']), externalEmail: field('email'), resourceId: field('uuid') }, { externalUserId: nullableField(field('text')) }),
  },
  { method: 'GET', path: '/api/external-user-mappings', auth: 'jwt' },
  { method: 'DELETE', path: '/api/external-user-mappings/:id', auth: 'jwt', id: 'any' },
  {
    method: 'GET',
    path: '/api/external-tasks',
    auth: 'jwt',
    query: {
      connectionId: 'uuid',
      source: ['jira', 'servicenow', 'connectwise'],
      status: STATUSES,
      assignee: 'email',
      resourceId: 'uuid',
      projectKey: 'text',
      board: 'text',
      company: 'text',
      updatedSince: 'date',
      includeDeleted: ['true', 'false'],
      limit: 'int',
      cursor: 'cursor',
    },
  },
  { method: 'POST', path: '/api/external-tasks/resolve-references', auth: 'jwt', body: objectOf({}, { title: field('text'), branch: field('text'), texts: arrayOf(field('text')) }) },
  { method: 'GET', path: '/api/external-tasks/:id', auth: 'jwt', id: 'any' },
  {
    method: 'POST',
    path: '/api/external-tasks',
    auth: 'jwt',
    query: { wait: ['true', 'false'] },
    body: objectOf({ connectionId: field('uuid'), projectKey: field('text'), title: field('text') }, { description: nullableField(field('text')), priority: field(['low', 'medium', 'high', 'urgent']), assigneeEmail: nullableField(field('email')), dueDate: nullableField(field('date')), status: field(STATUSES) }),
  },
  {
    method: 'PATCH',
    path: '/api/external-tasks/:id',
    auth: 'jwt',
    id: 'any',
    query: { wait: ['true', 'false'] },
    body: objectOf({}, { title: field('text'), description: nullableField(field('text')), priority: field(['low', 'medium', 'high', 'urgent']), assigneeExternalId: nullableField(field('text')), dueDate: nullableField(field('date')), status: field(STATUSES), baseVersion: field('text') }),
  },
  { method: 'GET', path: '/api/writes/:id', auth: 'jwt', id: 'any', query: { wait: ['true', 'false'] } },
  { method: 'GET', path: '/api/workspaces/:workspaceId/modules', auth: 'jwt' },
  { method: 'GET', path: '/api/workspaces/:workspaceId/modules/:moduleKey', auth: 'jwt' },
  { method: 'PATCH', path: '/api/workspaces/:workspaceId/modules/:moduleKey', auth: 'jwt', body: objectOf({ enabled: field('bool') }, { config: recordOf(['a', 'b']) }) },
  {
    method: 'POST',
    path: '/api/event-endpoints',
    auth: 'jwt',
    body: objectOf({ url: field('url') }, { eventTypes: arrayOf(field(EVENT_TYPES)), enabled: field('bool'), description: nullableField(field('text')) }),
  },
  { method: 'GET', path: '/api/event-endpoints', auth: 'jwt' },
  { method: 'GET', path: '/api/event-endpoints/:id', auth: 'jwt', id: 'any' },
  {
    method: 'PATCH',
    path: '/api/event-endpoints/:id',
    auth: 'jwt',
    id: 'any',
    body: objectOf({}, { url: field('url'), eventTypes: arrayOf(field(EVENT_TYPES)), enabled: field('bool'), description: nullableField(field('text')), rotateSecret: field('bool') }),
  },
  { method: 'DELETE', path: '/api/event-endpoints/:id', auth: 'jwt', id: 'any' },
  { method: 'GET', path: '/api/event-endpoints/:id/deliveries', auth: 'jwt', id: 'any', query: { limit: 'int', cursor: 'cursor' } },
  { method: 'POST', path: '/api/event-endpoints/:id/deliveries/:deliveryId/retry', auth: 'jwt', id: 'any' },
  { method: 'GET', path: '/api/events', auth: 'jwt', query: { after: 'cursor', types: EVENT_TYPES, limit: 'int' } },
  {
    method: 'GET',
    path: '/api/audit-events',
    auth: 'jwt',
    query: { action: ['connection.created', 'mappings.replaced', 'nope'], targetId: 'text', actor: 'text', since: 'date', until: 'date', limit: 'int', cursor: 'cursor' },
  },
  { method: 'GET', path: '/api/workspaces/:workspaceId/external-tasks', auth: 'jwt', query: { status: STATUSES, limit: 'int', cursor: 'cursor' } },
];

/** The provider a path names: usually one this server speaks to, else one it does not, or junk. */
export const providerFor = (random: Random): string =>
  random.weighted<() => string>([
    [() => 'jira', 12],
    [() => random.pick(['asana', 'servicenow', 'connectwise', 'JIRA']), 2],
    [() => random.pick(['%00', '%ED%A0%80', 'x'.repeat(300), '..%2F', '']), 2],
  ])();

/** A workspace and a module key: usually well-formed, sometimes not. */
export const workspaceFor = (random: Random): string => random.pick(['ws-1', 'ws-2', 'Team.Alpha_1', '%00', 'x'.repeat(120), '-bad']);
export const moduleKeyFor = (random: Random): string => random.pick(['integrations', 'integrations.jira', 'external-tasks', 'nope', '%ED%A0%80', 'x'.repeat(300)]);

/** The id a path names: usually a live one, else one that cannot name anything (or breaks the URL). */
export const idFor = (which: IdOf, random: Random, target: FuzzTarget): string => {
  const live = which === 'connection' ? target.connectionId : which === 'mutable-connection' ? target.mutableConnectionId : target.connectionId;
  return random.weighted<() => string>([
    [() => live, which === 'none-live' ? 0 : 14],
    [() => live.toUpperCase(), 1],
    [() => `${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-8${random.hex(3)}-${random.hex(12)}`, 2],
    [() => random.pick(['nope', '%00', '%ED%A0%80', 'x'.repeat(300), '..%2F..%2Fetc', '%20' + live, '0', '-1']), 3],
  ])();
};
