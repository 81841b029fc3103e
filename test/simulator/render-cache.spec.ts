import { expect } from 'chai';
import { DEFAULT_ACCOUNTS, startJiraSimulator, type JiraSimulator, type SimulatorAccount } from '../../apps/simulator/jira/index.js';
import { basicAuth, call, search } from './simulator-http.js';

const BERLIN: SimulatorAccount = { ...(DEFAULT_ACCOUNTS[0] as SimulatorAccount), email: 'berlin@taskport.test', accountId: 'berlin-1', timeZone: 'Europe/Berlin' };
const FIELDS = ['summary', 'status', 'updated', 'duedate', 'project'];

interface RenderedIssue {
  readonly id: string;
  readonly key: string;
  readonly fields: { summary: string; status: { id: string }; updated: string; duedate: string | null; project: { key: string } };
}

// The simulator keeps what it rendered per issue; every change to an issue must reach the next answer.
describe('Jira simulator render cache: a changed issue is rendered again', () => {
  let sim: JiraSimulator;
  let clock: number;
  beforeEach(async () => {
    clock = Date.parse('2026-03-01T12:00:00Z');
    sim = await startJiraSimulator({ issues: 20, now: () => clock, accounts: [...DEFAULT_ACCOUNTS, BERLIN] });
  });
  afterEach(() => sim.close());

  const fetched = async (id: string, authorization?: string): Promise<RenderedIssue> => {
    const answer = await call(sim, 'POST', '/rest/api/3/issue/bulkfetch', { body: { issueIdsOrKeys: [id], fields: FIELDS }, ...(authorization === undefined ? {} : { authorization }) });
    expect(answer.status).to.equal(200);
    return answer.body.issues[0] as RenderedIssue;
  };
  const searched = async (id: string): Promise<RenderedIssue> => {
    const answer = await search(sim, { jql: `id = ${id}`, fields: FIELDS });
    expect(answer.status).to.equal(200);
    return answer.body.issues[0] as RenderedIssue;
  };
  const firstId = () => String(sim.store.sorted()[0]?.id);

  it('answers an edit in the next bulk fetch and search', async () => {
    const id = firstId();
    const [before] = [await fetched(id), await searched(id)];
    clock += 60_000;
    expect((await call(sim, 'PUT', `/rest/api/3/issue/${id}`, { body: { fields: { summary: 'Edited after a render' } } })).status).to.equal(204);
    for (const after of [await fetched(id), await searched(id)]) {
      expect(after.fields.summary).to.equal('Edited after a render');
      expect(after.fields.updated).to.not.equal(before.fields.updated);
    }
  });

  it('answers a transition in the next bulk fetch and search', async () => {
    const id = String(sim.store.sorted().find((i) => i.statusId === '10000')?.id);
    await fetched(id);
    await searched(id);
    const transitions = (await call(sim, 'GET', `/rest/api/3/issue/${id}/transitions`)).body.transitions as Array<{ id: string; to: { id: string } }>;
    const chosen = transitions.find((t) => t.to.id !== '10000') as { id: string; to: { id: string } };
    expect((await call(sim, 'POST', `/rest/api/3/issue/${id}/transitions`, { body: { transition: { id: chosen.id } } })).status).to.equal(204);
    expect((await fetched(id)).fields.status.id).to.equal(chosen.to.id);
    expect((await searched(id)).fields.status.id).to.equal(chosen.to.id);
  });

  it('answers silent changes (a planted value, a bulk touch) and a move to another project', async () => {
    const id = firstId();
    await fetched(id);
    expect((await call(sim, 'PUT', `/__admin/issues/${id}/planted`, { body: { duedate: '2026-02-30' } })).status).to.equal(200);
    expect((await fetched(id)).fields.duedate).to.equal('2026-02-30');
    await call(sim, 'POST', '/__admin/issues/touch');
    expect((await searched(id)).fields.summary).to.match(/ \(edit 1\)$/);
    const other = sim.store.projects.find((p) => p.key !== sim.store.find(id)?.projectKey)?.key as string;
    await call(sim, 'POST', `/__admin/issues/${id}/move`, { body: { projectKey: other } });
    const moved = await fetched(id);
    expect([moved.key.split('-')[0], moved.fields.project.key]).to.deep.equal([other, other]);
  });

  it('answers a deleted issue as not found, and renders for each caller in their own zone', async () => {
    const id = firstId();
    const losAngeles = await fetched(id);
    const berlin = await fetched(id, basicAuth(BERLIN.email, BERLIN.apiToken));
    expect(losAngeles.fields.updated).to.match(/-0[78]00$/);
    expect(berlin.fields.updated).to.match(/\+0[12]00$/);
    expect((await call(sim, 'DELETE', `/rest/api/3/issue/${id}`)).status).to.equal(204);
    const answer = await call(sim, 'POST', '/rest/api/3/issue/bulkfetch', { body: { issueIdsOrKeys: [id], fields: FIELDS } });
    expect(answer.body.issues).to.deep.equal([]);
    expect(answer.body.issueErrors).to.have.length(1);
  });
});

describe('Jira simulator render cache: warming', () => {
  let sim: JiraSimulator;
  before(async () => {
    sim = await startJiraSimulator({ issues: 30 });
  });
  after(() => sim.close());

  it('renders every issue beforehand as the account asking for those fields gets them answered', async () => {
    expect(sim.warmRenders(DEFAULT_ACCOUNTS[0] as SimulatorAccount, [...FIELDS].reverse())).to.equal(30);
    // Changed behind the store's back (no new version): only an answer from the warmed renders misses it.
    const issue = sim.store.sorted()[5]!;
    const warmed = issue.summary;
    issue.summary = 'Changed without the store knowing';
    const answer = await call(sim, 'POST', '/rest/api/3/issue/bulkfetch', { body: { issueIdsOrKeys: [String(issue.id)], fields: FIELDS } });
    expect(answer.body.issues[0].fields.summary).to.equal(warmed);
  });
});
