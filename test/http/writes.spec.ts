import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { createInMemoryAdapters } from '../../adapters/memory/index.js';
import { aesGcmCipher } from '../../adapters/crypto/aes-gcm-cipher.js';
import { createLogger } from '../../adapters/logging/pino-logger.js';
import { startApiServer, type RunningApi } from '../../apps/api/server.js';
import { aConnectionInput, TRACKER_BASE_URL } from '../builders/connection-input-builder.js';
import { someIssues } from '../builders/source-issue-builder.js';
import { ORG_A, ORG_B, TEST_JWT_SECRET, tokenFor } from './support/tokens.js';

describe('HTTP: writing back to trackers (the fake tracker, in memory)', () => {
  let api: RunningApi;
  let memory: ReturnType<typeof createInMemoryAdapters>;
  let connectionId: string;
  let taskId: string;

  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}, org = ORG_A) => {
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${tokenFor(org)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as { data: Record<string, unknown>; error: { code: string } } };
  };

  before(async () => {
    memory = createInMemoryAdapters();
    api = await startApiServer(
      {
        logger: createLogger('silent'),
        persistence: { ...memory, ready: async () => true },
        cipher: aesGcmCipher({ current: randomBytes(32) }),
        providers: memory.providers,
        baseUrlPolicy: memory.baseUrlPolicy,
        syncQueue: memory.syncQueue,
        writeQueue: memory.writeQueue,
      },
      { port: 0, host: '127.0.0.1', jwt: { kind: 'hs256', secret: TEST_JWT_SECRET } },
    );
    memory.syncQueue.attach(api.useCases.runSyncJob, memory.syncRuns);
    memory.writeQueue.attach(api.useCases.runWriteJob, memory.writes);
    memory.issueSource.setIssues(TRACKER_BASE_URL, someIssues(2));
    connectionId = String((await call('POST', '/api/integrations', aConnectionInput())).body.data.id);
    expect((await call('POST', `/api/integrations/${connectionId}/sync-now`)).status).to.equal(200);
    const listed = (await call('GET', '/api/external-tasks')).body.data as unknown as Array<{ id: string; key: string }>;
    taskId = listed.find((t) => t.key === 'PROJ-1')!.id;
  });
  after(() => api.close());

  it('answers 202 with the queued write, and the write once settled on GET /api/writes/:id?wait=true', async () => {
    const queued = await call('PATCH', `/api/external-tasks/${taskId}`, { title: 'Renamed over HTTP', status: 'done' });
    expect(queued.status).to.equal(202);
    expect(queued.body.data).to.deep.equal({ writeId: queued.body.data.writeId, status: 'queued' });

    const settled = await call('GET', `/api/writes/${String(queued.body.data.writeId)}?wait=true`);

    expect(settled.status).to.equal(200);
    expect(settled.body.data).to.deep.include({ status: 'succeeded', kind: 'update', taskId, attempts: 1, retries: 0, error: null });
    const task = (await call('GET', `/api/external-tasks/${taskId}`)).body.data;
    expect(task).to.deep.include({ title: 'Renamed over HTTP', status: 'done' });
  });

  it('creates an item and, with ?wait=true, answers its outcome', async () => {
    const created = await call('POST', '/api/external-tasks?wait=true', { connectionId, projectKey: 'PROJ', title: 'Made over HTTP' });
    expect(created.status).to.equal(202);
    expect(created.body.data).to.deep.include({ status: 'succeeded', kind: 'create' });
    expect((created.body.data.result as { key: string }).key).to.match(/^PROJ-\d+$/);
  });

  it('answers the same write for a replayed Idempotency-Key and 409 for the key with another body', async () => {
    const headers = { 'idempotency-key': 'replay-1' };
    const first = await call('POST', '/api/external-tasks', { connectionId, projectKey: 'PROJ', title: 'Once' }, headers);
    const again = await call('POST', '/api/external-tasks', { connectionId, projectKey: 'PROJ', title: 'Once' }, headers);
    const other = await call('POST', '/api/external-tasks', { connectionId, projectKey: 'PROJ', title: 'Twice?' }, headers);

    expect(again.body.data.writeId).to.equal(first.body.data.writeId);
    expect(other.status).to.equal(409);
    expect(other.body.error.code).to.equal('write/idempotency-key-reused');
  });

  it('answers 404 for another organization task, connection and write', async () => {
    const write = await call('PATCH', `/api/external-tasks/${taskId}`, { dueDate: '2026-07-01' });
    expect((await call('PATCH', `/api/external-tasks/${taskId}`, { title: 'x' }, {}, ORG_B)).body.error.code).to.equal('task/not-found');
    expect((await call('POST', '/api/external-tasks', { connectionId, projectKey: 'PROJ', title: 'x' }, {}, ORG_B)).body.error.code).to.equal('integration/not-found');
    expect((await call('GET', `/api/writes/${String(write.body.data.writeId)}`, undefined, {}, ORG_B)).status).to.equal(404);
  });

  it('refuses a body naming the organization, an unknown field, or a bad query', async () => {
    expect((await call('PATCH', `/api/external-tasks/${taskId}`, { title: 'x', organizationId: ORG_B })).status).to.equal(400);
    expect((await call('PATCH', `/api/external-tasks/${taskId}`, { status: 'finished' })).body.error.code).to.equal('validation/invalid-body');
    expect((await call('PATCH', `/api/external-tasks/${taskId}?wait=yes`, { title: 'x' })).body.error.code).to.equal('validation/invalid-query');
  });
});
