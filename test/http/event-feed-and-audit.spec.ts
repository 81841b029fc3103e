import { expect } from 'chai';
import type { PublishedEvent } from '../../core/index.js';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, ORG_B, tokenFor } from './support/tokens.js';

const ISSUES = 6;

describe('HTTP /api/events, /api/audit-events and the in-process hook', () => {
  let api: TestApi;
  const a = tokenFor(ORG_A);
  const b = tokenFor(ORG_B);
  let connectionId: string;
  before(async () => {
    api = await startTestApi({ issues: ISSUES });
  });
  after(() => api.close());

  const connectAndSync = async (requestId: string) => {
    const created = await api.http.call('POST', '/api/integrations', {
      token: a,
      headers: { 'x-request-id': requestId },
      body: { type: 'jira', baseUrl: api.jira.baseUrl, email: api.jira.email, apiToken: api.jira.apiToken },
    });
    expect(created.status, created.text).to.equal(201);
    connectionId = created.json.data.id;
    expect((await api.http.call('POST', `/api/integrations/${connectionId}/sync-now`, { token: a, headers: { 'x-request-id': `${requestId}-sync` } })).status).to.equal(200);
    await api.events.drain();
  };

  it('hands every committed event to a registered handler, at least once, again after the handler failed', async () => {
    const seen: PublishedEvent[] = [];
    let failed = false;
    const unsubscribe = api.events.onEvent(
      (event) => {
        if (!failed && event.type === 'connection.sync_succeeded') {
          failed = true;
          throw new Error('the host was not ready');
        }
        seen.push(event);
      },
      { name: 'hook-spec' },
    );
    await connectAndSync('req-hook');
    await api.events.drain();
    await unsubscribe();
    const mine = seen.filter((e) => e.connectionId === connectionId);
    expect(mine.map((e) => e.type)).to.deep.equal([...Array(ISSUES).fill('external_task.created'), 'connection.sync_succeeded']);
    expect(failed).to.equal(true);
    expect(new Set(mine.map((e) => e.id)).size).to.equal(ISSUES + 1);
  });

  it("answers the organization's events in commit order after a cursor, by type, page by page", async () => {
    const all = await api.http.call('GET', '/api/events?limit=1000', { token: a });
    expect(all.status, all.text).to.equal(200);
    const positions = all.json.data.map((e: { position: string }) => Number(e.position));
    expect(positions).to.deep.equal([...positions].sort((x, y) => x - y));
    expect(all.json.data.filter((e: { type: string }) => e.type === 'external_task.created')).to.have.length(ISSUES);
    const first = await api.http.call('GET', '/api/events?limit=2', { token: a });
    const next = await api.http.call('GET', `/api/events?limit=2&after=${first.json.meta.nextCursor}`, { token: a });
    expect([...first.json.data, ...next.json.data].map((e: { id: string }) => e.id)).to.deep.equal(all.json.data.slice(0, 4).map((e: { id: string }) => e.id));
    const succeeded = await api.http.call('GET', '/api/events?types=connection.sync_succeeded', { token: a });
    expect(succeeded.json.data.map((e: { type: string; connectionId: string }) => [e.type, e.connectionId])).to.deep.equal([['connection.sync_succeeded', connectionId]]);
    expect(succeeded.json.data[0]).to.have.nested.property('data.counts.created', ISSUES);
    const last = all.json.meta.nextCursor;
    expect((await api.http.call('GET', `/api/events?after=${last}`, { token: a })).json).to.deep.equal({ data: [], meta: { nextCursor: last } });
    expect((await api.http.call('GET', '/api/events', { token: b })).json.data).to.deep.equal([]);
    expect((await api.http.call('GET', '/api/events?after=soon', { token: a })).status).to.equal(400);
    expect((await api.http.call('GET', '/api/events?types=task.renamed', { token: a })).status).to.equal(400);
  });

  it('shows who changed what in which request, newest first, to the organization alone, and cannot be changed', async () => {
    const created = await api.http.call('GET', `/api/audit-events?action=connection.created&targetId=${connectionId}`, { token: a });
    expect(created.status, created.text).to.equal(200);
    expect(created.json.data).to.have.length(1);
    expect(created.json.data[0]).to.include({ actor: 'user-1', action: 'connection.created', targetType: 'connection', targetId: connectionId, requestId: 'req-hook' });
    expect(created.json.data[0].summary).to.include({ provider: 'jira', baseUrl: api.jira.baseUrl });
    const runs = await api.http.call('GET', '/api/audit-events?actor=user-1&limit=2', { token: a });
    expect(runs.json.data.map((e: { action: string; requestId: string }) => [e.action, e.requestId])).to.deep.equal([
      ['sync_run.finished', 'req-hook-sync'],
      ['sync_run.started', 'req-hook-sync'],
    ]);
    expect(runs.json.data[0].summary).to.deep.include({ status: 'succeeded', counts: { issuesProcessed: ISSUES, created: ISSUES, updated: 0, unchanged: 0, skipped: 0, quarantined: 0 } });
    const older = await api.http.call('GET', `/api/audit-events?actor=user-1&limit=2&cursor=${runs.json.meta.nextCursor}`, { token: a });
    expect(older.json.data.map((e: { action: string }) => e.action)).to.deep.equal(['connection.created']);
    expect(JSON.stringify([created.json, runs.json])).not.to.contain(api.jira.apiToken);
    expect((await api.http.call('GET', '/api/audit-events', { token: b })).json.data).to.deep.equal([]);
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
      expect((await api.http.call(method, '/api/audit-events', { token: a, body: {} })).status, method).to.be.oneOf([404, 405]);
    }
    expect((await api.http.call('GET', '/api/audit-events?since=yesterday', { token: a })).status).to.equal(400);
  });
});
