import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import type { IdPage, SourceConnection } from '../../../core/index.js';
import { startConnectWiseSimulator, type ConnectWiseSimulator } from '../../../apps/simulator/connectwise/index.js';
import { countingProxy } from '../../http/support/counting-proxy.js';
import { connectionTo, virtualTimeSource } from './connectwise-harness.js';

type Source = ReturnType<typeof virtualTimeSource>['source'];

const SERVICE_ONLY = { includeProjectTickets: false };

/** The stretches a walk page's context names (what its range reads are cut at). */
const stretchesOf = (page: IdPage): ReadonlyArray<readonly [number, number]> => (JSON.parse(page.context ?? '{"stretches":[]}') as { stretches: Array<[number, number]> }).stretches;
const numberOf = (externalId: string) => Number(externalId.split(':')[1]);

describe('ConnectWise id walk in parts side by side, over HTTP', () => {
  let sim: ConnectWiseSimulator;
  beforeEach(async () => (sim = await startConnectWiseSimulator({ serviceTickets: 60, projectTickets: 0, seed: 5, spanDays: 400 })));
  afterEach(() => sim.close());

  const page = async (source: Source, connection: SourceConnection, cursor: string | null): Promise<IdPage> => {
    const answer: E.Either<unknown, IdPage> = await source.walkIds(connection, { projectKeys: [] }, cursor)();
    if (E.isLeft(answer)) throw new Error(JSON.stringify(answer.left));
    return answer.right;
  };
  /** Every page of a walk; `between` runs after each, as a tracker changes while a sync reads. */
  const walkPages = async (source: Source, connection: SourceConnection, between: (done: number) => void = () => undefined) => {
    const pages: IdPage[] = [];
    let cursor: string | null = null;
    do {
      const next: IdPage = await page(source, connection, cursor);
      pages.push(next);
      between(pages.length);
      cursor = next.nextCursor;
    } while (cursor !== null && pages.length < 100);
    return pages;
  };
  const service = () => sim.store.all('service').map((t) => t.id);

  /** What range reads rely on: each stretch holds only its own page's ids, ascending, and every site id inside it is among them. */
  const expectSoundStretches = (pages: ReadonlyArray<IdPage>, siteIds: ReadonlyArray<number>) => {
    for (const walked of pages) {
      const ids = walked.ids.map(numberOf);
      const cut = stretchesOf(walked).map(([first, last]) => ids.filter((id) => id >= first && id <= last));
      expect(cut.flat()).to.deep.equal(ids);
      for (const part of cut) expect(part).to.deep.equal([...part].sort((a, b) => a - b));
      for (const [first, last] of stretchesOf(walked)) expect(siteIds.filter((id) => id >= first && id <= last).every((id) => ids.includes(id))).to.equal(true);
    }
  };

  it('walks the ids above the first page in parts side by side: every ticket once, in fewer round trips than one walk', async () => {
    sim.faults.set({ latencyMs: 20 });
    const proxy = await countingProxy(sim.url);
    const { source } = virtualTimeSource({ idPageSize: 5, walkParts: 4 });
    try {
      const pages = await walkPages(source, connectionTo(proxy.url, SERVICE_ONLY));
      expect(pages.flatMap((p) => p.ids).map(numberOf).sort((a, b) => a - b)).to.deep.equal(service());
      // One walk would take 12 pages of 5; after the first, rounds of up to 4 parts take 20 ids each.
      expect(pages.length).to.be.within(4, 6);
      expect(Math.max(...pages.map((p) => stretchesOf(p).length))).to.equal(4);
      expect(sim.faults.load().peakInFlight).to.be.at.least(4);
      expectSoundStretches(pages, service());
      const bounded = proxy.exchanges().map((e) => new URL(e.path, proxy.url).searchParams.get('conditions') ?? '');
      expect(bounded.filter((c) => /^id > \d+ and id <= \d+$/.test(c)).length).to.be.greaterThan(0);
    } finally {
      source.close();
      await proxy.close();
    }
  });

  it('walks ids spread unevenly, with parts that hold nothing and parts that end at different times, every ticket once', async () => {
    for (const id of service().filter((id) => (id > 1006 && id < 1045) || id === 1050)) sim.store.remove('service', id);
    const { source } = virtualTimeSource({ idPageSize: 5, walkParts: 4 });
    const pages = await walkPages(source, connectionTo(sim.url, SERVICE_ONLY));
    expect(pages.flatMap((p) => p.ids).map(numberOf).sort((a, b) => a - b)).to.deep.equal(service());
    expectSoundStretches(pages, service());
    source.close();
  });

  it('waits out a part whose page is refused, and still walks every ticket once', async () => {
    const { source, waitedMs } = virtualTimeSource({ idPageSize: 5, walkParts: 4 });
    const connection = connectionTo(sim.url, SERVICE_ONLY);
    const first = await page(source, connection, null);
    sim.faults.set({ retryAfterSeconds: 2 });
    sim.faults.failNext('rate-limit', 1);
    const rest: string[] = [];
    for (let cursor = first.nextCursor; cursor !== null; ) {
      const next: IdPage = await page(source, connection, cursor);
      rest.push(...next.ids);
      cursor = next.nextCursor;
    }
    expect([...first.ids, ...rest].map(numberOf).sort((a, b) => a - b)).to.deep.equal(service());
    expect(waitedMs()).to.be.at.least(2_000);
    source.close();
  });

  it('misses none of the tickets left when some are deleted during the walk, and walks one created above the highest id seen at the start', async () => {
    const { source } = virtualTimeSource({ idPageSize: 5, walkParts: 4 });
    const before = service();
    const [walkedFirst, notYetWalked] = [before[0]!, before[40]!];
    const { id: _id, dateEntered: _entered, lastUpdated: _updated, ...fields } = sim.store.all('service')[3]!;
    let created = 0;
    const pages = await walkPages(source, connectionTo(sim.url, SERVICE_ONLY), (done) => {
      if (done !== 1) return;
      sim.store.remove('service', walkedFirst);
      sim.store.remove('service', notYetWalked);
      created = sim.store.add(fields).id;
    });
    expect(created).to.be.greaterThan(Math.max(...before));
    const walked = pages.flatMap((p) => p.ids).map(numberOf).sort((a, b) => a - b);
    expect(walked).to.deep.equal([walkedFirst, ...service()].sort((a, b) => a - b));
    expect(walked).to.not.include(notYetWalked);
    source.close();
  });

  it('reads a stretch that holds several parts’ ids as one range per part, never across the unwalked ids between them', async () => {
    const proxy = await countingProxy(sim.url);
    const { source } = virtualTimeSource({ idPageSize: 5, walkParts: 4 });
    try {
      const connection = connectionTo(proxy.url, SERVICE_ONLY);
      const first = await page(source, connection, null);
      const second = await page(source, connection, first.nextCursor);
      expect(stretchesOf(second)).to.have.length(4);
      const before = proxy.exchanges().length;
      const read = await source.rangeReads!.fetchRange(connection, second.ids, second.context ?? null)();
      if (E.isLeft(read)) throw new Error(JSON.stringify(read.left));
      expect(read.right.map((i) => i.externalId).sort()).to.deep.equal([...second.ids].sort());
      const tickets = proxy.exchanges().slice(before).map((e) => new URL(e.path, proxy.url)).filter((url) => url.pathname.endsWith('/tickets'));
      const ranges = tickets.map((url) => url.searchParams.get('conditions'));
      expect(ranges.sort()).to.deep.equal(stretchesOf(second).map(([a, b]) => `id >= ${a} and id <= ${b}`).sort());
    } finally {
      source.close();
      await proxy.close();
    }
  });

  it('walks page after page with one part, as before', async () => {
    const proxy = await countingProxy(sim.url);
    const { source } = virtualTimeSource({ idPageSize: 5, walkParts: 1 });
    try {
      const pages = await walkPages(source, connectionTo(proxy.url, SERVICE_ONLY));
      expect(pages.flatMap((p) => p.ids).map(numberOf)).to.deep.equal(service());
      expect(pages).to.have.length(12);
      expect(sim.faults.load().peakInFlight).to.be.at.most(2);
    } finally {
      source.close();
      await proxy.close();
    }
  });
});
