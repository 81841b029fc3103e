import { Writable } from 'node:stream';
import { expect } from 'chai';
import { createLogger } from '../../adapters/logging/pino-logger.js';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, tokenFor } from './support/tokens.js';
import { createJiraConnection } from './support/webhook-client.js';

interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly runId?: string;
  readonly created?: number;
}

const INFO = 30;

describe('HTTP: what a sync says in the log at info', () => {
  let api: TestApi;
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as LogLine);
      done();
    },
  });
  before(async () => (api = await startTestApi({ issues: 40, logger: createLogger('info', sink) })));
  after(() => api.close());

  it('one line when the sync starts and one when it ends, with the run id and counts; nothing per task', async () => {
    const connectionId = await createJiraConnection(api, ORG_A);
    lines.length = 0;
    const synced = await api.http.call('POST', `/api/integrations/${connectionId}/sync-now`, { token: tokenFor(ORG_A) });
    expect(synced.status, synced.text).to.equal(200);
    await api.events.drain();
    const said = lines.filter((line) => line.level >= INFO && line.msg !== 'request');
    expect(said.map((line) => line.msg)).to.deep.equal(['sync started', 'sync finished']);
    expect(said.map((line) => line.runId)).to.deep.equal([synced.json.data.runId, synced.json.data.runId]);
    expect(said[1]).to.include({ created: 40 });
  });
});
