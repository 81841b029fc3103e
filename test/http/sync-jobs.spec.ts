import { expect } from 'chai';
import type { MikroORM } from '../../adapters/postgres/index.js';
import { emptyTestDatabase } from '../support/test-database.js';
import { countingProxy } from './support/counting-proxy.js';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, ORG_B, tokenFor } from './support/tokens.js';

const a = tokenFor(ORG_A);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const countOf = async (orm: MikroORM, sql: string, params: unknown[] = []) => Number((await orm.em.fork().execute<Array<{ n: string }>>(`select count(*) as n from ${sql}`, params))[0]!.n);

/** Polls a run in the database (its connection may be gone) until it is no longer open. */
const settledRun = async (orm: MikroORM, runId: string) => {
  for (;;) {
    const [run] = await orm.em.fork().execute<Array<{ status: string; error: string | null }>>('select status, error from sync_runs where id = ?', [runId]);
    if (run !== undefined && run.status !== 'queued' && run.status !== 'running') return run;
    await sleep(20);
  }
};

describe('HTTP sync runs as jobs', () => {
  let api: TestApi;
  before(async () => (api = await startTestApi({ issues: 400, latencyMs: 40 })));
  after(() => api.close());
  // Tasks outlive their connection and a site's versions are recorded once: each test starts empty.
  beforeEach(() => emptyTestDatabase());
  afterEach(() => api.jira.simulator.revoked.restore(api.jira.apiToken));

  const connect = async (overrides: Record<string, unknown> = {}) => {
    const response = await api.http.call('POST', '/api/integrations', { token: a, body: { type: 'jira', baseUrl: api.jira.baseUrl, email: api.jira.email, apiToken: api.jira.apiToken, ...overrides } });
    expect(response.status, response.text).to.equal(201);
    return response.json.data.id as string;
  };
  const syncAsync = (id: string, body: unknown = {}) =>
    api.http.call('POST', `/api/integrations/${id}/sync-now`, { token: a, body, headers: { prefer: 'respond-async' } });

  it('answers 202 with the queued run at once with Prefer: respond-async, and the run can be followed to its end', async () => {
    const id = await connect();
    const queued = await syncAsync(id);
    expect(queued.status).to.equal(202);
    expect(queued.headers.get('preference-applied')).to.equal('respond-async');
    expect(queued.json.data).to.deep.equal({ runId: queued.json.data.runId, status: 'queued' });
    await settledRun(api.orm, queued.json.data.runId);
    const run = await api.http.call('GET', `/api/integrations/${id}/sync-runs/${queued.json.data.runId}`, { token: a });
    expect(run.json.data).to.deep.include({ status: 'succeeded', pages: 4, counts: { issuesProcessed: 400, created: 400, updated: 0, unchanged: 0, skipped: 0, quarantined: 0 } });
    expect((await api.http.call('GET', `/api/integrations/${id}/sync-runs/${queued.json.data.runId}`, { token: tokenFor(ORG_B) })).status).to.equal(404);
    expect((await api.http.call('GET', `/api/integrations/${id}/sync-runs/not-a-run`, { token: a })).json.error.code).to.equal('sync-run/not-found');
  });

  it('cancels a running sync between pages; it ends cancelled with what it wrote', async () => {
    const id = await connect();
    const { json } = await syncAsync(id);
    while ((await countOf(api.orm, 'external_tasks')) === 0) await sleep(10);
    const cancelled = await api.http.call('POST', `/api/integrations/${id}/sync-runs/${json.data.runId}/cancel`, { token: a });
    expect(cancelled.json.data).to.include({ cancelRequested: true });
    expect(await settledRun(api.orm, json.data.runId)).to.deep.equal({ status: 'cancelled', error: 'The sync was cancelled' });
    expect(await countOf(api.orm, 'external_tasks')).to.be.within(100, 300);
  });

  it('stops a sync whose connection is deleted: at most the page already asked for arrives after the 204, no task is written after it', async () => {
    const proxy = await countingProxy(api.jira.baseUrl);
    try {
      const id = await connect({ baseUrl: proxy.url });
      const { json } = await syncAsync(id);
      while ((await countOf(api.orm, 'external_tasks')) === 0) await sleep(5);
      const deleted = await api.http.call('DELETE', `/api/integrations/${id}`, { token: a });
      expect(deleted.status).to.equal(204);
      const [callsAtDelete, tasksAtDelete] = [proxy.arrived(), await countOf(api.orm, 'external_tasks')];
      expect(await settledRun(api.orm, json.data.runId)).to.deep.equal({ status: 'cancelled', error: 'The sync stopped: its connection was deleted' });
      // The next page is fetched while one is written, so the request for it may already be on its
      // way when the deletion commits; nothing is asked after that, and nothing it brings is written.
      expect(proxy.arrived()).to.be.at.most(callsAtDelete + 1);
      expect(await countOf(api.orm, 'external_tasks')).to.equal(tasksAtDelete);
      expect(tasksAtDelete).to.be.below(400);
    } finally {
      await proxy.close();
    }
  });

  describe('the sweep', () => {
    let project: string;
    let id: string;
    beforeEach(async () => {
      project = api.jira.simulator.store.projects[0]!.key;
      id = await connect({ jqlFilter: `project = "${project}"` });
      const full = await api.http.call('POST', `/api/integrations/${id}/sync-now`, { token: a, body: { mode: 'full' } });
      expect(full.status, full.text).to.equal(200);
    });
    const inProject = () => api.jira.simulator.store.sorted().filter((issue) => issue.projectKey === project);
    const liveTasks = () => countOf(api.orm, 'external_tasks where deleted_at is null and out_of_scope_at is null and connection_id = ?', [id]);

    it('marks deleted an issue deleted in the tracker, and out of scope one moved to another project, with its new key', async () => {
      const before = await liveTasks();
      const [gone, moved] = inProject();
      const elsewhere = api.jira.simulator.store.projects[1]!.key;
      api.jira.simulator.store.remove(gone!);
      api.jira.simulator.store.move(moved!, elsewhere);
      const swept = await api.http.call('POST', `/api/integrations/${id}/sync-now`, { token: a, body: { mode: 'sweep' } });
      expect(swept.json.data.sweep).to.deep.equal({ deleted: 1, outOfScope: 1, backInScope: 0 });
      const [movedTask] = await api.orm.em.fork().execute('select key, project_key, deleted_at, out_of_scope_at from external_tasks where external_id = ?', [String(moved!.id)]);
      expect(movedTask).to.deep.include({ key: moved!.key, project_key: elsewhere, deleted_at: null });
      expect(movedTask!.out_of_scope_at).to.not.equal(null);
      expect(await countOf(api.orm, 'external_tasks where deleted_at is not null and external_id = ?', [String(gone!.id)])).to.equal(1);
      expect(await liveTasks()).to.equal(before - 2);
    });

    for (const answer of ['reject', 'anonymous'] as const) {
      it(`marks nothing deleted when the token is revoked (answered ${answer === 'reject' ? '401' : 'anonymously, 200 with no issues'}), and the connection says why`, async () => {
        const before = await liveTasks();
        api.jira.simulator.revoked.revoke(api.jira.apiToken, answer);
        const swept = await api.http.call('POST', `/api/integrations/${id}/sync-now`, { token: a, body: { mode: 'sweep' } });
        expect([swept.status, swept.json.error.code]).to.deep.equal([422, 'integration/invalid-credentials']);
        expect(await liveTasks()).to.equal(before);
        expect(await countOf(api.orm, 'external_tasks where deleted_at is not null')).to.equal(0);
        const connection = (await api.http.call('GET', `/api/integrations/${id}`, { token: a })).json.data;
        expect(connection.syncState.lastSyncStatus).to.equal('failed');
        expect(connection.schedule.pausedReason).to.be.a('string');
      });
    }
  });
});
