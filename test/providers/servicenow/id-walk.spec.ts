import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import type { IdPage, SourceConnection } from '../../../core/index.js';
import type { ServiceNowIssueSource } from '../../../adapters/providers/servicenow/index.js';
import { startServiceNowSimulator, type ServiceNowSimulator } from '../../../apps/simulator/servicenow/index.js';
import { connectionTo, fastSource, groupNameOf, tableReads } from './servicenow-harness.js';

describe('ServiceNow id-only walk (for the reconciliation sweep)', () => {
  let sim: ServiceNowSimulator;
  let source: ServiceNowIssueSource;
  beforeEach(async () => {
    sim = await startServiceNowSimulator({ incidents: 23, tasks: 6 });
    source = fastSource({ idPageSize: 5 }).source;
  });
  afterEach(async () => {
    source.close();
    await sim.close();
  });

  const walkAll = async (connection: SourceConnection, projectKeys: ReadonlyArray<string> = []) => {
    const pages: IdPage[] = [];
    let cursor: string | null = null;
    do {
      const page: E.Either<unknown, IdPage> = await source.walkIds(connection, { projectKeys }, cursor)();
      if (E.isLeft(page)) throw new Error(JSON.stringify(page.left));
      pages.push(page.right);
      cursor = page.right.nextCursor;
    } while (cursor !== null);
    return pages;
  };

  it('lists every sys_id of every table the connection syncs, its filter applied, past pages the ACLs emptied', async () => {
    const incidents = sim.store.all('incident');
    sim.acl.hide(incidents.filter((r) => r.active === 'true').map((r) => r.sys_id!).sort().slice(0, 6));
    const pages = await walkAll(connectionTo(sim.url, { tables: ['incident', 'sc_task'], filter: 'active=true' }));
    const expected = [...incidents.filter((r) => !sim.acl.hidden(r)), ...sim.store.all('sc_task')].filter((r) => r.active === 'true').map((r) => r.sys_id!);
    expect(pages.flatMap((p) => p.ids).sort()).to.deep.equal(expected.sort());
    expect(pages.some((p) => p.ids.length === 0 && p.nextCursor !== null), 'a page the ACLs emptied is not the end').to.equal(true);
    // Only sys_id is read, and each page starts after the last id seen.
    const reads = tableReads(sim, 'incident');
    expect(reads.every((r) => r.query!.startsWith('active=true'))).to.equal(true);
    expect(reads.some((r) => r.query!.includes('^sys_id>'))).to.equal(true);
    expect(reads.some((r) => r.offset! > 0)).to.equal(true);
  });

  it('narrows to the assignment groups of the scope, each group added to every part of the filter', async () => {
    const [record] = sim.store.all('incident').filter((r) => r.assignment_group !== '');
    const group = groupNameOf(sim, record!.assignment_group);
    const pages = await walkAll(connectionTo(sim.url, { filter: 'active=true^NQactive=false' }), [group]);
    const inGroup = sim.store.all('incident').filter((r) => groupNameOf(sim, r.assignment_group) === group);
    expect(pages.flatMap((p) => p.ids).sort()).to.deep.equal(inGroup.map((r) => r.sys_id!).sort());
    expect(tableReads(sim, 'incident')[0]!.query).to.equal(`active=true^assignment_group.name=${group}^NQactive=false^assignment_group.name=${group}^ORDERBYsys_id`);
  });
});
