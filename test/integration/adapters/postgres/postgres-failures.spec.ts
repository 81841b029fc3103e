import { expect } from 'chai';
import { createOrm, createPostgresAdapters } from '../../../../adapters/postgres/index.js';
import { anOrganization } from '../../../support/builders/ids.js';
import { aSyncRun } from '../../../support/builders/sync-run.js';
import { expectLeft, expectRight } from '../../../support/either.js';
import { postgresSubject } from '../../../support/postgres-subject.js';
import { testDatabase } from '../../../support/test-database.js';

describe('PostgreSQL failures', () => {
  it('are PersistenceFailures in PostgreSQL words, without the statement or its values', async () => {
    const { syncRuns } = await postgresSubject();
    const run = aSyncRun({ error: 'a value that must not leak', status: 'succeeded' });
    await expectRight(syncRuns.open(run));
    const failure = await expectLeft(syncRuns.open(run));
    expect(failure).to.deep.equal({
      _tag: 'PersistenceFailure',
      message: 'Queueing the sync run failed: duplicate key value violates unique constraint "sync_runs_pkey"',
    });
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
