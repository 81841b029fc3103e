import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { listCall, serviceNowIdWalk, serviceNowIssueSource } from '../../../adapters/providers/servicenow/index.js';
import { startServiceNowSimulator, type ServiceNowSimulator } from '../../../apps/simulator/servicenow/index.js';
import { connectionTo, tableReads } from './servicenow-harness.js';

describe('ServiceNow id-only walk (for deletion sweeps)', () => {
  let sim: ServiceNowSimulator;
  beforeEach(async () => {
    sim = await startServiceNowSimulator({ incidents: 23, tasks: 6 });
  });
  afterEach(() => sim.close());

  const walk = (pageSize: number) => {
    const source = serviceNowIssueSource({ allowPrivateNetwork: true });
    return { walker: serviceNowIdWalk(listCall(source.http), pageSize), close: source.close };
  };

  it('lists every sys_id of every table the connection syncs, its filter applied, past pages the ACLs emptied', async () => {
    const incidents = sim.store.all('incident');
    sim.acl.hide(incidents.filter((r) => r.active === 'true').map((r) => r.sys_id!).sort().slice(0, 6));
    const { walker, close } = walk(5);
    const ids = await walker.walkIds(connectionTo(sim.url, { tables: ['incident', 'sc_task'], filter: 'active=true' }))();
    close();
    const expected = [...incidents.filter((r) => !sim.acl.hidden(r)), ...sim.store.all('sc_task')].filter((r) => r.active === 'true').map((r) => r.sys_id!);
    expect(E.isRight(ids) && [...ids.right].sort()).to.deep.equal(expected.sort());
    // Only sys_id is read, and each page starts after the last id seen.
    const reads = tableReads(sim, 'incident');
    expect(reads.every((r) => r.query!.startsWith('active=true'))).to.equal(true);
    expect(reads.some((r) => r.offset! > 0)).to.equal(true);
  });
});
