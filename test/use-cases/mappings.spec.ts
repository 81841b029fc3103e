import { expect } from 'chai';
import { aConnectionInput } from '../builders/connection-input-builder.js';
import { ORG_A, ORG_B, createHarness, id, left, right, type Harness, requester } from '../builders/harness.js';
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
    const { mappings: replaced } = await right(
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

describe('merging into field mappings (PATCH)', () => {
  let h: Harness;
  let connectionId: string;
  beforeEach(async () => {
    h = createHarness();
    connectionId = (await right(h.createConnection(requester(ORG_A), aConnectionInput({ projectMappings: [{ projectKey: 'OPS', internalProjectId: 'p-ops' }, { projectKey: 'WEB', internalProjectId: 'p-web' }] })))).id;
  });
  const patch = (body: unknown) => h.patchMappings(requester(ORG_A), id(connectionId), body);

  it('sets the rules given, removes those set to null, keeps every other one, and answers the whole result', async () => {
    const { mappings } = await right(patch({ status: { Blocked: 'todo', 'category:open': null }, priority: { p1: null, P0: 'urgent' } }));
    const defaults = fakeTrackerMappings();
    expect(mappings.status).to.deep.equal({ 'category:active': 'in_progress', 'category:closed': 'done', default: 'backlog', Blocked: 'todo' });
    expect(mappings.priority).to.deep.equal({ p2: 'high', p3: 'medium', p4: 'low', default: defaults.priority.default, P0: 'urgent' });
    expect(await right(h.getMappings(ORG_A, id(connectionId)))).to.deep.equal(mappings);
  });

  it('replaces a rule whatever the letter case of its key, and removing a rule that is not there changes nothing', async () => {
    const { mappings } = await right(patch({ status: { 'CATEGORY:OPEN': 'backlog', Nowhere: null } }));
    expect(Object.entries(mappings.status).filter(([key]) => key.toLowerCase() === 'category:open')).to.deep.equal([['CATEGORY:OPEN', 'backlog']]);
    expect(Object.keys(mappings.status)).to.have.length(Object.keys(fakeTrackerMappings().status).length);
  });

  it('changes a default but never removes one, naming it, and changes nothing when refused', async () => {
    expect((await right(patch({ status: { DEFAULT: 'todo' } }))).mappings.status).to.deep.include({ DEFAULT: 'todo' });
    const error = await left(patch({ status: { Blocked: 'todo' }, priority: { default: null } }));
    expect(error).to.deep.equal({
      _tag: 'InvalidInput',
      message: 'The input is invalid',
      details: [{ path: 'priority.default', message: 'the default mapping cannot be removed; give it another value instead' }],
    });
    expect((await right(h.getMappings(ORG_A, id(connectionId)))).status).not.to.have.property('Blocked');
  });

  it('merges projects by key: a new one is added, a known one replaced, one with no internal project removed', async () => {
    const { mappings } = await right(patch({ projects: [{ projectKey: 'ops', internalProjectId: 'p-ops-2' }, { projectKey: 'WEB', internalProjectId: null }, { projectKey: 'API', internalProjectId: 'p-api' }] }));
    expect(mappings.projects).to.deep.equal([
      { projectKey: 'ops', internalProjectId: 'p-ops-2' },
      { projectKey: 'API', internalProjectId: 'p-api' },
    ]);
  });

  it('refuses unknown fields, values outside the vocabulary and keys differing only by case, naming each', async () => {
    const error = await left(patch({ status: { Done: 'done', done: 'cancelled', Later: 'someday' }, colour: 'red' }));
    expect(error._tag === 'InvalidInput' && error.details.map((d) => d.path)).to.have.members(['status.Later', 'colour']);
    const duplicates = await left(patch({ status: { Done: 'done', done: 'cancelled' } }));
    expect(duplicates).to.deep.include({ _tag: 'InvalidInput', details: [{ path: 'status.done', message: 'duplicates Done: rules are case-insensitive' }] });
  });

  it("is another organization's connection: not found", async () => {
    expect(await left(h.patchMappings(requester(ORG_B), id(connectionId), {}))).to.deep.include({ _tag: 'ConnectionNotFound' });
  });
});
