import { expect } from 'chai';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { createOrm, createPostgresAdapters, migrate } from '../../../../adapters/postgres/index.js';
import { anOrganization } from '../../../support/builders/ids.js';
import { aTaskDraft } from '../../../support/builders/task-draft.js';
import { aTaskEvent } from '../../../support/builders/task-event.js';
import { deferred, expectRight } from '../../../support/either.js';
import { postgresSubject } from '../../../support/postgres-subject.js';
import { countStatements, someoneWaitsForALock } from '../../../support/statement-counter.js';
import { explainAnalyzed, lockStatementOf, tableScans } from '../../../support/query-plans.js';
import { scratchDatabase } from '../../../support/test-database.js';

describe('PostgreSQL task writes', () => {
  let subject: Awaited<ReturnType<typeof postgresSubject>>;
  const organizationId = anOrganization();
  beforeEach(async () => (subject = await postgresSubject()));

  it('writes a page of any size in a fixed number of statements, the unchanged rows not at all', async () => {
    const drafts = Array.from({ length: 500 }, () => aTaskDraft({ organizationId }));
    const first = await countStatements(subject.orm, () => expectRight(subject.tasks.upsertMany(organizationId, drafts)));
    expect(first).to.have.length(2);
    const half = drafts.map((d, i) => (i % 2 === 0 ? { ...d, title: 'Changed', externalUpdatedAt: new Date(d.externalUpdatedAt.getTime() + 1) } : d));
    const second = await countStatements(subject.orm, () => expectRight(subject.tasks.upsertMany(organizationId, half)));
    expect(second).to.have.length(2);
    const same = await countStatements(subject.orm, () => expectRight(subject.tasks.upsertMany(organizationId, half)));
    expect(same, 'an unchanged page only reads').to.have.length(1);
    const keys = Array.from({ length: 1000 }, () => aTaskEvent({ organizationId }));
    expect(await countStatements(subject.orm, () => expectRight(subject.events.recordNew(organizationId, keys)))).to.have.length(1);
  });

  // Statistics taken before the tenant had rows, as they are during its first sync: on an empty
  // table, or on one holding only other tenants' rows (where the planner takes the new tenant for
  // none, and any index that starts with the organization for as good as the unique one).
  for (const [when, others] of [['the table was empty', 0], ['the table held only another tenant', 2000]] as const) {
    it(`locks the stored rows of a page by their keys alone, however many rows the tenant has, with statistics taken when ${when}`, async () => {
      const other = anOrganization();
      for (let written = 0; written < others; written += 500) {
        await expectRight(subject.tasks.upsertMany(other, Array.from({ length: 500 }, () => aTaskDraft({ organizationId: other }))));
      }
      await subject.orm.em.fork().execute('analyze external_tasks');
      const pages = Array.from({ length: 6 }, () => Array.from({ length: 500 }, () => aTaskDraft({ organizationId })));
      for (const drafts of pages) await expectRight(subject.tasks.upsertMany(organizationId, drafts));
      const edited = pages[3]!.slice(0, 40).map((draft) => ({ ...draft, title: 'Changed', externalUpdatedAt: new Date(draft.externalUpdatedAt.getTime() + 1) }));
      const page = [...edited, ...Array.from({ length: 60 }, () => aTaskDraft({ organizationId }))];
      const lock = await lockStatementOf(subject.orm, () => expectRight(subject.tasks.upsertMany(organizationId, page)));
      const scans = tableScans(await explainAnalyzed(subject.orm, lock), 'external_tasks');
      expect(scans, 'the lock reads external_tasks').to.not.be.empty;
      for (const scan of scans) {
        expect(scan['Rows Removed by Filter'] ?? 0, 'rows read and thrown away').to.equal(0);
        expect(scan['Actual Rows'] * scan['Actual Loops'], 'rows read').to.be.at.most(page.length);
      }
      const results = await expectRight(subject.tasks.upsertMany(organizationId, page));
      expect(results.map((r) => r.outcome)).to.deep.equal(page.map(() => 'unchanged'));
    });
  }

  for (const [late, offsetMs] of [['a newer', 1000], ['an older', -1000]] as const) {
    it(`decides again, against the row now stored, ${late} write that raced to insert the same new task`, async () => {
      const draft = aTaskDraft({ organizationId });
      const written = deferred();
      const gate = deferred();
      const first = subject.unitOfWork.transaction((ports) =>
        pipe(
          ports.tasks.upsertMany(organizationId, [draft]),
          TE.chainFirstTaskK(() => () => (written.resolve(), gate.promise)),
        ),
      )();
      await written.promise;
      const racer = { ...draft, title: 'Racer', externalUpdatedAt: new Date(draft.externalUpdatedAt.getTime() + offsetMs) };
      const second = subject.tasks.upsertMany(organizationId, [racer])();
      await someoneWaitsForALock(subject.orm);
      gate.resolve();
      const [winner] = await expectRight(() => first);
      const [racing] = await expectRight(() => second);
      // Never reported as created: the task is the winner's, updated by the newer version, left by the older.
      expect(racing!.outcome).to.equal(offsetMs > 0 ? 'updated' : 'unchanged');
      expect(racing!.previous).to.deep.equal(winner!.task);
      expect(racing!.task.id).to.equal(winner!.task.id);
      const stored = await expectRight(subject.tasks.findById(organizationId, winner!.task.id));
      expect(stored!.title).to.equal(offsetMs > 0 ? 'Racer' : winner!.task.title);
      expect(stored).to.deep.equal(racing!.task);
    });
  }

  it('reads dates and instants back unchanged whatever the time zone of the process', async () => {
    const zone = process.env.TZ;
    const drafts = ['2026-03-08', '2026-10-25', '2026-01-01'].map((dueDate, i) =>
      aTaskDraft({ organizationId, dueDate, externalUpdatedAt: new Date(Date.UTC(2026, 2, 8, 23 + i, 59, 59, 999)) }),
    );
    try {
      for (const tz of ['Pacific/Kiritimati', 'America/Los_Angeles', 'Pacific/Pago_Pago']) {
        process.env.TZ = tz;
        const written = drafts.map((d) => ({ ...d, externalId: `${d.externalId}-${tz}` }));
        const results = await expectRight(subject.tasks.upsertMany(organizationId, written));
        for (const [i, d] of written.entries()) {
          const stored = await expectRight(subject.tasks.findById(organizationId, results[i]!.task.id));
          expect([stored?.dueDate, stored?.externalUpdatedAt.toISOString()], tz).to.deep.equal([d.dueDate, d.externalUpdatedAt.toISOString()]);
        }
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('reads due dates as YYYY-MM-DD even when the database defaults to other date styles and zones', async () => {
    const scratch = await scratchDatabase();
    try {
      await migrate(scratch.url);
      const name = new URL(scratch.url).pathname.slice(1);
      await subject.orm.em.fork().execute(`alter database ${name} set datestyle = 'SQL, DMY'`);
      await subject.orm.em.fork().execute(`alter database ${name} set timezone = 'Asia/Kathmandu'`);
      const orm = await createOrm(scratch.url);
      try {
        const tasks = createPostgresAdapters(orm).tasks;
        const draft = aTaskDraft({ organizationId, dueDate: '2026-02-03' });
        const [created] = await expectRight(tasks.upsertMany(organizationId, [draft]));
        const stored = await expectRight(tasks.findById(organizationId, created!.task.id));
        expect([stored?.dueDate, stored?.externalUpdatedAt]).to.deep.equal([draft.dueDate, draft.externalUpdatedAt]);
      } finally {
        await orm.close();
      }
    } finally {
      await scratch.stop();
    }
  });
});
