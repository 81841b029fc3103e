import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import type { IdPage, IdWalkScope, SourceConnection } from '../../../core/index.js';
import { startConnectWiseSimulator, type ConnectWiseSimulator } from '../../../apps/simulator/connectwise/index.js';
import { countingProxy } from '../../http/support/counting-proxy.js';
import { connectionTo, virtualTimeSource } from './connectwise-harness.js';

describe('ConnectWise id-only walk (for the reconciliation sweep)', () => {
  let sim: ConnectWiseSimulator;
  beforeEach(async () => (sim = await startConnectWiseSimulator({ serviceTickets: 12, projectTickets: 9, seed: 8, spanDays: 400 })));
  afterEach(() => sim.close());

  const page = async (source: ReturnType<typeof virtualTimeSource>['source'], connection: SourceConnection, cursor: string | null, scope: IdWalkScope = { projectKeys: [] }) => {
    const answer: E.Either<unknown, IdPage> = await source.walkIds(connection, scope, cursor)();
    if (E.isLeft(answer)) throw new Error(JSON.stringify(answer.left));
    return answer.right;
  };
  const walkAll = async (source: ReturnType<typeof virtualTimeSource>['source'], connection: SourceConnection, scope?: IdWalkScope) => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const next: IdPage = await page(source, connection, cursor, scope);
      ids.push(...next.ids);
      cursor = next.nextCursor;
    } while (cursor !== null);
    return ids;
  };
  const every = () => [...sim.store.all('service').map((t) => `service:${t.id}`), ...sim.store.all('project').map((t) => `project:${t.id}`)];

  it('reads ids only, 1,000 a call, service tickets then project tickets, open or closed however long ago, with the connection’s conditions', async () => {
    const proxy = await countingProxy(sim.url);
    const { source } = virtualTimeSource();
    try {
      // A first sync would take only tickets closed in the last day; the walk takes every one.
      expect(sim.store.all('service').some((t) => t.closedFlag && Date.parse(t.closedDate!) < Date.now() - 86_400_000)).to.equal(true);
      expect(await walkAll(source, connectionTo(proxy.url, { closedTicketsDays: '1' }))).to.deep.equal(every());
      // Each kind: its first page, beside its highest id (where parts would be cut had there been more).
      const queries = proxy.exchanges().map((e) => new URL(e.path, proxy.url));
      expect(queries.map((q) => q.pathname.split('/apis/3.0')[1]).sort()).to.deep.equal(['/project/tickets', '/project/tickets', '/service/tickets', '/service/tickets']);
      const shapes = queries.map((q) => [q.searchParams.get('fields'), q.searchParams.get('orderBy'), q.searchParams.get('pageSize'), q.searchParams.get('conditions')]);
      expect(shapes.filter(([, order]) => order === 'id asc')).to.deep.equal([['id', 'id asc', '1000', 'id > 0'], ['id', 'id asc', '1000', 'id > 0']]);
      expect(shapes.filter(([, order]) => order === 'id desc')).to.deep.equal([['id', 'id desc', '1', 'id > 0'], ['id', 'id desc', '1', 'id > 0']]);
      const filtered = await walkAll(source, connectionTo(proxy.url, { boards: ['Help Desk'], includeProjectTickets: false }));
      expect(filtered).to.deep.equal(sim.store.all('service').filter((t) => t.boardId === 1).map((t) => `service:${t.id}`));
      expect(new URL(proxy.exchanges().at(-1)!.path, proxy.url).searchParams.get('conditions')).to.equal('board/name in ("Help Desk") and id > 0');
    } finally {
      source.close();
      await proxy.close();
    }
  });

  it('misses no ticket when one already read is deleted during the walk (each page starts after the last id read)', async () => {
    const { source } = virtualTimeSource({ idPageSize: 5 });
    const connection = connectionTo(sim.url);
    const first = await page(source, connection, null);
    expect(first.ids).to.have.length(5);
    sim.store.remove('service', Number(first.ids[0]!.split(':')[1]));
    const rest: string[] = [];
    for (let cursor = first.nextCursor; cursor !== null; ) {
      const next: IdPage = await page(source, connection, cursor);
      rest.push(...next.ids);
      cursor = next.nextCursor;
    }
    expect([...first.ids, ...rest]).to.deep.equal([first.ids[0], ...every()]);
    source.close();
  });

  it('walks only the project tickets of the projects asked for, and nothing for a key that is no project id', async () => {
    const { source } = virtualTimeSource({ idPageSize: 4 });
    const [ticket] = sim.store.all('project');
    const inProject = sim.store.all('project').filter((t) => t.projectId === ticket!.projectId).map((t) => `project:${t.id}`);
    expect(await walkAll(source, connectionTo(sim.url), { projectKeys: [String(ticket!.projectId)] })).to.deep.equal(inProject);
    expect(await walkAll(source, connectionTo(sim.url), { projectKeys: ['Office Move'] })).to.deep.equal([]);
    source.close();
  });

  it('refuses a cursor it did not issue rather than walking from the start', async () => {
    const { source } = virtualTimeSource();
    const answer = await source.walkIds(connectionTo(sim.url), { projectKeys: [] }, 'bm90LWEtY3Vyc29y')();
    expect(E.isLeft(answer) && answer.left._tag).to.equal('SourceUnavailable');
    source.close();
  });
});
