import { expect } from 'chai';
import { CONNECTWISE_SIM_MEMBER, startConnectWiseSimulator, type ConnectWiseSimulator } from '../../apps/simulator/connectwise/index.js';

const HEADERS = {
  authorization: `Basic ${Buffer.from(`${CONNECTWISE_SIM_MEMBER.companyId}+${CONNECTWISE_SIM_MEMBER.publicKey}:${CONNECTWISE_SIM_MEMBER.privateKey}`).toString('base64')}`,
  clientid: CONNECTWISE_SIM_MEMBER.clientId,
};

/** Ranges of ids as ConnectWise reads them: `>=` and `<=` include their bound, `and` binds them to the other conditions. */
describe('ConnectWise simulator: id range conditions', () => {
  let sim: ConnectWiseSimulator;
  before(async () => (sim = await startConnectWiseSimulator({ serviceTickets: 30, projectTickets: 5, seed: 12 })));
  after(() => sim.close());

  const list = async (query: Record<string, string>) => {
    const url = new URL(`${sim.url}/${CONNECTWISE_SIM_MEMBER.codebase}/apis/3.0/service/tickets`);
    for (const [name, value] of Object.entries({ fields: 'id', orderBy: 'id asc', pageSize: '1000', ...query })) url.searchParams.set(name, value);
    const answer = await fetch(url, { headers: HEADERS });
    const body = (await answer.json()) as Array<{ id: number }> | { code: string };
    return { status: answer.status, link: answer.headers.get('link'), ids: Array.isArray(body) ? body.map((t) => t.id) : null, code: Array.isArray(body) ? null : body.code };
  };
  const serviceIds = (keep: (id: number, boardId: number) => boolean) =>
    sim.store
      .all('service')
      .filter((t) => keep(t.id, t.boardId))
      .map((t) => t.id)
      .sort((a, b) => a - b);

  it('answers the tickets from the lower id to the upper one, both included, whatever the spelling', async () => {
    const expected = serviceIds((id) => id >= 1005 && id <= 1009);
    expect(expected).to.deep.equal([1005, 1006, 1007, 1008, 1009]);
    for (const conditions of ['id >= 1005 and id <= 1009', 'id>=1005 AND id<=1009', '(id >= 1005) and (id <= 1009)', 'id <= 1009 and id >= 1005']) {
      expect(await list({ conditions }), conditions).to.deep.include({ status: 200, ids: expected });
    }
    expect((await list({ conditions: 'id > 1005 and id < 1009' })).ids).to.deep.equal([1006, 1007, 1008]);
    expect((await list({ conditions: 'id >= 1009 and id <= 1005' })).ids).to.deep.equal([]);
  });

  it('narrows a range by the other conditions, and pages it with a Link to the next page', async () => {
    const onHelpDesk = serviceIds((id, board) => board === 1 && id >= 1003 && id <= 1025);
    const scoped = await list({ conditions: 'board/name in ("Help Desk") and id >= 1003 and id <= 1025' });
    expect(scoped.ids).to.deep.equal(onHelpDesk);
    expect(onHelpDesk.length).to.be.within(3, 20);

    const firstPage = await list({ conditions: 'board/name in ("Help Desk") and id >= 1003 and id <= 1025', pageSize: '2' });
    expect(firstPage.ids).to.deep.equal(onHelpDesk.slice(0, 2));
    expect(firstPage.link).to.match(/page=2[^>]*>; rel="next"/);
    const lastPage = await list({ conditions: 'id >= 1028 and id <= 1029', pageSize: '2' });
    expect(lastPage).to.deep.include({ ids: [1028, 1029], link: null });
  });

  it('narrows by id only where every ticket must meet it: an `or`, a `not` and other fields keep their meaning', async () => {
    expect((await list({ conditions: 'id <= 1001 or summary = "Ticket 1020"' })).ids).to.deep.equal([1000, 1001, 1020]);
    expect((await list({ conditions: 'not id < 1027 and id != 1028' })).ids).to.deep.equal([1027, 1029]);
    expect((await list({ conditions: 'id in (1003,1004,1100) and id > 1003' })).ids).to.deep.equal([1004]);
    expect((await list({ conditions: 'id = 1012 and summary = "Ticket 1012"' })).ids).to.deep.equal([1012]);
    expect((await list({ conditions: 'id = "1012"' })).ids).to.deep.equal([1012]);
  });

  it('refuses a range on a field tickets do not have, as ConnectWise does', async () => {
    expect(await list({ conditions: 'ticketNumber >= 5 and ticketNumber <= 9' })).to.deep.include({ status: 400, code: 'ApiFindCondition' });
  });
});
