import { expect } from 'chai';
import { aConnectionInput } from '../builders/connection-input-builder.js';
import { ORG_A, createHarness, id, left, right, type Harness, requester } from '../builders/harness.js';
import { fakeTrackerMappings } from '../../adapters/memory/index.js';

describe('field mappings', () => {
  let h: Harness;
  let connectionId: string;
  beforeEach(async () => {
    h = createHarness();
    connectionId = (await right(h.createConnection(requester(ORG_A), aConnectionInput({ projectMappings: [{ projectKey: 'PROJ' }] })))).id;
  });

  it('starts from the defaults with the project mappings given at creation', async () => {
    const mappings = await right(h.getMappings(ORG_A, id(connectionId)));
    expect(mappings).to.deep.equal({ ...fakeTrackerMappings(), projects: [{ projectKey: 'PROJ', internalProjectId: null }] });
  });

  it('replaces status and priority mappings and keeps projects when none are given', async () => {
    const replaced = await right(
      h.replaceMappings(requester(ORG_A), id(connectionId), { status: { Blocked: 'todo', default: 'todo' }, priority: { P1: 'urgent', Default: 'low' } }),
    );
    expect(replaced).to.deep.equal({
      status: { Blocked: 'todo', default: 'todo' },
      priority: { P1: 'urgent', Default: 'low' },
      projects: [{ projectKey: 'PROJ', internalProjectId: null }],
    });
    expect(await right(h.getMappings(ORG_A, id(connectionId)))).to.deep.equal(replaced);
  });

  it('refuses to remove a default mapping and keeps the old mappings', async () => {
    const error = await left(h.replaceMappings(requester(ORG_A), id(connectionId), { status: { Blocked: 'todo' }, priority: { P1: 'urgent' } }));
    expect(error).to.deep.equal({
      _tag: 'InvalidInput',
      message: 'The input is invalid',
      details: [
        { path: 'status.default', message: 'the default mapping cannot be removed' },
        { path: 'priority.default', message: 'the default mapping cannot be removed' },
      ],
    });
    expect((await right(h.getMappings(ORG_A, id(connectionId)))).status).to.deep.equal(fakeTrackerMappings().status);
  });

  it('refuses values outside the unified vocabulary, naming the rule', async () => {
    const error = await left(h.replaceMappings(requester(ORG_A), id(connectionId), { status: { default: 'someday' }, priority: { default: 'low' } }));
    expect(error._tag === 'InvalidInput' && error.details.map((d) => d.path)).to.deep.equal(['status.default']);
  });
});

describe('field mappings with keys differing only by case', () => {
  it('refuses them, since rules match case-insensitively', async () => {
    const h = createHarness();
    const { id: connectionId } = await right(h.createConnection(requester(ORG_A), aConnectionInput()));
    const error = await left(h.replaceMappings(requester(ORG_A), id(connectionId), { status: { Done: 'done', done: 'cancelled', default: 'todo' }, priority: { default: 'low' } }));
    expect(error).to.deep.include({ _tag: 'InvalidInput', details: [{ path: 'status.done', message: 'duplicates Done: rules are case-insensitive' }] });
  });
});
