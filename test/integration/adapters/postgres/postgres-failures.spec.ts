import { expect } from 'chai';
import { createOrm, createPostgresAdapters } from '../../../../adapters/postgres/index.js';
import { anOrganization } from '../../../support/builders/ids.js';
import { aSyncRun } from '../../../support/builders/sync-run.js';
import { aTaskDraft } from '../../../support/builders/task-draft.js';
import { expectLeft, expectRight } from '../../../support/either.js';
import { postgresSubject } from '../../../support/postgres-subject.js';
import { testDatabase } from '../../../support/test-database.js';

describe('PostgreSQL failures', () => {
  it('are UnstorableData when the values break a rule, in PostgreSQL words, without the statement or its values', async () => {
    const { syncRuns } = await postgresSubject();
    const run = aSyncRun({ error: 'a value that must not leak', status: 'succeeded' });
    await expectRight(syncRuns.open(run));
    const failure = await expectLeft(syncRuns.open(run));
    expect(failure).to.deep.equal({
      _tag: 'UnstorableData',
      message: 'Queueing the sync run failed: the database refused a value: duplicate key value violates unique constraint "sync_runs_pkey"',
    });
  });

  it('tell values PostgreSQL cannot hold (class 22) from an outage, in a write and in a transaction', async () => {
    const { tasks, unitOfWork } = await postgresSubject();
    const organizationId = anOrganization();
    const impossibleDay = aTaskDraft({ organizationId, dueDate: '2026-02-30' });
    const yearZero = aTaskDraft({ organizationId, externalCreatedAt: new Date('0000-06-01T00:00:00Z') });
    const halfCharacter = aTaskDraft({ organizationId, sourceData: { labels: ['cut \ud83d in half'] } });
    for (const draft of [impossibleDay, yearZero, halfCharacter]) {
      const alone = await expectLeft(tasks.upsertMany(organizationId, [draft]));
      expect(alone._tag, alone.message).to.equal('UnstorableData');
      expect(alone.message).not.to.contain(draft.title);
      const inTransaction = await expectLeft(unitOfWork.transaction((ports) => ports.tasks.upsertMany(organizationId, [aTaskDraft({ organizationId }), draft])));
      expect(inTransaction._tag).to.equal('UnstorableData');
    }
    expect((await expectLeft(tasks.upsertMany(organizationId, [impossibleDay]))).message).to.match(/date\/time field value out of range|out of range/);
    expect((await expectLeft(tasks.upsertMany(organizationId, [halfCharacter]))).message).to.contain('json');
  });

  it('are answers, not crashes, when the database is gone', async () => {
    const orm = await createOrm((await testDatabase()).url);
    const adapters = createPostgresAdapters(orm);
    await orm.close();
    const organizationId = anOrganization();
    expect((await expectLeft(adapters.connections.list(organizationId)))._tag).to.equal('PersistenceFailure');
    expect((await expectLeft(adapters.checkReadiness()))._tag).to.equal('PersistenceFailure');
    expect((await expectLeft(adapters.unitOfWork.transaction((ports) => ports.userMappings.list(organizationId))))._tag).to.equal('PersistenceFailure');
  });
});
