import { expect } from 'chai';
import { createOrm, createPostgresAdapters, migrate, type MikroORM } from '../../../../adapters/postgres/index.js';
import { expectLeft, expectRight } from '../../../support/either.js';
import { scratchDatabase, testDatabase } from '../../../support/test-database.js';

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
    expect(await migrate(scratch.url)).to.deep.equal(['0001-initial-schema']);
    expect(await migrate(scratch.url)).to.deep.equal([]);
  });

  it('let two processes migrate at once without racing', async () => {
    const [a, b] = await Promise.all([migrate(scratch.url), migrate(scratch.url)]);
    expect([...a, ...b]).to.deep.equal(['0001-initial-schema']);
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
    await orm.migrator.down();
    const [tables] = await orm.em.fork().execute<Array<{ n: string }>>("select count(*) as n from pg_tables where schemaname = 'public' and tablename not like 'taskport_%'");
    expect(Number(tables!.n)).to.equal(0);
    expect((await orm.migrator.up()).map((m) => m.name)).to.deep.equal(['0001-initial-schema']);
  });
});
