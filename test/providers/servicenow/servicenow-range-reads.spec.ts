import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { ServiceNowIssueSource } from '../../../adapters/providers/servicenow/index.js';
import { startServiceNowSimulator, type ServiceNowSimulator } from '../../../apps/simulator/servicenow/index.js';
import type { IdPage, RangeReads, SourceConnection, SourceIssue } from '../../../core/index.js';
import { allIssues, connectionTo, fastSource, groupNameOf, tableReads } from './servicenow-harness.js';

const INCIDENTS = 120;
const PER_READ = 20;

const right = async <A>(task: TE.TaskEither<unknown, A>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`expected success, got ${JSON.stringify(result.left)}`);
  return result.right;
};

/** Every id of the walk, in its order, each with its walk page's context. */
interface Walked {
  readonly ids: string[];
  readonly contexts: Array<string | null>;
}

const walk = async (source: ServiceNowIssueSource, connection: SourceConnection, projectKeys: ReadonlyArray<string> = []): Promise<Walked> => {
  const walked: Walked = { ids: [], contexts: [] };
  let cursor: string | null = null;
  do {
    const page: IdPage = await right(source.walkIds(connection, { projectKeys }, cursor));
    walked.ids.push(...page.ids);
    walked.contexts.push(...page.ids.map(() => page.context ?? null));
    cursor = page.nextCursor;
  } while (cursor !== null);
  return walked;
};

/** Consecutive walked ids with the context a sync hands a range read: their walk page's. */
const stretchOf = (walked: Walked, from: number, to: number) => ({ ids: walked.ids.slice(from, to), context: walked.contexts[from] ?? null });

/** A sys_id lying strictly between two others in sys_id order, as a record created since the walk may have. */
const between = (low: string, high: string): string => {
  const middle = (BigInt(`0x${low}`) + BigInt(`0x${high}`)) / 2n;
  const id = middle.toString(16).padStart(32, '0');
  if (!(low < id && id < high)) throw new Error(`no sys_id lies between ${low} and ${high}`);
  return id;
};

const idsOf = (issues: ReadonlyArray<SourceIssue>) => issues.map((issue) => issue.externalId).sort();

/** The incident reads made after the walk: the range reads and what followed them. */
const readsAfter = (sim: ServiceNowSimulator, walkReads: number) => tableReads(sim, 'incident').slice(walkReads);

describe('ServiceNow range reads (a first sync reads stretches of its walk)', () => {
  let sim: ServiceNowSimulator;
  let source: ServiceNowIssueSource;
  let reads: RangeReads;
  beforeEach(async () => {
    sim = await startServiceNowSimulator({ incidents: INCIDENTS, tasks: 0, seed: 22 });
    source = fastSource({ idPageSize: 50, idsPerRangeRead: PER_READ }).source;
    reads = source.rangeReads!;
  });
  afterEach(async () => {
    source.close();
    await sim.close();
  });

  it('reads a stretch in one request, sys_id>=first^sys_id<=last, the names dot-walked, as the search reads them', async () => {
    const connection = connectionTo(sim.url);
    const walked = await walk(source, connection);
    const walkReads = tableReads(sim, 'incident').length;
    const { ids: stretch, context } = stretchOf(walked, PER_READ, 2 * PER_READ);

    const read = await right(reads.fetchRange(connection, stretch, context));

    expect(reads.idsPerRead).to.equal(PER_READ);
    expect(idsOf(read)).to.deep.equal([...stretch].sort());
    const after = readsAfter(sim, walkReads);
    expect(after.map((r) => [r.query, r.limit])).to.deep.equal([[`sys_id>=${stretch[0]}^sys_id<=${stretch[PER_READ - 1]}^ORDERBYsys_id`, PER_READ]]);
    expect(tableReads(sim, 'sys_user')).to.have.length(0);
    const searched = new Map((await allIssues(source, connection)).map((issue) => [issue.externalId, issue]));
    expect(read).to.deep.equal(read.map((issue) => searched.get(issue.externalId)));
  });

  it('answers a record created inside the stretch since the walk, with every walked one', async () => {
    const connection = connectionTo(sim.url);
    const { ids: stretch, context } = stretchOf(await walk(source, connection), 0, PER_READ);
    const created = sim.store.insert('incident', { sys_id: between(stretch[3]!, stretch[4]!), short_description: 'Created during the sync' });

    const read = await right(reads.fetchRange(connection, stretch, context));

    expect(idsOf(read)).to.deep.equal([...stretch, created.sys_id!].sort());
  });

  it('follows the range past a full page and a page the ACLs shortened: every record once', async () => {
    const connection = connectionTo(sim.url);
    const walked = await walk(source, connection);
    const walkReads = tableReads(sim, 'incident').length;
    const { ids: stretch, context } = stretchOf(walked, PER_READ, 2 * PER_READ);
    const created = [2, 5, 9, 14, 17].map((i) => sim.store.insert('incident', { sys_id: between(stretch[i]!, stretch[i + 1]!) }).sys_id!);
    const hidden = [stretch[0]!, stretch[1]!];
    sim.acl.hide(hidden);

    const read = await right(reads.fetchRange(connection, stretch, context));

    expect(idsOf(read)).to.deep.equal([...stretch.filter((id) => !hidden.includes(id)), ...created].sort());
    // 25 rows in the range: a first page of 20 (two of them hidden), then the rest after its last row.
    const after = readsAfter(sim, walkReads);
    expect(after).to.have.length(2);
    expect(after[1]!.query).to.match(new RegExp(`^sys_id>[0-9a-f]{32}\\^sys_id<=${stretch[PER_READ - 1]}\\^ORDERBYsys_id$`));
  });

  it("reads with the walk's groups and the connection's filter: nothing of another group lying in the range", async () => {
    const group = sim.store.all('incident').find((r) => r.assignment_group !== '')!.assignment_group!;
    const name = groupNameOf(sim, group);
    const connection = connectionTo(sim.url, { filter: 'active=true' });
    const walked = await walk(source, connection, [name]);
    const inScope = new Set(sim.store.all('incident').filter((r) => r.assignment_group === group && r.active === 'true').map((r) => r.sys_id));
    expect(walked.ids.length).to.be.within(2, inScope.size);
    const { ids: stretch, context } = stretchOf(walked, 0, PER_READ);

    const read = await right(reads.fetchRange(connection, stretch, context));

    expect(idsOf(read)).to.deep.equal([...stretch].sort());
    expect(read.every((issue) => inScope.has(issue.externalId))).to.equal(true);
  });

  it('never trusts a range the instance ignored: rows outside it are not answered, the stretch is read by its ids', async () => {
    const connection = connectionTo(sim.url);
    const walked = await walk(source, connection);
    const walkReads = tableReads(sim, 'incident').length;
    sim.query.ignoreOperators(['>=', '<=']);
    const { ids: stretch, context } = stretchOf(walked, 2 * PER_READ, 3 * PER_READ);

    const read = await right(reads.fetchRange(connection, stretch, context));

    expect(idsOf(read)).to.deep.equal([...stretch].sort());
    const after = readsAfter(sim, walkReads);
    expect(after.map((r) => r.query?.slice(0, 8))).to.deep.equal(['sys_id>=', 'sys_idIN']);
  });

  it('reads a stretch by its ids when its walk page named no table (no context, or one it cannot read)', async () => {
    const connection = connectionTo(sim.url);
    const { ids: stretch, context } = stretchOf(await walk(source, connection), 0, PER_READ);
    expect(JSON.parse(context!)).to.deep.equal({ table: 'incident', groups: [] });

    for (const unknown of [null, 'not json', '{"table":7}']) {
      const read = await right(reads.fetchRange(connection, stretch, unknown));

      expect(idsOf(read)).to.deep.equal([...stretch].sort());
      expect(tableReads(sim, 'incident').at(-1)?.query?.startsWith('sys_idIN')).to.equal(true);
    }
  });
});
