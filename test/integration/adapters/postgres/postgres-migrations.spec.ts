import { expect } from 'chai';
import { createOrm, createPostgresAdapters, migrate, type MikroORM } from '../../../../adapters/postgres/index.js';
import { migrationsList } from '../../../../adapters/postgres/migrations/index.js';
import { asEntityId, asOrganizationId } from '../../../../core/index.js';
import { anId } from '../../../support/builders/ids.js';
import { expectLeft, expectRight } from '../../../support/either.js';
import { scratchDatabase, testDatabase } from '../../../support/test-database.js';

const ALL = migrationsList.map((m) => m.name);

describe('PostgreSQL migrations', () => {
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let orm: MikroORM | undefined;
  beforeEach(async () => (scratch = await scratchDatabase()));
  afterEach(async () => {
    await orm?.close();
    orm = undefined;
    await scratch.stop();
  });

  it('create exactly the schema the mapping describes', async () => {
    const { orm: migrated } = await testDatabase();
    expect(await migrated.schema.getUpdateSchemaSQL({ wrap: false })).to.equal('');
  });

  it('apply once; a second run applies nothing', async () => {
    expect(await migrate(scratch.url)).to.deep.equal(ALL);
    expect(await migrate(scratch.url)).to.deep.equal([]);
  });

  it('let two processes migrate at once without racing', async () => {
    const [a, b] = await Promise.all([migrate(scratch.url), migrate(scratch.url)]);
    expect([...a, ...b]).to.deep.equal(ALL);
  });

  it('make the database ready, and readiness says what is missing before', async () => {
    orm = await createOrm(scratch.url);
    const adapters = createPostgresAdapters(orm);
    expect((await expectLeft(adapters.checkReadiness())).message).to.contain('0001-initial-schema');
    await migrate(scratch.url);
    await expectRight(adapters.checkReadiness());
  });

  it('roll back cleanly and apply again', async () => {
    orm = await createOrm(scratch.url);
    await orm.migrator.up();
    await orm.migrator.down({ to: 0 });
    const [tables] = await orm.em.fork().execute<Array<{ n: string }>>("select count(*) as n from pg_tables where schemaname = 'public' and tablename not like 'taskport_%'");
    expect(Number(tables!.n)).to.equal(0);
    expect((await orm.migrator.up()).map((m) => m.name)).to.deep.equal(ALL);
  });

  it('carry connections, tasks and keys of the first provider over to the provider contract, webhook statistics empty', async () => {
    orm = await createOrm(scratch.url);
    await orm.migrator.up({ to: '0004-webhook-inbox' });
    const legacy = await insertLegacyRows(orm);
    expect((await orm.migrator.up({ to: '0035-task-board-company-phase' })).map((m) => m.name)).to.deep.equal(ALL.slice(4, ALL.indexOf('0035-task-board-company-phase') + 1));
    const keys = await orm.em.fork().execute<Array<{ idempotency_key: string }>>('select idempotency_key from external_task_events order by idempotency_key');
    expect(keys.map((k) => k.idempotency_key)).to.deep.equal(['poll:jira:acme.atlassian.net:10001:2026-01-15T09:30:00.123Z', 'webhook:jira:acme.atlassian.net:delivery-1']);
    await orm.migrator.up();
    const adapters = createPostgresAdapters(orm);
    const tokenConnection = await expectRight(adapters.connections.findById(legacy.organizationId, legacy.tokenConnectionId));
    expect(tokenConnection).to.deep.include({
      provider: 'jira',
      baseUrl: 'https://acme.atlassian.net',
      site: 'acme.atlassian.net',
      settings: { email: 'bot@acme.test', jqlFilter: 'labels = x' },
      credentials: { authMode: 'api-token', secrets: { apiToken: 'cipher-of-token' }, oauth: null },
      webhookStats: { lastWebhookAt: null, accepted: 0, refused: 0 },
      previousWebhookSecret: null,
    });
    const oauthConnection = await expectRight(adapters.connections.findById(legacy.organizationId, legacy.oauthConnectionId));
    expect(oauthConnection).to.deep.include({ site: 'cloud-1', settings: {} });
    expect(oauthConnection?.credentials).to.deep.equal({
      authMode: 'oauth2',
      secrets: {},
      oauth: { accessToken: 'cipher-a', refreshToken: 'cipher-r', expiresAt: new Date('2026-01-01T01:00:00.000Z'), scopes: ['read:jira-work'], status: 'active', details: { cloudId: 'cloud-1' } },
    });
    const tasks = await orm.em.fork().execute<Array<{ external_id: string; site: string; source_version: string }>>('select external_id, site, source_version from external_tasks order by external_id');
    expect(tasks).to.deep.equal([
      { external_id: '10001', site: 'acme.atlassian.net', source_version: '2026-01-15T09:30:00.123Z' },
      { external_id: '10002', site: 'gone.atlassian.net', source_version: '2026-01-15T09:30:00.123Z' },
    ]);
    const inbox = await orm.em.fork().execute<Array<{ delivery_key: string }>>('select delivery_key from webhook_inbox');
    expect(inbox.map((row) => row.delivery_key)).to.deep.equal(['webhook:jira:acme.atlassian.net:delivery-1']);
  });
});

/** Rows as the schema before the provider contract held them: a Jira API-token and OAuth connection, tasks, keys, a delivery. */
const insertLegacyRows = async (orm: MikroORM) => {
  const em = orm.em.fork();
  const organizationId = asOrganizationId('org-legacy');
  const [tokenConnectionId, oauthConnectionId, goneConnectionId] = [anId(), anId(), anId()];
  const connection = `insert into integration_connections (id, organization_id, provider, name, base_url, credentials, mappings, query_filter,
      polling_enabled, enabled, last_sync_status, created_at, updated_at) values (?, ?, 'jira', 'Acme', ?, ?::jsonb, ?::jsonb, ?, false, true, 'never', now(), now())`;
  const mappings = JSON.stringify({ status: { default: 'backlog' }, priority: { default: 'medium' }, projects: [] });
  await em.execute(connection, [tokenConnectionId, organizationId, 'https://acme.atlassian.net', JSON.stringify({ kind: 'api-token', email: 'bot@acme.test', apiToken: 'cipher-of-token' }), mappings, 'labels = x']);
  const grant = { kind: 'oauth2', cloudId: 'cloud-1', accessToken: 'cipher-a', refreshToken: 'cipher-r', expiresAt: '2026-01-01T01:00:00.000Z', scopes: ['read:jira-work'], status: 'active' };
  await em.execute(connection, [oauthConnectionId, organizationId, 'https://other.atlassian.net', JSON.stringify(grant), mappings, null]);
  const task = `insert into external_tasks (id, organization_id, connection_id, external_system, external_id, key, url, title, status, priority,
      external_updated_at, source_data, last_synced_at, created_at, updated_at)
    values (?, ?, ?, 'jira', ?, ?, ?, 'Title', 'todo', 'medium', '2026-01-15T09:30:00.123Z', '{}'::jsonb, now(), now(), now())`;
  await em.execute(task, [anId(), organizationId, tokenConnectionId, '10001', 'OPS-1', 'https://acme.atlassian.net/browse/OPS-1']);
  await em.execute(task, [anId(), organizationId, goneConnectionId, '10002', 'OLD-2', 'https://gone.atlassian.net/browse/OLD-2']);
  const event = `insert into external_task_events (idempotency_key, organization_id, connection_id, external_id, kind, processed_at) values (?, ?, ?, '10001', ?, now())`;
  await em.execute(event, [`poll:${tokenConnectionId}:10001:2026-01-15T09:30:00.123Z`, organizationId, tokenConnectionId, 'poll']);
  await em.execute(event, [`webhook:${tokenConnectionId}:delivery-1`, organizationId, tokenConnectionId, 'webhook']);
  await em.execute(
    `insert into webhook_inbox (delivery_key, organization_id, connection_id, provider, delivery_id, received_at) values (?, ?, ?, 'jira', 'delivery-1', now())`,
    [`webhook:${tokenConnectionId}:delivery-1`, organizationId, tokenConnectionId],
  );
  return { organizationId, tokenConnectionId: asEntityId(tokenConnectionId), oauthConnectionId: asEntityId(oauthConnectionId) };
};
