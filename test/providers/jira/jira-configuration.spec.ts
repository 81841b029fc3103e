import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { startJiraSimulator, type JiraSimulator } from '../../../apps/simulator/jira/index.js';
import { ADMIN, apiRequests, connectionTo, fastSource } from './jira-source-harness.js';

const PARSE = '/rest/api/3/jql/parse';

// Jira answers 400 "The value 'X' does not exist for the field 'project'." for the whole
// `project in (...)` query when one project is missing or hidden from the account
// (tenable/integration-jira-cloud#25 and #124, solidify/jira-azuredevops-migrator#781): the
// connection's settings are wrong, Jira is not down.
describe('JiraIssueSource: a project or filter Jira does not have is a configuration error', () => {
  let sim: JiraSimulator;
  beforeEach(async () => {
    sim = await startJiraSimulator({ issues: 20 });
  });
  afterEach(() => sim.close());

  it('reports a sync limited to a missing project as SourceConfigurationInvalid naming it, once /myself vouches for the account', async () => {
    const { source } = fastSource();
    const result = await source.searchIssues(connectionTo(sim.url), { updatedSince: null, projectKeys: ['OPS', 'NOPE'] }, null)();
    source.close();
    if (E.isRight(result) || result.left._tag !== 'SourceConfigurationInvalid') return expect.fail(`expected a configuration error, got ${JSON.stringify(result)}`);
    expect(result.left.message).to.match(/^Jira has no project NOPE that the account can see; remove it from the connection's project scope or JQL filter/);
    expect(result.left.details).to.deep.equal([{ path: 'projectScope', message: 'names the project NOPE, which does not exist or which the account cannot see' }]);
    expect(apiRequests(sim, '/rest/api/3/myself')).to.have.length(1);
  });

  it('checks the filter and the projects of the scope with Jira’s parser, naming the setting at fault', async () => {
    const { source } = fastSource();
    const check = (jqlFilter: string | undefined, projectKeys: string[]) =>
      source.checkSettings(connectionTo(sim.url, ADMIN, jqlFilter === undefined ? {} : { jqlFilter }), { projectKeys })();
    expect(await check('labels = backend', ['OPS', 'WEB'])).to.deep.equal(E.right(undefined));
    const projects = await check(undefined, ['OPS', 'GONE']);
    expect(E.isLeft(projects) && projects.left).to.deep.include({ _tag: 'SourceConfigurationInvalid', details: [{ path: 'projectScope', message: 'names the project GONE, which does not exist or which the account cannot see' }] });
    const filter = await check('project = OLD AND labels = x', []);
    expect(E.isLeft(filter) && filter.left).to.deep.include({ details: [{ path: 'jqlFilter', message: 'names the project OLD, which does not exist or which the account cannot see' }] });
    const syntax = await check('labels = (', []);
    expect(E.isLeft(syntax) && syntax.left._tag === 'SourceConfigurationInvalid' && syntax.left.details[0]).to.deep.include({ path: 'jqlFilter' });
    expect(apiRequests(sim, PARSE)).to.have.length(4);
    source.close();
  });

  it('asks Jira nothing when there is no filter and no project to check', async () => {
    const { source } = fastSource();
    expect(await source.checkSettings(connectionTo(sim.url), { projectKeys: [] })()).to.deep.equal(E.right(undefined));
    source.close();
    expect(sim.requests.entries()).to.deep.equal([]);
  });

  it('reports revoked credentials rather than the projects when the parser answered anonymously', async () => {
    sim.site.set({ badCredentials: 'anonymous' });
    const { source } = fastSource();
    const result = await source.checkSettings(connectionTo(sim.url, { email: ADMIN.email, apiToken: 'revoked' }), { projectKeys: ['OPS'] })();
    source.close();
    expect(E.isLeft(result) && result.left._tag).to.equal('SourceAuthRejected');
  });
});
