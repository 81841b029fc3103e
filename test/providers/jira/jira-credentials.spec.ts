import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { DEFAULT_ACCOUNTS, startJiraSimulator, type JiraSimulator, type SimulatorAccount } from '../../../apps/simulator/jira/index.js';
import { ADMIN, apiRequests, connectionTo, fastSource, FULL_SYNC, startStubServer } from './jira-source-harness.js';

const REVOKED = { email: ADMIN.email, apiToken: 'revoked-api-token' };
const CAPTCHA = DEFAULT_ACCOUNTS.find((a) => a.access === 'captcha') as SimulatorAccount;
const SEARCH = '/rest/api/3/search/jql';

// Jira Cloud answers a bad Basic credential on some endpoints with 200 as the anonymous user, adding
// X-Seraph-LoginReason: AUTHENTICATED_FAILED (jira.js#418; "empty results, no error" in
// raycast#27550), and with project keys a 400 as for a missing project (tenable#25): a sync must
// not record success with nothing.
describe('JiraIssueSource with credentials Jira did not accept', () => {
  let sim: JiraSimulator;
  beforeEach(async () => {
    sim = await startJiraSimulator({ issues: 20, site: { badCredentials: 'anonymous' } });
  });
  afterEach(() => sim.close());

  const searchAs = async (account: Pick<SimulatorAccount, 'email' | 'apiToken'>, query = FULL_SYNC, settings: { jqlFilter?: string } = {}) => {
    const { source } = fastSource();
    const result = await source.searchIssues(connectionTo(sim.url, account, settings), query, null)();
    source.close();
    return result;
  };

  it('refuses an anonymous 200 for its X-Seraph-LoginReason header, as SourceAuthRejected', async () => {
    const result = await searchAs(REVOKED);
    expect(E.isLeft(result) && result.left._tag).to.equal('SourceAuthRejected');
    expect(E.isLeft(result) && result.left.message).to.include('AUTHENTICATED_FAILED').and.include('revoked or expired');
    expect(apiRequests(sim, SEARCH).map((r) => r.status)).to.deep.equal([200]);
  });

  it('refuses the anonymous 400 of a search limited to projects, rather than blaming the projects', async () => {
    const result = await searchAs(REVOKED, { updatedSince: null, projectKeys: ['OPS'] });
    expect(E.isLeft(result) && result.left._tag).to.equal('SourceAuthRejected');
  });

  it('refuses a filter on fields that "cannot be viewed by anonymous users"', async () => {
    const result = await searchAs(REVOKED, FULL_SYNC, { jqlFilter: 'sprint = 5' });
    expect(E.isLeft(result) && result.left._tag).to.equal('SourceAuthRejected');
  });

  it('checks who it is before believing an empty first page of a full sync, and only then', async () => {
    const empty = await searchAs(ADMIN, FULL_SYNC, { jqlFilter: 'labels = no-such-label' });
    expect(E.isRight(empty) && empty.right).to.deep.equal({ issues: [], nextCursor: null });
    expect(apiRequests(sim, '/rest/api/3/myself')).to.have.length(1);
    await searchAs(ADMIN);
    expect(apiRequests(sim, '/rest/api/3/myself'), 'a page with issues needs no check').to.have.length(1);
  });

  it('tells a CAPTCHA-locked account to sign in in a browser, not that it lacks access', async () => {
    const { source } = fastSource();
    const tested = await source.testConnection(connectionTo(sim.url, CAPTCHA))();
    const searched = await source.searchIssues(connectionTo(sim.url, CAPTCHA), FULL_SYNC, null)();
    source.close();
    expect(tested.connected).to.equal(false);
    expect(tested.message).to.include('CAPTCHA').and.include(`${sim.url}/login.jsp`).and.not.include('lacks access');
    expect(E.isLeft(searched) && searched.left).to.deep.include({ _tag: 'SourceAuthRejected', message: tested.message });
  });
});

// The same answers with the header lost on the way (a proxy, or an endpoint that does not send it):
// only /myself, which never answers anonymously, tells bad credentials from an empty site.
describe('JiraIssueSource when Jira answers anonymously without saying so', () => {
  let stub: Awaited<ReturnType<typeof startStubServer>>;
  let searchAnswer: { status: number; body: unknown };
  const seen: string[] = [];
  before(async () => {
    stub = await startStubServer((req, res) => {
      seen.push(req.url ?? '');
      res.setHeader('content-type', 'application/json');
      if (req.url === '/rest/api/3/myself') return void res.writeHead(401).end(JSON.stringify({ errorMessages: ['You are not authenticated.'], errors: {} }));
      res.writeHead(searchAnswer.status).end(JSON.stringify(searchAnswer.body));
    });
  });
  after(() => stub.close());
  beforeEach(() => void (seen.length = 0));

  const search = async (query = FULL_SYNC) => {
    const { source } = fastSource();
    const result = await source.searchIssues(connectionTo(stub.url, REVOKED), query, null)();
    source.close();
    return result;
  };

  it('does not record an empty first page as success when /myself refuses the credentials', async () => {
    searchAnswer = { status: 200, body: { issues: [], isLast: true } };
    const result = await search();
    expect(E.isLeft(result) && result.left).to.deep.include({ _tag: 'SourceAuthRejected' });
    expect(seen).to.deep.equal([SEARCH, '/rest/api/3/myself']);
  });

  it('does not blame the project mappings for a 400 when /myself refuses the credentials', async () => {
    searchAnswer = { status: 400, body: { errorMessages: ["The value 'OPS' does not exist for the field 'project'."], warningMessages: [] } };
    const result = await search({ updatedSince: null, projectKeys: ['OPS'] });
    expect(E.isLeft(result) && result.left._tag).to.equal('SourceAuthRejected');
  });

  it('reads "cannot be viewed by anonymous users" in a 400 as refused credentials', async () => {
    searchAnswer = { status: 400, body: { errorMessages: ["Field 'sprint' does not exist or this field cannot be viewed by anonymous users."], warningMessages: [] } };
    const result = await search();
    expect(E.isLeft(result) && result.left._tag).to.equal('SourceAuthRejected');
    expect(seen).to.deep.equal([SEARCH]);
  });
});
