import { expect } from 'chai';
import { createOrm, createPostgresAdapters, migrate, type MikroORM } from '../../../../adapters/postgres/index.js';
import { migrationsList } from '../../../../adapters/postgres/migrations/index.js';
import { toConnectionRecord } from '../../../../adapters/postgres/schema/connection.mapper.js';
import { aConnection } from '../../../support/builders/connection.js';
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

  it('give connections made before webhooks existed empty webhook statistics and no previous secret', async () => {
    orm = await createOrm(scratch.url);
    await orm.migrator.up({ to: '0001-initial-schema' });
    const before = aConnection();
    const row = toConnectionRecord(before);
    await orm.em.fork().execute(
      `insert into integration_connections (id, organization_id, provider, name, base_url, credentials, webhook_secret, mappings, query_filter,
         polling_enabled, enabled, last_sync_status, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [row.id, row.organizationId, row.provider, row.name, row.baseUrl, JSON.stringify(row.credentials), row.webhookSecret, JSON.stringify(row.mappings),
        row.queryFilter, row.pollingEnabled, row.enabled, row.lastSyncStatus, row.createdAt, row.updatedAt],
    );
    expect((await orm.migrator.up()).map((m) => m.name)).to.deep.equal(ALL.slice(1));
    const read = await expectRight(createPostgresAdapters(orm).connections.findById(before.organizationId, before.id));
    expect(read).to.deep.equal(before);
  });
});
