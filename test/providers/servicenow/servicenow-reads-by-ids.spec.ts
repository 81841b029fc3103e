import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { startServiceNowSimulator, type ServiceNowSimulator } from '../../../apps/simulator/servicenow/index.js';
import type { IssueSource, SourceConnection, SourceIssue } from '../../../core/index.js';
import { allIssues, connectionTo, fastSource, tableReads } from './servicenow-harness.js';

const INCIDENTS = 230;

/** Every id of the walk, then the records by id in batches of 100 side by side, as a first sync by ids reads them. */
const readByIds = async (source: IssueSource, connection: SourceConnection): Promise<SourceIssue[]> => {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await source.walkIds(connection, { projectKeys: [] }, cursor)();
    if (E.isLeft(page)) throw new Error(`the walk failed: ${JSON.stringify(page.left)}`);
    ids.push(...page.right.ids);
    cursor = page.right.nextCursor;
  } while (cursor !== null);
  const batches = Array.from({ length: Math.ceil(ids.length / 100) }, (_, i) => ids.slice(i * 100, (i + 1) * 100));
  const read = await Promise.all(batches.map((batch) => source.fetchIssues(connection, batch)()));
  return read.flatMap((batch) => {
    if (E.isLeft(batch)) throw new Error(`a batch failed: ${JSON.stringify(batch.left)}`);
    return batch.right;
  });
};

const names = (issues: ReadonlyArray<SourceIssue>) => Object.fromEntries(issues.map((i) => [i.externalId, { assignee: i.assigneeEmail, group: i.projectKey }]));

describe('ServiceNow reads by ids (a first sync by ids)', () => {
  let sim: ServiceNowSimulator;
  beforeEach(async () => {
    sim = await startServiceNowSimulator({ incidents: INCIDENTS, tasks: 0, seed: 22 });
  });
  afterEach(() => sim.close());

  it('reads each batch in one request, the names dot-walked, and names every record as the search does', async () => {
    const { source } = fastSource({ idPageSize: 100 });
    const byIds = await readByIds(source, connectionTo(sim.url));
    expect(tableReads(sim, 'sys_user')).to.have.length(0);
    expect(tableReads(sim, 'sys_user_group')).to.have.length(0);
    // Three id pages of 100 (the last one short) and three batches.
    expect(tableReads(sim, 'incident')).to.have.length(6);
    expect(tableReads(sim, 'incident').filter((r) => r.query?.startsWith('sys_idIN')).map((r) => r.limit)).to.have.members([100, 100, 30]);

    const searched = await allIssues(source, connectionTo(sim.url));
    source.close();
    expect(byIds).to.have.length(INCIDENTS);
    expect(names(byIds)).to.deep.equal(names(searched));
    // The names are the instance's, not blanks: some records have an assignee and a group.
    expect(byIds.filter((i) => i.assigneeEmail !== null && i.projectKey !== null).length).to.be.greaterThan(0);
  });

  it('reads every record once through a 429 storm at the concurrency limit, waiting as each Retry-After says', async () => {
    sim.faults.set({ latencyMs: 5, maxInFlight: 3, rateLimitEvery: 5, retryAfterSeconds: 1 });
    const { source, sleep } = fastSource({ idPageSize: 100 });
    const byIds = await readByIds(source, connectionTo(sim.url));
    source.close();
    expect(byIds.map((i) => i.externalId).sort()).to.deep.equal(sim.store.all('incident').map((r) => r.sys_id).sort());
    expect(sim.requests.counts().refused).to.be.greaterThan(0);
    expect(sim.faults.load().peakInFlight).to.be.at.most(3);
    // Every refusal was waited out (the waits are recorded, not sat through), never retried at once.
    const waits = sleep.getCalls().map((call) => call.args[0]);
    expect(waits.length).to.be.at.least(sim.requests.counts().refused);
    expect(waits.every((ms) => ms > 0 && ms <= 1_000)).to.equal(true);
  });
});
