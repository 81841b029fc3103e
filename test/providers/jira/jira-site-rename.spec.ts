import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { startJiraSimulator, type JiraSimulator } from '../../../apps/simulator/jira/index.js';
import { jiraProvider } from '../../../adapters/providers/jira/index.js';
import { connectionTo, fastSource, FULL_SYNC, resolvingTo } from './jira-source-harness.js';

// A renamed Jira Cloud site answers its old name with 301 to the new one. The redirect is followed
// from one *.atlassian.net site to another only, each target re-checked by the network guard, and
// the person is told the new URL. Every host name here resolves to the loopback simulator.
describe('JiraIssueSource on a renamed site, over HTTP', () => {
  let sim: JiraSimulator;
  const warnings: Array<Record<string, unknown>> = [];
  beforeEach(async () => {
    sim = await startJiraSimulator({ issues: 7, site: { rename: { from: 'old-name.atlassian.net', to: 'new-name.atlassian.net' } } });
    warnings.length = 0;
  });
  afterEach(() => sim.close());

  const oldSite = () => `http://old-name.atlassian.net:${sim.port}`;
  const source = () => fastSource({ resolve: resolvingTo('127.0.0.1'), logger: { warn: (details) => void warnings.push(details as Record<string, unknown>) } }).source;

  it('tests the connection through the redirect and tells the person the new URL', async () => {
    const jira = source();
    const result = await jira.testConnection(connectionTo(oldSite()))();
    jira.close();
    expect(result).to.deep.equal({ connected: true, message: `Connected as Simulator Admin; the site has moved to http://new-name.atlassian.net:${sim.port}: change the connection's base URL to it` });
  });

  it('syncs through the redirect, logging where the site went', async () => {
    const jira = source();
    const page = await jira.searchIssues(connectionTo(oldSite()), FULL_SYNC, null)();
    jira.close();
    expect(E.isRight(page) && page.right.issues).to.have.length(7);
    expect(warnings.filter((w) => 'movedTo' in w)[0]).to.deep.include({ baseUrl: oldSite(), movedTo: `http://new-name.atlassian.net:${sim.port}` });
  });

  it('follows no redirect to a host outside atlassian.net', async () => {
    sim.site.set({ rename: { from: 'old-name.atlassian.net', to: 'collector.example.com' } });
    const jira = source();
    const result = await jira.testConnection(connectionTo(oldSite()))();
    jira.close();
    expect(result).to.deep.equal({ connected: false, message: `old-name.atlassian.net:${sim.port} answered with a redirect (301) to collector.example.com:${sim.port}; use the site's own URL as the base URL` });
    expect(sim.requests.entries().map((r) => r.status), 'only the redirect itself').to.deep.equal([301]);
  });

  it('resolves the site of a new connection through the redirect too', async () => {
    const provider = jiraProvider({ allowPrivateNetwork: true, resolve: resolvingTo('127.0.0.1') });
    const site = await provider.resolveSite({ baseUrl: oldSite(), settings: {}, grantDetails: null })();
    provider.close();
    expect(site).to.match(/^[0-9a-f-]{36}$/);
  });
});
