import { expect } from 'chai';
import { startServiceNowSimulator, type ServiceNowSimulator } from '../../apps/simulator/servicenow/index.js';

const AUTH = `Basic ${Buffer.from('taskport.integration:simulator-password').toString('base64')}`;

/** The simulator matches only the records within a query's sys_id bounds, as an index would: the answers must be those of a full match. */
describe('ServiceNow simulator: sys_id ranges read as an index would', () => {
  let sim: ServiceNowSimulator;
  before(async () => (sim = await startServiceNowSimulator({ incidents: 40, tasks: 0 })));
  after(() => sim.close());

  const sysIds = async (query: string): Promise<{ ids: string[]; total: string | null }> => {
    const url = new URL(`${sim.url}/api/now/table/incident`);
    url.searchParams.set('sysparm_query', query);
    url.searchParams.set('sysparm_fields', 'sys_id');
    const response = await fetch(url, { headers: { authorization: AUTH, accept: 'application/json' } });
    const body = (await response.json()) as { result: Array<{ sys_id: string }> };
    return { ids: body.result.map((r) => r.sys_id), total: response.headers.get('x-total-count') };
  };
  const sorted = () => sim.store.all('incident').map((r) => r.sys_id!).sort();

  it('answers a range in sys_id order exactly as matching every record would, bounds included or not', async () => {
    const all = sorted();
    const [a, b] = [all[7]!, all[21]!];
    expect(await sysIds(`sys_id>=${a}^sys_id<=${b}^ORDERBYsys_id`)).to.deep.equal({ ids: all.slice(7, 22), total: '15' });
    expect((await sysIds(`sys_id>${a}^sys_id<${b}^ORDERBYsys_id`)).ids).to.deep.equal(all.slice(8, 21));
    expect((await sysIds(`sys_id>${all.at(-1)}^ORDERBYsys_id`)).ids).to.deep.equal([]);
    expect((await sysIds(`sys_id>=${b}^sys_id<=${a}^ORDERBYsys_id`)).ids).to.deep.equal([]);
  });

  it('narrows nothing where a record may be selected outside the bounds: an ^OR, a second ^NQ group, another order', async () => {
    const all = sorted();
    const [a, b] = [all[7]!, all[21]!];
    const numberOf = (sysId: string) => sim.store.all('incident').find((r) => r.sys_id === sysId)!.number;
    // (sys_id >= a or number = that of the third) and sys_id <= b: the third is below a.
    expect((await sysIds(`sys_id>=${a}^ORnumber=${numberOf(all[2]!)}^sys_id<=${b}^ORDERBYsys_id`)).ids).to.deep.equal([all[2], ...all.slice(7, 22)]);
    const number = numberOf(all[30]!);
    expect((await sysIds(`sys_id>=${a}^sys_id<=${b}^NQnumber=${number}^ORDERBYsys_id`)).ids).to.deep.equal([...all.slice(7, 22), all[30]]);
    expect((await sysIds(`sys_id>=${a}^sys_id<=${b}^ORDERBYDESCsys_id`)).ids).to.deep.equal(all.slice(7, 22).reverse());
  });
});
