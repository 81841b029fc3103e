import { expect } from 'chai';
import { TRACKER_BASE_URL, aConnectionInput } from '../builders/connection-input-builder.js';
import { ORG_A, createHarness, id, left, right, type Harness, requester } from '../builders/harness.js';

// A project key that the tracker does not have is a configuration error the person saving the
// connection can fix; it must be caught then, not first when a sync fails (issue 16, item 4).
describe('the provider checks settings and projects against the tracker', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness();
    h.adapters.issueSource.declareProjects(TRACKER_BASE_URL, ['OPS', 'WEB']);
  });

  it('refuses to create a connection whose project scope names a project the tracker does not have', async () => {
    const error = await left(h.createConnection(requester(ORG_A), aConnectionInput({ projectScope: ['OPS', 'GONE'] })));
    expect(error).to.deep.equal({
      _tag: 'SourceConfigurationInvalid',
      message: 'The tracker has no project GONE',
      details: [{ path: 'projectScope', message: 'names GONE, which the tracker does not have' }],
    });
    expect(await right(h.listConnections(ORG_A))).to.deep.equal([]);
    expect(await right(h.createConnection(requester(ORG_A), aConnectionInput({ projectScope: ['OPS', 'WEB'] })))).to.include({ provider: 'tracker' });
  });

  it('checks again when only the project scope changes, and keeps the connection as it was when refused', async () => {
    const created = await right(h.createConnection(requester(ORG_A), aConnectionInput({ projectScope: ['OPS'] })));
    const error = await left(h.updateConnection(requester(ORG_A), id(created.id), { projectScope: ['GONE'] }));
    expect(error).to.include({ _tag: 'SourceConfigurationInvalid' });
    expect((await right(h.getConnection(ORG_A, id(created.id)))).projectScope).to.deep.equal(['OPS']);
    await right(h.updateConnection(requester(ORG_A), id(created.id), { projectScope: ['WEB'] }));
    expect((await right(h.getConnection(ORG_A, id(created.id)))).projectScope).to.deep.equal(['WEB']);
  });

  it('never checks project mappings against the tracker: they only translate keys', async () => {
    const created = await right(h.createConnection(requester(ORG_A), aConnectionInput({ projectMappings: [{ projectKey: 'GONE', internalProjectId: 'p-1' }] })));
    expect(await right(h.updateConnection(requester(ORG_A), id(created.id), { projectMappings: [{ projectKey: 'ALSO-GONE' }] }))).to.include({ id: created.id });
    expect(await right(h.testConnection(ORG_A, id(created.id)))).to.include({ connected: true });
  });

  it('fails the connection test, naming the project, when a project of the scope has gone since', async () => {
    const created = await right(h.createConnection(requester(ORG_A), aConnectionInput({ projectScope: ['OPS', 'WEB'] })));
    expect(await right(h.testConnection(ORG_A, id(created.id)))).to.include({ connected: true });
    h.adapters.issueSource.declareProjects(TRACKER_BASE_URL, ['OPS']);
    expect(await right(h.testConnection(ORG_A, id(created.id)))).to.deep.equal({ connected: false, message: 'The tracker has no project WEB' });
  });
});
