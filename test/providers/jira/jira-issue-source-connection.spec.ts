import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import sinon from 'sinon';
import { startJiraSimulator, type JiraSimulator } from '../../../apps/simulator/jira/index.js';
import { apiRequests, connectionTo, fastSource, FULL_SYNC, NO_ACCESS, resolvingTo, startStubServer } from './jira-source-harness.js';

describe('JiraIssueSource.testConnection over HTTP', () => {
  let sim: JiraSimulator;
  beforeEach(async () => {
    sim = await startJiraSimulator({ issues: 10 });
  });
  afterEach(() => sim.close());

  it('answers who it is connected as', async () => {
    const { source } = fastSource();
    expect(await source.testConnection(connectionTo(sim.url))()).to.deep.equal({ connected: true, message: 'Connected as Simulator Admin' });
    source.close();
  });

  it('says rejected credentials are to be checked, and does not retry them', async () => {
    const { source, sleep } = fastSource();
    const result = await source.testConnection(connectionTo(sim.url, { email: 'admin@taskport.test', apiToken: 'revoked' }))();
    expect(result.connected).to.equal(false);
    expect(result.message).to.include('rejected the credentials (401)').and.include('API token');
    expect(apiRequests(sim, '/rest/api/3/myself')).to.have.length(1);
    expect(sleep.called).to.equal(false);
    source.close();
  });

  it('tells apart valid credentials without permission (403)', async () => {
    const { source } = fastSource();
    const result = await source.testConnection(connectionTo(sim.url, NO_ACCESS))();
    expect(result.connected).to.equal(false);
    expect(result.message).to.include('permission').and.include('(403)');
    expect(apiRequests(sim, '/rest/api/3/myself')).to.have.length(1);
    source.close();
  });

  it('reports a timeout when the site hangs', async () => {
    sim.faults.set({ hangEvery: 1 });
    const { source } = fastSource({ timeoutMs: 100 });
    const result = await source.testConnection(connectionTo(sim.url))();
    expect(result).to.deep.equal({ connected: false, message: `127.0.0.1:${sim.port} did not answer within 1 s; the site may be down or overloaded, try again later` });
    source.close();
  });

  it('reports an unreachable host', async () => {
    const gone = await startJiraSimulator({ issues: 1 });
    await gone.close();
    const { source } = fastSource();
    const result = await source.testConnection(connectionTo(gone.url))();
    expect(result.connected).to.equal(false);
    expect(result.message).to.include('refused the connection');
    source.close();
  });

  it('reports a host that does not resolve', async () => {
    const notFound = sinon.spy((_h: string, _o: unknown, callback: (e: NodeJS.ErrnoException, a: []) => void) =>
      callback(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }), []),
    );
    const { source } = fastSource({ resolve: notFound });
    const result = await source.testConnection(connectionTo('https://no-such-site.atlassian.net'))();
    expect(result).to.deep.equal({ connected: false, message: 'The host no-such-site.atlassian.net could not be found (ENOTFOUND); check the base URL' });
    source.close();
  });

  it('reports a TLS failure', async () => {
    const { source } = fastSource();
    const result = await source.testConnection(connectionTo(`https://127.0.0.1:${sim.port}`))();
    expect(result.connected).to.equal(false);
    expect(result.message).to.include('TLS');
    source.close();
  });

  it('does not follow a redirect, and names where it pointed', async () => {
    let hits = 0;
    const stub = await startStubServer((_req, res) => {
      hits += 1;
      res.writeHead(302, { location: 'https://elsewhere.example/rest/api/3/myself' }).end();
    });
    const { source } = fastSource();
    const result = await source.testConnection(connectionTo(stub.url))();
    expect(result.connected).to.equal(false);
    expect(result.message).to.include('redirect (302) to elsewhere.example');
    expect(hits).to.equal(1);
    source.close();
    await stub.close();
  });

  it('never throws, even for a stored base URL that is not a URL', async () => {
    const { source } = fastSource();
    const result = await source.testConnection(connectionTo('::not a url::'))();
    expect(result).to.deep.include({ connected: false });
    expect(result.message).to.include('not a valid URL');
    source.close();
  });
});

describe('JiraIssueSource configuration', () => {
  it('refuses an overlap under two minutes, which JQL’s minute precision could not cover', () => {
    expect(() => fastSource({ overlapMs: 60_000 })).to.throw(RangeError, 'overlapMs');
  });

  it('logs a warning when it may reach private networks', () => {
    const warn = sinon.spy();
    fastSource({ allowPrivateNetwork: true, logger: { warn } }).source.close();
    fastSource({ allowPrivateNetwork: false, logger: { warn } }).source.close();
    expect(warn.callCount).to.equal(1);
    expect(warn.firstCall.args[1]).to.include('Private network access is allowed');
  });
});

describe('JiraIssueSource SSRF guard on every request', () => {
  let sim: JiraSimulator;
  before(async () => {
    sim = await startJiraSimulator({ issues: 10 });
  });
  after(() => sim.close());

  it('refuses http and loopback literals unless private network is allowed, sending nothing', async () => {
    const { source } = fastSource({ allowPrivateNetwork: false });
    const plain = await source.searchIssues(connectionTo(sim.url), FULL_SYNC, null)();
    const loopback = await source.searchIssues(connectionTo(`https://127.0.0.1:${sim.port}`), FULL_SYNC, null)();
    expect(plain).to.deep.equal(E.left({ _tag: 'SourceUnavailable', message: `taskport does not connect to 127.0.0.1:${sim.port}: must use https` }));
    expect(E.isLeft(loopback) && loopback.left.message).to.include('127.0.0.1 is a loopback address');
    expect(sim.requests.entries()).to.have.length(0);
    source.close();
  });

  it('refuses a host name that resolves to a private address (the lookup hook), sending nothing', async () => {
    const { source } = fastSource({ allowPrivateNetwork: false, resolve: resolvingTo('127.0.0.1') });
    const result = await source.testConnection(connectionTo(`https://jira.example.test:${sim.port}`))();
    expect(result).to.deep.equal({ connected: false, message: 'taskport does not connect to jira.example.test:' + sim.port + ': 127.0.0.1 is a loopback address' });
    const metadata = fastSource({ allowPrivateNetwork: true, resolve: resolvingTo('169.254.169.254') });
    const viaMetadata = await metadata.source.testConnection(connectionTo(`http://jira.example.test:${sim.port}`))();
    expect(viaMetadata.message).to.include('169.254.169.254 is a cloud metadata address');
    expect(sim.requests.entries()).to.have.length(0);
    source.close();
    metadata.source.close();
  });

  it('connects through the same hook when private network is allowed', async () => {
    const { source } = fastSource({ allowPrivateNetwork: true, resolve: resolvingTo('127.0.0.1') });
    const page = await source.searchIssues(connectionTo(`http://jira.example.test:${sim.port}`), FULL_SYNC, null)();
    if (E.isLeft(page)) expect.fail(page.left.message);
    expect(page.right.issues[0]?.url).to.match(new RegExp(`^http://jira\\.example\\.test:${sim.port}/browse/[A-Z]+-\\d+$`));
    source.close();
  });
});
