import { expect } from 'chai';
import { createTaskport, isTaskportError, TaskportConfigError, TaskportError } from '../../apps/library/index.js';
import { promisedUseCases } from '../../apps/library/promised-use-cases.js';
import { asEntityId } from '../../core/index.js';
import { aConnectionInput } from '../builders/connection-input-builder.js';
import { createHarness, ORG_A, ORG_B, requester } from '../builders/harness.js';

describe('createTaskport', () => {
  it('names every option it cannot use before opening anything', async () => {
    const failure: unknown = await createTaskport({ databaseUrl: 'mysql://db/taskport', encryptionKeys: { current: 'c2hvcnQ=' } }).catch((error: unknown) => error);
    expect(failure).to.be.instanceOf(TaskportConfigError);
    expect((failure as Error).message).to.include('databaseUrl must be a postgres:// (or postgresql://) URL').and.to.include('encryptionKeys.current must be 32 bytes, base64-encoded');
  });
});

describe('the Promise-based use cases', () => {
  it('resolve with what the use case answers', async () => {
    const useCases = promisedUseCases(createHarness());
    const created = await useCases.createConnection(requester(ORG_A), aConnectionInput());
    expect((await useCases.listConnections(ORG_A)).map((connection) => connection.id)).to.deep.equal([created.id]);
  });

  it('reject with the tagged error, its stable code and status, as the API would answer', async () => {
    const useCases = promisedUseCases(createHarness());
    const created = await useCases.createConnection(requester(ORG_A), aConnectionInput());
    const failure: unknown = await useCases.getConnection(ORG_B, asEntityId(created.id)).catch((error: unknown) => error);
    expect(failure).to.be.instanceOf(TaskportError);
    expect(isTaskportError(failure, 'ConnectionNotFound')).to.equal(true);
    expect(isTaskportError(failure, 'SyncInProgress')).to.equal(false);
    expect(failure).to.deep.include({ code: 'integration/not-found', status: 404, error: { _tag: 'ConnectionNotFound', connectionId: created.id } });
  });
});
