import { expect } from 'chai';
import { createOrm, createPostgresAdapters, migrate, type MikroORM } from '../../../../adapters/postgres/index.js';
import { aConnection } from '../../../support/builders/connection.js';
import { aTaskDraft } from '../../../support/builders/task-draft.js';
import { aTaskEvent } from '../../../support/builders/task-event.js';
import { expectRight } from '../../../support/either.js';
import { scratchDatabase } from '../../../support/test-database.js';

const BEFORE_SCOPE = '0035-task-board-company-phase';

describe('PostgreSQL migrations of the mappings (0060, 0061)', () => {
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let orm: MikroORM | undefined;
  beforeEach(async () => (scratch = await scratchDatabase()));
  afterEach(async () => {
    await orm?.close();
    orm = undefined;
    await scratch.stop();
  });

  /** Rows written with today's schema, then the schema taken back to before these migrations and brought forward again. */
  const upgradedFrom = async (rows: (adapters: ReturnType<typeof createPostgresAdapters>) => Promise<void>) => {
    await migrate(scratch.url);
    orm = await createOrm(scratch.url);
    const adapters = createPostgresAdapters(orm);
    await rows(adapters);
    await orm.migrator.down({ to: BEFORE_SCOPE });
    await orm.migrator.up();
    return adapters;
  };

  it('give a connection whose project mappings narrowed its sync the same projects as its scope, and one without none', async () => {
    const narrowed = aConnection({ projectScope: [], mappings: { status: { default: 'todo' }, priority: { default: 'low' }, projects: [{ projectKey: 'OPS', internalProjectId: 'p-1' }, { projectKey: 'WEB', internalProjectId: null }] } });
    const open = aConnection({ projectScope: [], mappings: { status: { default: 'todo' }, priority: { default: 'low' }, projects: [] } });
    const adapters = await upgradedFrom(async ({ connections }) => {
      await expectRight(connections.insert(narrowed));
      await expectRight(connections.insert(open));
    });
    expect((await expectRight(adapters.connections.findById(narrowed.organizationId, narrowed.id)))?.projectScope).to.deep.equal(['OPS', 'WEB']);
    expect((await expectRight(adapters.connections.findById(narrowed.organizationId, narrowed.id)))?.mappings.projects).to.deep.equal(narrowed.mappings.projects);
    expect((await expectRight(adapters.connections.findById(open.organizationId, open.id)))?.projectScope).to.deep.equal([]);
  });

  it('leave stored tasks without a status category and forget the poll versions recorded, so the next sync reads them again', async () => {
    const task = aTaskDraft({ statusCategory: 'indeterminate' });
    const poll = aTaskEvent({ organizationId: task.organizationId });
    const webhook = aTaskEvent({ organizationId: task.organizationId, kind: 'webhook', idempotencyKey: 'webhook:tracker:acme.tracker.test:delivery-1' });
    const adapters = await upgradedFrom(async ({ tasks, events }) => {
      await expectRight(tasks.upsertMany(task.organizationId, [task]));
      await expectRight(events.recordNew(task.organizationId, [poll, webhook]));
    });
    expect((await expectRight(adapters.tasks.findBySource(task.organizationId, task)))?.statusCategory).to.equal(null);
    expect([...(await expectRight(adapters.events.recordNew(task.organizationId, [poll, webhook])))]).to.deep.equal([poll.idempotencyKey]);
  });
});
