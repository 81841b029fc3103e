import { expect } from 'chai';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, ORG_B, tokenFor } from './support/tokens.js';

const a = tokenFor(ORG_A);
const ISSUES = 250;
// Five in the morning of the year 10000 (UTC): JavaScript holds it, and the account's zone (Los
// Angeles) writes it as 9999-12-31T21:00-0800, which reads; PostgreSQL's timestamptz cannot hold it.
const YEAR_10000 = Date.parse('+010000-01-01T05:00:00Z');

interface Task {
  readonly key: string;
  readonly title: string;
  readonly dueDate: string | null;
  readonly dataNotes: ReadonlyArray<{ field: string; note: string; value: string | null }>;
}

describe('HTTP: one odd issue never blocks a connection', () => {
  let api: TestApi;
  before(async () => (api = await startTestApi({ issues: ISSUES, latencyMs: 0 })));
  after(() => api.close());

  const plant = async (key: string, values: Record<string, unknown>) => {
    const answer = await fetch(`${api.jira.baseUrl}/__admin/issues/${key}/planted`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(values) });
    expect(answer.status, await answer.text()).to.equal(200);
  };
  const tasks = async (id: string) => (await api.http.call('GET', `/api/external-tasks?connectionId=${id}&limit=500`, { token: a })).json.data as Task[];

  it('stores every other issue, repairs and notes what it can, quarantines the one it cannot store, and stores it once fixed', async () => {
    const keys = api.jira.simulator.store.sorted().map((issue) => issue.key);
    const [halfCharacter, impossibleDay, farFuture] = [keys[120]!, keys[150]!, keys[210]!];
    await plant(halfCharacter, { summary: 'Broken \ud800 paste' });
    await plant(impossibleDay, { duedate: '2026-02-30' });
    await plant(farFuture, { updated: YEAR_10000 });

    const created = await api.http.call('POST', '/api/integrations', { token: a, body: { type: 'jira', baseUrl: api.jira.baseUrl, email: api.jira.email, apiToken: api.jira.apiToken } });
    const id = created.json.data.id as string;
    const sync = await api.http.call('POST', `/api/integrations/${id}/sync-now`, { token: a });
    expect(sync.status, sync.text).to.equal(200);
    expect(sync.json.data, sync.text).to.include({ status: "succeeded", created: ISSUES - 1, quarantined: 1 });
    expect(sync.json.data.quarantine).to.have.length(1);
    expect(sync.json.data.quarantine[0]).to.include({ key: farFuture, reason: 'its update time is not a date from the year 1 to 9999' });

    const stored = await tasks(id);
    expect(stored).to.have.length(ISSUES - 1);
    const byKey = new Map(stored.map((task) => [task.key, task]));
    expect(byKey.get(halfCharacter)).to.deep.include({ title: 'Broken \uFFFD paste' });
    expect(byKey.get(halfCharacter)!.dataNotes.map((n) => n.field)).to.deep.equal(['title']);
    expect(byKey.get(impossibleDay)).to.deep.include({
      dueDate: null,
      dataNotes: [{ field: 'dueDate', note: 'not a calendar date from the year 1 to 9999; kept as null', value: '2026-02-30' }],
    });
    expect(byKey.get(keys[0]!)!.dataNotes).to.deep.equal([]);

    const run = await api.http.call('GET', `/api/integrations/${id}/sync-runs/${sync.json.data.runId}`, { token: a });
    expect(run.json.data).to.deep.include({ counts: { issuesProcessed: ISSUES - 1, created: ISSUES - 1, updated: 0, unchanged: 0, skipped: 0, quarantined: 1 }, quarantine: sync.json.data.quarantine });
    const quarantine = await api.http.call('GET', `/api/integrations/${id}/quarantine`, { token: a });
    expect(quarantine.status).to.equal(200);
    expect(quarantine.json.data).to.have.length(1);
    expect(quarantine.json.data[0]).to.include({ key: farFuture, connectionId: id, runId: sync.json.data.runId, reason: 'its update time is not a date from the year 1 to 9999' });
    expect(quarantine.json.data[0]).not.to.have.property('organizationId');
    expect((await api.http.call('GET', `/api/integrations/${id}/quarantine`, { token: tokenFor(ORG_B) })).status).to.equal(404);
    expect((await api.http.call('GET', `/api/integrations/${id}/quarantine?limit=0`, { token: a })).json.error.code).to.equal('validation/invalid-query');

    await plant(farFuture, { updated: Date.now() });
    const again = await api.http.call('POST', `/api/integrations/${id}/sync-now`, { token: a });
    expect(again.json.data).to.include({ status: 'succeeded', created: 1, quarantined: 0 });
    expect(await tasks(id)).to.have.length(ISSUES);
    expect((await api.http.call('GET', `/api/integrations/${id}/quarantine`, { token: a })).json.data).to.deep.equal([]);
  });
});
