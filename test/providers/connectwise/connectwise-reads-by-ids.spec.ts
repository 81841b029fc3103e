import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { startConnectWiseSimulator, type ConnectWiseSimulator } from '../../../apps/simulator/connectwise/index.js';
import type { IssueSource, SourceConnection, SourceIssue } from '../../../core/index.js';
import { countingProxy } from '../../http/support/counting-proxy.js';
import { connectionTo, virtualTimeSource } from './connectwise-harness.js';

const TICKETS = 450;

/** Every id of the walk, then the tickets by id in batches of 200, side by side or one after the other. */
const readByIds = async (source: IssueSource, connection: SourceConnection, sideBySide: boolean): Promise<SourceIssue[]> => {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await source.walkIds(connection, { projectKeys: [] }, cursor)();
    if (E.isLeft(page)) throw new Error(`the walk failed: ${JSON.stringify(page.left)}`);
    ids.push(...page.right.ids);
    cursor = page.right.nextCursor;
  } while (cursor !== null);
  const batches = Array.from({ length: Math.ceil(ids.length / 200) }, (_, i) => ids.slice(i * 200, (i + 1) * 200));
  const read = sideBySide ? await Promise.all(batches.map((batch) => source.lookUpIssues(connection, batch)())) : [];
  if (!sideBySide) for (const batch of batches) read.push(await source.lookUpIssues(connection, batch)());
  return read.flatMap((batch) => {
    if (E.isLeft(batch)) throw new Error(`a batch failed: ${JSON.stringify(batch.left)}`);
    return batch.right;
  });
};

/** Each ticket as mapped, by id: the same metadata gives the same e-mails, statuses and priorities (the URL names the proxy of each run). */
const mapped = (issues: ReadonlyArray<SourceIssue>) => Object.fromEntries(issues.map(({ url: _proxied, ...issue }) => [issue.externalId, issue]));

describe('ConnectWise reads by ids (a first sync by ids)', () => {
  let sim: ConnectWiseSimulator;
  beforeEach(async () => (sim = await startConnectWiseSimulator({ serviceTickets: TICKETS, projectTickets: 0, seed: 22 })));
  afterEach(() => sim.close());

  /** The metadata reads (board statuses, members, priorities) of one whole read by ids, on a fresh adapter. */
  const metadataReads = async (sideBySide: boolean) => {
    const proxy = await countingProxy(sim.url);
    const { source } = virtualTimeSource();
    try {
      const issues = await readByIds(source, connectionTo(proxy.url, { includeProjectTickets: false }), sideBySide);
      const paths = proxy.exchanges().map((e) => new URL(e.path, proxy.url).pathname.split('/apis/3.0')[1]!);
      return { issues, metadata: paths.filter((p) => !p.endsWith('/tickets')).sort() };
    } finally {
      source.close();
      await proxy.close();
    }
  };

  it('batches side by side on a cold cache read each board, the members and the priorities no more often than batches one after the other', async () => {
    const oneByOne = await metadataReads(false);
    const sideBySide = await metadataReads(true);
    expect(oneByOne.metadata.length).to.be.greaterThan(0);
    expect(sideBySide.metadata).to.deep.equal(oneByOne.metadata);
    expect(new Set(sideBySide.metadata.filter((p) => p.includes('/boards/'))).size).to.equal(sideBySide.metadata.filter((p) => p.includes('/boards/')).length);
    expect(sideBySide.issues).to.have.length(TICKETS);
    expect(mapped(sideBySide.issues)).to.deep.equal(mapped(oneByOne.issues));
  });

  it('reads every ticket once through a 429 storm at the concurrency limit', async () => {
    sim.faults.set({ latencyMs: 5, maxInFlight: 2, rateLimitEvery: 5, retryAfterSeconds: 1 });
    const { source, waitedMs } = virtualTimeSource();
    const issues = await readByIds(source, connectionTo(sim.url, { includeProjectTickets: false }), true);
    source.close();
    expect(issues.map((i) => i.externalId).sort()).to.deep.equal(sim.store.all('service').map((t) => `service:${t.id}`).sort());
    expect(sim.faults.load().peakInFlight).to.be.at.most(2);
    const counts = (await (await fetch(`${sim.url}/__admin/requests/counts`)).json()) as { total: number; refused: number };
    expect(counts.total).to.equal(sim.requestCount());
    expect(counts.refused).to.be.greaterThan(0);
    // The 429s were waited out on the virtual clock, at least a Retry-After's second once.
    expect(waitedMs()).to.be.at.least(1_000);
  });
});
