import { expect } from 'chai';
import { Writable } from 'node:stream';
import { createLogger } from '../../adapters/logging/pino-logger.js';
import { loggingSyncRuns } from '../../adapters/logging/logging-sync-runs.js';
import { memorySyncRunRepository } from '../../adapters/memory/memory-sync-run-repository.js';
import { emptyState } from '../../adapters/memory/memory-state.js';
import { aSyncRun } from '../support/builders/sync-run.js';

const capture = () => {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger('info', sink) };
};

describe('loggingSyncRuns: one line when a sync starts, one when it ends', () => {
  it('logs the start and the end of a run with its id and counts, and still records both', async () => {
    const { lines, logger } = capture();
    const inner = memorySyncRunRepository(emptyState());
    const runs = loggingSyncRuns(inner, logger);
    const queued = aSyncRun();
    await runs.open(queued)();
    const started = new Date('2026-02-01T10:00:01.000Z');
    const claimed = await runs.claim(queued.organizationId, queued.id, started, new Date(started.getTime() + 60_000))();
    const run = claimed._tag === 'Right' && claimed.right !== null ? claimed.right : expect.fail('the run was not claimed');
    const counts = { issuesProcessed: 500, created: 480, updated: 10, unchanged: 5, skipped: 5, quarantined: 0 };
    await runs.finish({ ...run, status: 'succeeded', counts, finishedAt: new Date(started.getTime() + 1_500) })();
    expect(lines.map(({ level, msg, runId }) => ({ level, msg, runId }))).to.deep.equal([
      { level: 30, msg: 'sync started', runId: run.id },
      { level: 30, msg: 'sync finished', runId: run.id },
    ]);
    expect(lines[0]).to.include({ connectionId: run.connectionId, organizationId: run.organizationId, trigger: 'manual', mode: 'incremental' });
    expect(lines[1]).to.include({ status: 'succeeded', ...counts, durationMs: 1_500 });
    const stored = await inner.listForConnection(run.organizationId, run.connectionId, 5)();
    expect(stored._tag === 'Right' ? stored.right.map((r) => r.status) : stored).to.deep.equal(['succeeded']);
  });

  it('says a failed run failed, at warn, with the reason', async () => {
    const { lines, logger } = capture();
    const runs = loggingSyncRuns(memorySyncRunRepository(emptyState()), logger);
    const queued = aSyncRun();
    await runs.open(queued)();
    const started = new Date('2026-02-01T10:00:01.000Z');
    const claimed = await runs.claim(queued.organizationId, queued.id, started, new Date(started.getTime() + 60_000))();
    const run = claimed._tag === 'Right' && claimed.right !== null ? claimed.right : expect.fail('the run was not claimed');
    await runs.finish({ ...run, status: 'failed', error: 'source unavailable', finishedAt: started })();
    expect(lines[1]).to.include({ level: 40, msg: 'sync failed', status: 'failed', reason: 'source unavailable', durationMs: 0 });
  });

  it('logs nothing for a run it did not start or close (unknown, or closed by another process)', async () => {
    const { lines, logger } = capture();
    const runs = loggingSyncRuns(memorySyncRunRepository(emptyState()), logger);
    const unknown = aSyncRun({ status: 'succeeded' });
    const claimed = await runs.claim(unknown.organizationId, unknown.id, new Date(), new Date())();
    const finished = await runs.finish(unknown)();
    expect([claimed, finished, lines]).to.deep.equal([{ _tag: 'Right', right: null }, { _tag: 'Right', right: null }, []]);
  });
});
