import { expect } from 'chai';
import { runProgram } from '../support/child-programs.js';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, tokenFor } from './support/tokens.js';

describe('npm run smoke', () => {
  let api: TestApi;
  before(async () => {
    api = await startTestApi();
  });
  after(() => api.close());

  const smoke = (overrides: Record<string, string> = {}) =>
    runProgram('apps/cli/smoke.ts', {
      TASKPORT_URL: api.url,
      TASKPORT_TOKEN: tokenFor(ORG_A),
      JIRA_BASE_URL: api.jira.baseUrl,
      JIRA_EMAIL: api.jira.email,
      JIRA_API_TOKEN: api.jira.apiToken,
      ...overrides,
    });

  it('passes against a started server and leaves nothing behind', async () => {
    const { code, output } = await smoke();
    expect(code, output).to.equal(0);
    expect(output).to.contain('ok  sync now').and.to.contain('smoke test passed');
    expect((await api.http.call('GET', '/api/integrations', { token: tokenFor(ORG_A) })).json.data).to.deep.equal([]);
    expect((await api.http.call('GET', '/api/external-user-mappings', { token: tokenFor(ORG_A) })).json.data).to.deep.equal([]);
  });

  it('exits non-zero when a step fails, and still deletes its connection', async () => {
    const { code, output } = await smoke({ JIRA_API_TOKEN: 'wrong-token' });
    expect(code).not.to.equal(0);
    expect(output).to.contain('FAILED test connection');
    expect((await api.http.call('GET', '/api/integrations', { token: tokenFor(ORG_A) })).json.data).to.deep.equal([]);
  });
});
