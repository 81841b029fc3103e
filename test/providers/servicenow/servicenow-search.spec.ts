import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { startServiceNowSimulator, type ServiceNowSimulator } from '../../../apps/simulator/servicenow/index.js';
import { allIssues, allPages, connectionTo, editInInstance, fastSource, FULL_SYNC, tableReads } from './servicenow-harness.js';

const ids = (items: ReadonlyArray<{ readonly externalId: string }>) => items.map((i) => i.externalId).sort();
const storeIds = (sim: ServiceNowSimulator, table: string, visible: (id: string) => boolean = () => true) =>
  sim.store.all(table).map((r) => r.sys_id!).filter(visible).sort();

describe('ServiceNowIssueSource paging over HTTP', () => {
  let sim: ServiceNowSimulator;
  beforeEach(async () => {
    sim = await startServiceNowSimulator({ incidents: 40, tasks: 9, seed: 7 });
  });
  afterEach(() => sim.close());

  it('follows Link rel="next" past pages the ACLs made short or empty, and reads every visible record once', async () => {
    const all = sim.store.all('incident');
    // Hide one record in three, and the whole second page, so one page comes back empty.
    sim.acl.hideEvery(3);
    sim.acl.hide(all.slice(5, 10).map((r) => r.sys_id!));
    const hidden = new Set(all.filter((r) => sim.acl.hidden(r)).map((r) => r.sys_id!));
    const { source } = fastSource({ pageSize: 5 });
    const pages = await allPages(source, connectionTo(sim.url));
    source.close();
    expect(ids(pages.flatMap((p) => p.issues))).to.deep.equal(storeIds(sim, 'incident', (id) => !hidden.has(id)));
    expect(pages.some((p) => p.issues.length === 0 && p.nextCursor !== null), 'an empty page that is not the end').to.equal(true);
    expect(pages.filter((p) => p.issues.length < 5).length).to.be.greaterThan(2);
  });

  it('misses nothing when records change during the walk: an edited record comes again, the others do not shift', async () => {
    const { source } = fastSource({ pageSize: 5 });
    const connection = connectionTo(sim.url);
    const first = await source.searchIssues(connection, FULL_SYNC, null)();
    if (E.isLeft(first)) return expect.fail(JSON.stringify(first.left));
    // Offset paging alone would now skip a record: the edited one leaves page one for the end.
    await editInInstance(sim, 'incident', first.right.issues[0]!.externalId, { short_description: 'Moved to the end' });
    await editInInstance(sim, 'incident', first.right.issues[1]!.externalId, { short_description: 'Moved too' });
    const rest = await allIssues({ ...source, searchIssues: (c, q, cursor) => source.searchIssues(c, q, cursor ?? first.right.nextCursor) }, connection);
    source.close();
    const read = [...first.right.issues, ...rest];
    expect([...new Set(ids(read))]).to.deep.equal(storeIds(sim, 'incident'));
    expect(read.filter((i) => i.title === 'Moved to the end')).to.have.length(1);
    expect(read.length).to.equal(42);
  });

  it('orders records that share an update second by sys_id, and hands each version over once', async () => {
    sim.store.touchAll(['incident']);
    sim.acl.hideEvery(4);
    const hidden = new Set(sim.store.all('incident').filter((r) => sim.acl.hidden(r)).map((r) => r.sys_id!));
    const { source } = fastSource({ pageSize: 6 });
    const read = await allIssues(source, connectionTo(sim.url));
    source.close();
    expect(read.map((i) => i.externalId).sort()).to.deep.equal(storeIds(sim, 'incident', (id) => !hidden.has(id)));
  });

  it('reads again, rather than skip, rows an ACL hid at a page boundary, and hands each version over once', async () => {
    let now = Date.parse('2026-06-01T10:00:00Z');
    const clocked = await startServiceNowSimulator({ incidents: 40, seed: 7, now: () => now });
    try {
      // Eight records share one update second, after the 32 others: page one (35 rows) ends three rows into them.
      const group = clocked.store.all('incident').slice(0, 8).map((r) => clocked.store.update('incident', r.sys_id!, { short_description: 'Bulk change' })!);
      now += 60_000;
      const sorted = [...group].sort((a, b) => a.sys_id!.localeCompare(b.sys_id!));
      clocked.acl.hide([sorted[0]!.sys_id!]);
      const { source } = fastSource({ pageSize: 35 });
      const pages = await allPages(source, connectionTo(clocked.url));
      source.close();
      const read = pages.flatMap((p) => p.issues.map((i) => i.externalId));
      expect(read.length).to.equal(new Set(read).size);
      expect([...read].sort()).to.deep.equal(storeIds(clocked, 'incident', (id) => id !== sorted[0]!.sys_id));
      const second = tableReads(clocked, 'incident')[1]!;
      expect({ offset: second.offset, from: /sys_updated_on>=([^^]+)/.exec(second.query!)?.[1] }).to.deep.equal({ offset: 2, from: '2026-06-01 10:00:00' });
    } finally {
      await clocked.close();
    }
  });

  it('asks for the filter, then the watermark less the overlap (UTC), in update order, with only the fields it maps', async () => {
    const { source } = fastSource({ pageSize: 10, overlapMs: 5 * 60_000 });
    const since = new Date('2025-06-01T12:00:30Z');
    await allIssues(source, connectionTo(sim.url, { filter: 'active=true^NQpriority=1' }), { updatedSince: since, projectKeys: ['Network', 'Service Desk'] });
    source.close();
    const [read] = tableReads(sim, 'incident');
    const groups = 'assignment_group.name=Network^ORassignment_group.name=Service Desk';
    expect(read!.query).to.equal(
      `active=true^${groups}^sys_updated_on>=2025-06-01 11:55:30^NQpriority=1^${groups}^sys_updated_on>=2025-06-01 11:55:30^ORDERBYsys_updated_on^ORDERBYsys_id`,
    );
    expect(read!.limit).to.equal(10);
  });

  it('walks each table of the connection, keying statuses by table so both state models map', async () => {
    const { source } = fastSource({ pageSize: 8 });
    const read = await allIssues(source, connectionTo(sim.url, { tables: ['incident', 'sc_task'] }));
    source.close();
    expect(ids(read)).to.deep.equal([...storeIds(sim, 'incident'), ...storeIds(sim, 'sc_task')].sort());
    const task = read.find((i) => i.key.startsWith('SCTASK'))!;
    const record = sim.store.get('sc_task', task.externalId)!;
    expect(task).to.deep.include({ rawStatus: `sc_task:${record.state}`, statusCategory: `task:${record.state}`, version: record.sys_mod_count });
    expect(task.url).to.equal(`${sim.url}/nav_to.do?uri=${encodeURIComponent(`sc_task.do?sys_id=${task.externalId}`)}`);
    expect(read.find((i) => i.key.startsWith('INC'))!.statusCategory).to.match(/^incident:/);
  });

  it('looks assignees up in sys_user in batches, each person once per run, and names the groups', async () => {
    const { source } = fastSource({ pageSize: 7 });
    const read = await allIssues(source, connectionTo(sim.url));
    source.close();
    const asked = tableReads(sim, 'sys_user').flatMap((r) => r.query!.replace(/^sys_idIN/, '').split(','));
    const assignees = [...new Set(sim.store.all('incident').map((r) => r.assigned_to!).filter((id) => id !== ''))];
    expect([...asked].sort()).to.deep.equal([...assignees].sort());
    expect(tableReads(sim, 'sys_user').length).to.be.lessThan(tableReads(sim, 'incident').length + 1);
    for (const issue of read) {
      const record = sim.store.get('incident', issue.externalId)!;
      expect(issue.assigneeEmail).to.equal(record.assigned_to === '' ? null : sim.store.get('sys_user', record.assigned_to!)!.email);
      expect(issue.projectKey).to.equal(record.assignment_group === '' ? null : sim.store.get('sys_user_group', record.assignment_group!)!.name);
    }
  });

  it('refuses a filter it cannot read before asking the instance anything', async () => {
    const { source } = fastSource();
    const outcome = await source.searchIssues(connectionTo(sim.url, { filter: 'RLQUERYincident.parent,>=1^ENDRLQUERY' }), FULL_SYNC, null)();
    source.close();
    expect(E.isLeft(outcome) && outcome.left).to.deep.include({ _tag: 'SourceUnavailable' });
    expect(sim.requests.entries()).to.deep.equal([]);
  });
});
