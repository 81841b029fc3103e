import { expect } from 'chai';
import { startServiceNowSimulator, type ServiceNowSimulator } from '../../apps/simulator/servicenow/index.js';
import { renderRecord } from '../../apps/simulator/servicenow/render.js';

const AUTH = `Basic ${Buffer.from('taskport.integration:simulator-password').toString('base64')}`;

/** The ServiceNow simulator renders each record once per version: what it answers must still be the record as it is now. */
describe('ServiceNow simulator: cached renders', () => {
  let sim: ServiceNowSimulator;
  beforeEach(async () => (sim = await startServiceNowSimulator({ incidents: 6, tasks: 1 })));
  afterEach(() => sim.close());

  const list = async (params: Record<string, string>): Promise<Array<Record<string, unknown>>> => {
    const url = new URL(`${sim.url}/api/now/table/incident`);
    Object.entries(params).forEach(([k, v]) => url.searchParams.set(k, v));
    const response = await fetch(url, { headers: { authorization: AUTH, accept: 'application/json' } });
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^application\/json/);
    return ((await response.json()) as { result: Array<Record<string, unknown>> }).result;
  };
  const patch = async (sysId: string, fields: Record<string, string>) => {
    const response = await fetch(`${sim.url}/api/now/table/incident/${sysId}`, { method: 'PATCH', headers: { authorization: AUTH, 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(fields) });
    expect(response.status).to.equal(200);
  };

  it('answers each record as rendered now, and an edit in the next list, whole or by fields', async () => {
    const record = sim.store.all('incident')[0]!;
    const whole = { sysparm_query: `sys_id=${record.sys_id}` };
    const asNow = () => renderRecord('incident', sim.store.get('incident', record.sys_id!)!, { instance: sim.url, fields: [], plainReferences: false, resolve: sim.store.get });
    expect(await list(whole)).to.deep.equal([asNow()]);
    expect(await list({ ...whole, sysparm_fields: 'short_description' })).to.deep.equal([{ short_description: record.short_description }]);

    await patch(record.sys_id!, { short_description: 'Edited after a list' });

    expect(await list(whole)).to.deep.equal([asNow()]);
    expect((await list(whole))[0]).to.deep.include({ short_description: 'Edited after a list' });
    expect(await list({ ...whole, sysparm_fields: 'short_description' })).to.deep.equal([{ short_description: 'Edited after a list' }]);
  });

  it('answers a dot-walked field as the referenced record is now, though the record itself did not change', async () => {
    const record = sim.store.all('incident').find((r) => r.assigned_to !== '')!;
    const params = { sysparm_query: `sys_id=${record.sys_id}`, sysparm_fields: 'number,assigned_to.email' };
    expect((await list(params))[0]!['assigned_to.email']).to.equal(sim.store.get('sys_user', record.assigned_to!)!.email);

    sim.store.update('sys_user', record.assigned_to!, { email: 'moved.on@example.test' });

    expect((await list(params))[0]!['assigned_to.email']).to.equal('moved.on@example.test');
  });
});
