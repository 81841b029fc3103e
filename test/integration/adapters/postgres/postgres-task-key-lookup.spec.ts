import { expect } from 'chai';
import type { MikroORM } from '../../../../adapters/postgres/index.js';
import { anOrganization } from '../../../support/builders/ids.js';
import { aTaskDraft } from '../../../support/builders/task-draft.js';
import { expectRight } from '../../../support/either.js';
import { postgresSubject } from '../../../support/postgres-subject.js';
import { describeTaskKeyLookupContract } from '../../../contracts/task-key-lookup.contract.js';

describeTaskKeyLookupContract('PostgreSQL', postgresSubject);

/** The statements (with their bound values) an ORM sends while `run` runs. */
const capture = async (orm: MikroORM, run: () => Promise<unknown>) => {
  const seen: Array<{ sql: string; bindings: unknown[] }> = [];
  const knex = orm.em.getConnection().getKnex();
  const listener = (query: { sql: string; bindings?: unknown[] }) => seen.push({ sql: query.sql, bindings: query.bindings ?? [] });
  knex.on('query', listener);
  try {
    await run();
  } finally {
    knex.off('query', listener);
  }
  return seen;
};

describe('PostgreSQL task lookup by keys', () => {
  it('is one statement for many keys, and reads the key index instead of the organization', async () => {
    const subject = await postgresSubject();
    const organizationId = anOrganization();
    const drafts = Array.from({ length: 40 }, (_, i) => aTaskDraft({ organizationId, key: `BIG-${i + 1}` }));
    await expectRight(subject.tasks.upsertMany(organizationId, drafts));
    // Enough rows of one organization that a scan of its tasks would cost more than the key index.
    await subject.orm.em.fork().execute(
      `insert into external_tasks (id, organization_id, connection_id, external_system, site, external_id, key, url, title, status, priority,
         external_updated_at, source_version, source_data, data_notes, last_synced_at, created_at, updated_at)
       select gen_random_uuid(), ?, gen_random_uuid(), 'tracker', 'x.test', 'bulk-' || n, 'BULK-' || n, 'https://x.test', 't', 'todo', 'low', now(), '1', '{}', '[]', now(), now(), now()
       from generate_series(1, 5000) as n`,
      [organizationId],
    );
    await subject.orm.em.fork().execute('analyze external_tasks');

    const keys = ['BIG-3', 'BIG-17', 'BULK-42', 'NONE-1'];
    const statements = await capture(subject.orm, async () => {
      const found = await expectRight(subject.tasks.findByKeys(organizationId, keys));
      expect(found.map((t) => t.key).sort()).to.deep.equal(['BIG-17', 'BIG-3', 'BULK-42']);
    });
    expect(statements).to.have.length(1);
    const [lookup] = statements;
    const plan = await subject.orm.em.fork().execute<Array<{ 'QUERY PLAN': string }>>(`explain ${lookup!.sql}`, lookup!.bindings as never[]);
    expect(plan.map((row) => row['QUERY PLAN']).join('\n')).to.contain('external_tasks_key_idx');
  });
});
