import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { servicenowProvider, type ServiceNowProvider } from '../../../adapters/providers/servicenow/index.js';
import { startServiceNowSimulator, type ServiceNowSimulator } from '../../../apps/simulator/servicenow/index.js';
import { connectionTo } from './servicenow-harness.js';

describe('ServiceNow filter check against the instance dictionary', () => {
  let sim: ServiceNowSimulator;
  let provider: ServiceNowProvider;
  before(async () => {
    sim = await startServiceNowSimulator({ incidents: 3, tasks: 2 });
    provider = servicenowProvider({ allowPrivateNetwork: true });
  });
  after(async () => {
    provider.close();
    await sim.close();
  });
  beforeEach(() => sim.requests.clear());

  const check = async (filter: string | undefined, tables: ReadonlyArray<string> = ['incident']) =>
    provider.checkSettings!(connectionTo(sim.url, { tables, ...(filter === undefined ? {} : { filter }) }), { projectKeys: [] })();

  const refusal = async (filter: string, tables?: ReadonlyArray<string>) => {
    const outcome = await check(filter, tables);
    if (E.isRight(outcome)) return expect.fail(`the filter ${filter} was accepted`);
    // Taskport refuses what it can judge itself (400); what only the instance knows is its configuration (422).
    expect(outcome.left._tag).to.be.oneOf(['InvalidInput', 'SourceConfigurationInvalid']);
    return outcome.left._tag === 'InvalidInput' || outcome.left._tag === 'SourceConfigurationInvalid' ? outcome.left.details : [];
  };

  it('accepts fields the table defines or inherits from task, dot-walks through references, and orderings', async () => {
    expect(await check('active=true^short_descriptionLIKEvpn^caller_id.email=a@example.com^assignment_group.name=Network^ORDERBYDESCpriority')).to.deep.equal(E.right(undefined));
    // The table and its parent, their dictionary, then the tables the dot-walks reach and theirs: five reads, however many fields.
    expect(sim.requests.entries().map((r) => r.table)).to.deep.equal(['sys_db_object', 'sys_db_object', 'sys_dictionary', 'sys_db_object', 'sys_dictionary']);
  });

  it('refuses a field no table of the connection has, naming it, since ServiceNow would ignore it and sync every row', async () => {
    const details = await refusal('active=true^assigment_group=abc');
    expect(details).to.deep.equal([
      { path: 'filter', message: "names the field 'assigment_group', which incident does not have: ServiceNow would ignore that condition and match every row" },
    ]);
  });

  it('refuses a field one of the tables lacks (caller_id is an incident field, not a catalog task one)', async () => {
    expect(await check('caller_id.active=true', ['incident'])).to.deep.equal(E.right(undefined));
    const details = await refusal('caller_id.active=true', ['incident', 'sc_task']);
    expect(details.map((d) => d.message)).to.deep.equal(["names the field 'caller_id.active', which sc_task does not have: ServiceNow would ignore that condition and match every row"]);
  });

  it('follows a dot-walk to the referenced table, and refuses a walk through a field that is no reference', async () => {
    expect((await refusal('assignment_group.nmae=Network')).map((d) => d.message)).to.deep.equal([
      "names 'assignment_group.nmae', but sys_user_group has no field 'nmae': ServiceNow would ignore that condition and match every row",
    ]);
    expect((await refusal('short_description.name=x')).map((d) => d.message)).to.deep.equal([
      "names 'short_description.name', but short_description on incident is not a reference, so nothing can be read through it",
    ]);
  });

  it('refuses what it cannot read, and asks nothing without a filter', async () => {
    expect((await refusal('RLQUERYincident.parent,>=1^ENDRLQUERY'))[0]!.message).to.match(/is not supported/);
    expect((await refusal('Active=true'))[0]!.message).to.match(/does not start with a field name and an operator/);
    expect(await check(undefined)).to.deep.equal(E.right(undefined));
    expect(sim.requests.entries()).to.deep.equal([]);
  });

  it('says so when the account cannot read the dictionary, instead of blaming the fields', async () => {
    const hidden = await startServiceNowSimulator({ incidents: 1, tasks: 0 });
    try {
      hidden.store.all('sys_dictionary').forEach((row) => hidden.store.remove('sys_dictionary', row.sys_id!));
      const outcome = await provider.checkSettings!(connectionTo(hidden.url, { filter: 'active=true' }), { projectKeys: [] })();
      expect(E.isLeft(outcome) && outcome.left._tag === 'SourceConfigurationInvalid' && outcome.left.details[0]!.message).to.match(/cannot read the dictionary \(sys_dictionary\) of incident/);
    } finally {
      await hidden.close();
    }
  });
});
