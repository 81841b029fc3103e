import { expect } from 'chai';
import { createInMemoryAdapters } from '../../adapters/memory/index.js';
import {
  asOrganizationId,
  getWorkspaceModule,
  listWorkspaceModules,
  MODULE_CONFIG_MAX_CHARACTERS,
  requireEnabledModule,
  updateWorkspaceModule,
  workspaceModuleCatalog,
} from '../../core/index.js';
import { requester } from '../builders/harness.js';
import { expectLeft, expectRight } from '../support/either.js';

const ORG = asOrganizationId('org-modules');
const OTHER_ORG = asOrganizationId('org-elsewhere');

const setup = () => {
  const adapters = { ...createInMemoryAdapters(), moduleCatalog: workspaceModuleCatalog(['alpha', 'beta', 'alpha']) };
  return {
    clock: adapters.clock,
    list: listWorkspaceModules(adapters),
    get: getWorkspaceModule(adapters),
    update: updateWorkspaceModule(adapters),
    require: requireEnabledModule(adapters),
  };
};

describe('workspace module switches', () => {
  it('lists the catalog in order with its defaults for a workspace never switched, one module per provider', async () => {
    const { list } = setup();
    const modules = await expectRight(list(ORG, { workspaceId: 'ws-1' }));
    expect(modules.map((m) => [m.key, m.enabled, m.updatedAt])).to.deep.equal([
      ['integrations', true, null],
      ['integrations.alpha', true, null],
      ['integrations.beta', true, null],
      ['external-tasks', true, null],
    ]);
  });

  it('switches one module of one workspace, keeps its config until a new one comes, and leaves the rest at their defaults', async () => {
    const { update, get, list, clock } = setup();
    const params = { workspaceId: 'ws-1', moduleKey: 'external-tasks' };
    const off = await expectRight(update(requester(ORG), params, { enabled: false, config: { view: 'board' } }));
    expect(off).to.deep.equal({ key: 'external-tasks', workspaceId: 'ws-1', enabled: false, defaultEnabled: true, config: { view: 'board' }, updatedAt: clock.now() });
    clock.advance(1_000);
    const on = await expectRight(update(requester(ORG), params, { enabled: true }));
    expect(on).to.deep.include({ enabled: true, config: { view: 'board' }, updatedAt: clock.now() });
    expect(await expectRight(get(ORG, params))).to.deep.equal(on);
    await expectRight(update(requester(ORG), params, { enabled: false }));
    expect((await expectRight(list(ORG, { workspaceId: 'ws-2' }))).every((m) => m.enabled)).to.equal(true);
    expect((await expectRight(get(OTHER_ORG, params))).enabled).to.equal(true);
  });

  it('answers an unknown module key as not found for reading, switching and guarding, whatever the body', async () => {
    const { update, get, require } = setup();
    for (const moduleKey of ['billing', 'integrations.gamma', 'INTEGRATIONS', 'integrations.', '']) {
      const params = { workspaceId: 'ws-1', moduleKey };
      expect(await expectLeft(get(ORG, params))).to.deep.equal({ _tag: 'ModuleNotFound', moduleKey });
      expect(await expectLeft(update(requester(ORG), params, { enabled: 'yes' }))).to.deep.equal({ _tag: 'ModuleNotFound', moduleKey });
      expect(await expectLeft(require(ORG, params))).to.deep.equal({ _tag: 'ModuleNotFound', moduleKey });
    }
  });

  it('guards: passes an enabled module, refuses a disabled one', async () => {
    const { update, require } = setup();
    const params = { workspaceId: 'ws-1', moduleKey: 'integrations.beta' };
    expect((await expectRight(require(ORG, params))).enabled).to.equal(true);
    await expectRight(update(requester(ORG), params, { enabled: false }));
    expect(await expectLeft(require(ORG, params))).to.deep.equal({ _tag: 'ModuleDisabled', moduleKey: 'integrations.beta', workspaceId: 'ws-1' });
    expect((await expectRight(require(OTHER_ORG, params))).enabled).to.equal(true);
  });

  it('refuses a malformed workspace id', async () => {
    const { list, get } = setup();
    for (const workspaceId of ['', '.', '..', '-ws', 'a b', 'ws/1', 'ws%2F1', 'x'.repeat(101), 42, undefined]) {
      const error = await expectLeft(list(ORG, { workspaceId }));
      expect([error._tag, error._tag === 'InvalidInput' && error.details[0]?.path]).to.deep.equal(['InvalidInput', 'workspaceId']);
      expect((await expectLeft(get(ORG, { workspaceId, moduleKey: 'integrations' })))._tag).to.equal('InvalidInput');
    }
    for (const workspaceId of ['1', 'ws_42', 'team:7.a-b', '0a0a0a0a-0000-4000-8000-00000000000a', 'x'.repeat(100)]) {
      await expectRight(list(ORG, { workspaceId }));
    }
  });

  it('refuses a body that is not { enabled, config? } with a bounded JSON object', async () => {
    const { update } = setup();
    const params = { workspaceId: 'ws-1', moduleKey: 'integrations' };
    const paths = async (body: unknown) => {
      const error = await expectLeft(update(requester(ORG), params, body));
      return error._tag === 'InvalidInput' ? error.details.map((d) => d.path) : error._tag;
    };
    expect(await paths(undefined)).to.deep.equal(['(root)']);
    expect(await paths({})).to.deep.equal(['enabled']);
    expect(await paths({ enabled: 'true' })).to.deep.equal(['enabled']);
    expect(await paths({ enabled: true, config: ['a'] })).to.deep.equal(['config']);
    expect(await paths({ enabled: true, config: null })).to.deep.equal(['config']);
    expect(await paths({ enabled: true, config: { blob: 'x'.repeat(MODULE_CONFIG_MAX_CHARACTERS) } })).to.deep.equal(['config']);
    expect(await paths({ enabled: true, workspaceId: 'ws-2' })).to.deep.equal(['workspaceId']);
    await expectRight(update(requester(ORG), params, { enabled: true, config: { blob: 'x'.repeat(MODULE_CONFIG_MAX_CHARACTERS - 20) } }));
  });
});
