import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { servicenowProvider, type ServiceNowProvider } from '../../../adapters/providers/servicenow/index.js';
import { startServiceNowSimulator, type ServiceNowSimulator } from '../../../apps/simulator/servicenow/index.js';
import { connectionTo } from './servicenow-harness.js';

/** The project scope of a ServiceNow connection is assignment groups, checked by name against the instance over HTTP. */
describe('ServiceNow assignment group check', () => {
  let sim: ServiceNowSimulator;
  let provider: ServiceNowProvider;
  before(async () => {
    sim = await startServiceNowSimulator({ incidents: 3, tasks: 0 });
    provider = servicenowProvider({ allowPrivateNetwork: true });
  });
  after(async () => {
    provider.close();
    await sim.close();
  });
  beforeEach(() => sim.requests.clear());

  const check = (projectKeys: ReadonlyArray<string>, filter?: string) =>
    provider.checkSettings!(connectionTo(sim.url, filter === undefined ? {} : { filter }), { projectKeys })();

  it('accepts groups the instance has, in one read, and reads nothing for a connection limited to none', async () => {
    expect(await check(['Network', ' Database ', 'Network'])).to.deep.equal(E.right(undefined));
    expect(sim.requests.entries().map((r) => r.table)).to.deep.equal(['sys_user_group']);
    sim.requests.clear();
    expect(await check([])).to.deep.equal(E.right(undefined));
    expect(sim.requests.entries()).to.deep.equal([]);
  });

  it('refuses each group the instance does not have, by name, under projectScope', async () => {
    const outcome = await check(['Network', 'Netwrok', 'Facilities']);
    if (E.isRight(outcome)) return expect.fail('missing groups were accepted');
    expect(outcome.left._tag).to.equal('SourceConfigurationInvalid');
    expect(outcome.left._tag === 'SourceConfigurationInvalid' && outcome.left.details).to.deep.equal([
      { path: 'projectScope', message: 'names the assignment group Netwrok, which the instance does not have or the account cannot read' },
      { path: 'projectScope', message: 'names the assignment group Facilities, which the instance does not have or the account cannot read' },
    ]);
  });

  it('checks the filter first, and the groups only once the filter is right', async () => {
    const outcome = await check(['Facilities'], 'nosuchfield=1');
    expect(E.isLeft(outcome) && outcome.left._tag === 'SourceConfigurationInvalid' && outcome.left.details.map((d) => d.path)).to.deep.equal(['filter']);
    expect(sim.requests.entries().map((r) => r.table)).to.not.include('sys_user_group');
  });
});
