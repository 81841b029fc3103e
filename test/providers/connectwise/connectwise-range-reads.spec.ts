import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { startConnectWiseSimulator, type ConnectWiseSimulator } from '../../../apps/simulator/connectwise/index.js';
import { TICKET_FIELDS } from '../../../adapters/providers/connectwise/index.js';
import type { IssueSource, SourceConnection, SourceIssue } from '../../../core/index.js';
import { countingProxy } from '../../http/support/counting-proxy.js';
import { connectionTo, virtualTimeSource } from './connectwise-harness.js';

const walk = async (source: IssueSource, connection: SourceConnection): Promise<string[]> => {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await source.walkIds(connection, { projectKeys: [] }, cursor)();
    if (E.isLeft(page)) throw new Error(`the walk failed: ${JSON.stringify(page.left)}`);
    ids.push(...page.right.ids);
    cursor = page.right.nextCursor;
  } while (cursor !== null);
  return ids;
};

const readRange = async (source: IssueSource, connection: SourceConnection, ids: ReadonlyArray<string>): Promise<SourceIssue[]> => {
  const read = await source.rangeReads!.fetchRange(connection, ids, null)();
  if (E.isLeft(read)) throw new Error(`the range read failed: ${JSON.stringify(read.left)}`);
  return [...read.right];
};

const sorted = (issues: ReadonlyArray<{ readonly externalId: string }>) => issues.map((i) => i.externalId).sort();

/** The ticket calls a proxy saw: which kind, and the query of each. */
const ticketCalls = (proxy: Awaited<ReturnType<typeof countingProxy>>) =>
  proxy
    .exchanges()
    .map((e) => new URL(e.path, proxy.url))
    .filter((url) => url.pathname.endsWith('/tickets'))
    .map((url) => {
      const [fields, conditions, orderBy, page, pageSize] = ['fields', 'conditions', 'orderBy', 'page', 'pageSize'].map((name) => url.searchParams.get(name));
      return { path: url.pathname.split('/apis/3.0')[1], fields, conditions, orderBy, page, pageSize };
    });

/** A site that ignores id conditions (answers as if the range were not asked): what a range read must not take for one. */
const rangeIgnoringSite = async (target: string) => {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', target);
    const conditions = url.searchParams.get('conditions');
    if (conditions !== null) url.searchParams.set('conditions', conditions.replace(/(^| and )id >= \d+ and id <= \d+$/, ''));
    const upstream = http.request(url, { method: request.method, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections())) };
};

describe('ConnectWise range reads (a first sync reads a stretch of its walk in one call)', () => {
  let sim: ConnectWiseSimulator;
  beforeEach(async () => (sim = await startConnectWiseSimulator({ serviceTickets: 60, projectTickets: 15, seed: 31 })));
  afterEach(() => sim.close());

  const serviceOn = (boardId: number) => sim.store.all('service').filter((t) => t.boardId === boardId);

  it('offers 1,000 walked ids a read, and reads a stretch per kind in one call with the scope’s conditions, in id order, 1,000 a page', async () => {
    const proxy = await countingProxy(sim.url);
    const { source } = virtualTimeSource();
    try {
      expect(source.rangeReads?.idsPerRead).to.equal(1000);
      const connection = connectionTo(proxy.url, { boards: ['Help Desk', 'Professional Services'] });
      const walked = await walk(source, connection);
      const before = ticketCalls(proxy).length;

      const read = await readRange(source, connection, walked);

      expect(sorted(read)).to.deep.equal([...walked].sort());
      const service = serviceOn(1).map((t) => t.id);
      const project = sim.store.all('project').map((t) => t.id);
      const fields = TICKET_FIELDS;
      expect(ticketCalls(proxy).slice(before)).to.deep.equal([
        { path: '/service/tickets', fields, conditions: `board/name in ("Help Desk","Professional Services") and id >= ${service[0]} and id <= ${service.at(-1)}`, orderBy: 'id asc', page: '1', pageSize: '1000' },
        { path: '/project/tickets', fields, conditions: `board/name in ("Help Desk","Professional Services") and id >= ${project[0]} and id <= ${project.at(-1)}`, orderBy: 'id asc', page: '1', pageSize: '1000' },
      ]);
      // Each ticket is mapped as a search maps it: the board's statuses, the owner's e-mail.
      const searched = await source.fetchIssues(connection, walked)();
      if (E.isLeft(searched)) throw new Error('the read by ids failed');
      expect(Object.fromEntries(read.map((i) => [i.externalId, i]))).to.deep.equal(Object.fromEntries(searched.right.map((i) => [i.externalId, i])));
    } finally {
      source.close();
      await proxy.close();
    }
  });

  it('follows a range of more than a page after its last id, and answers each walked ticket once', async () => {
    const proxy = await countingProxy(sim.url);
    const { source } = virtualTimeSource({ pageSize: 7 });
    try {
      const connection = connectionTo(proxy.url, { includeProjectTickets: false });
      const walked = (await walk(source, connection)).slice(3, 23);
      const before = ticketCalls(proxy).length;

      const read = await readRange(source, connection, walked);

      expect(sorted(read)).to.deep.equal([...walked].sort());
      const ids = walked.map((id) => Number(id.split(':')[1]));
      // 20 tickets, 7 an answer: three calls, each starting after the last id the one before answered.
      expect(ticketCalls(proxy).slice(before).map((c) => [c.conditions, c.page])).to.deep.equal([
        [`id >= ${ids[0]} and id <= ${ids[19]}`, '1'],
        [`id >= ${ids[6]! + 1} and id <= ${ids[19]}`, '1'],
        [`id >= ${ids[13]! + 1} and id <= ${ids[19]}`, '1'],
      ]);
    } finally {
      source.close();
      await proxy.close();
    }
  });

  it('answers every walked ticket once when its stretch gained one since the walk, and only the walked ones', async () => {
    const proxy = await countingProxy(sim.url);
    const { source } = virtualTimeSource({ pageSize: 10 });
    try {
      const connection = connectionTo(proxy.url, { boards: ['Help Desk'], includeProjectTickets: false });
      const walked = (await walk(source, connection)).slice(0, 10);
      const [first, last] = [walked[0]!, walked[9]!].map((id) => Number(id.split(':')[1])) as [number, number];
      // A ticket of another board, between walked ones, moved onto the connection's board after the
      // walk: the stretch now holds 11 tickets, more than an answer's 10.
      const moved = serviceOn(2).find((t) => t.id > first && t.id < last)!;
      sim.store.edit('service', moved.id, (ticket) => Object.assign(ticket, { boardId: 1, statusId: 101 }));
      const before = ticketCalls(proxy).length;

      const read = await readRange(source, connection, walked);

      expect(sorted(read)).to.deep.equal([...walked].sort());
      // Changed after the walk began, it is the next incremental sync's to read.
      expect(sorted(read)).to.not.include(`service:${moved.id}`);
      // The full answer was followed after its last id (the 9th walked one): no ticket was asked for by id.
      expect(ticketCalls(proxy).slice(before).map((c) => c.conditions)).to.deep.equal([
        `board/name in ("Help Desk") and id >= ${first} and id <= ${last}`,
        `board/name in ("Help Desk") and id >= ${Number(walked[8]!.split(':')[1]) + 1} and id <= ${last}`,
      ]);
    } finally {
      source.close();
      await proxy.close();
    }
  });

  it('leaves out a walked ticket deleted or moved out of the scope since the walk, after asking for the two by id', async () => {
    const proxy = await countingProxy(sim.url);
    const { source } = virtualTimeSource();
    try {
      const connection = connectionTo(proxy.url, { boards: ['Help Desk'], includeProjectTickets: false });
      const walked = (await walk(source, connection)).slice(0, 12);
      const [deleted, movedAway] = [walked[2]!, walked[5]!].map((id) => Number(id.split(':')[1])) as [number, number];
      sim.store.remove('service', deleted);
      sim.store.edit('service', movedAway, (ticket) => Object.assign(ticket, { boardId: 2, statusId: 201 }));
      const before = ticketCalls(proxy).length;

      const read = await readRange(source, connection, walked);

      expect(sorted(read)).to.deep.equal(walked.filter((id) => id !== `service:${deleted}` && id !== `service:${movedAway}`).sort());
      // A range the site cut short would look the same: the tickets it did not answer are asked for by list.
      expect(ticketCalls(proxy).slice(before).map((c) => c.conditions)).to.deep.equal([
        `board/name in ("Help Desk") and id >= ${walked[0]!.split(':')[1]} and id <= ${walked[11]!.split(':')[1]}`,
        `board/name in ("Help Desk") and id in (${deleted},${movedAway})`,
      ]);
    } finally {
      source.close();
      await proxy.close();
    }
  });

  it('takes no row of a site that ignores the range for the stretch: the walked ids are read by id lists', async () => {
    const site = await rangeIgnoringSite(sim.url);
    const proxy = await countingProxy(site.url);
    const { source } = virtualTimeSource();
    try {
      const connection = connectionTo(proxy.url, { includeProjectTickets: false });
      const walked = (await walk(source, connection)).slice(20, 40);
      const before = ticketCalls(proxy).length;

      const read = await readRange(source, connection, walked);

      // The site answered all 60 tickets, most outside the stretch: none of them was taken.
      expect(sorted(read)).to.deep.equal([...walked].sort());
      expect(ticketCalls(proxy).slice(before).map((c) => c.conditions)).to.deep.equal([
        `id >= ${walked[0]!.split(':')[1]} and id <= ${walked[19]!.split(':')[1]}`,
        `id in (${walked.map((id) => id.split(':')[1]).join(',')})`,
      ]);
    } finally {
      source.close();
      await proxy.close();
      await site.close();
    }
  });
});
