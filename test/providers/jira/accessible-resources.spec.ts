import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { AccessibleResourcesCodec, toAccessibleSites } from '../../../adapters/providers/jira/accessible-resources.js';
import { SIMULATOR_OAUTH_CLIENT, startJiraSimulator } from '../../../apps/simulator/jira/index.js';
import { jiraSites } from '../../../adapters/providers/jira/atlassian-oauth.js';
import { jiraFixture, jsonType, keysOf } from './recorded-fixtures.js';

const RECORDED = jiraFixture('accessible-resources.json') as Array<Record<string, unknown>>;

describe('accessible-resources, recorded and simulated', () => {
  it('decodes the recorded answer and keeps only the Jira site of it', () => {
    const decoded = AccessibleResourcesCodec.decode(RECORDED);
    if (E.isLeft(decoded)) return expect.fail('the recorded payload does not decode');
    expect(jiraSites(toAccessibleSites(decoded.right))).to.deep.equal([
      { id: '1324a887-45db-1bf4-1e99-ef0ff456d421', name: 'Jira Site name', url: 'https://your-domain.atlassian.net', scopes: ['write:jira-work', 'read:jira-user', 'manage:jira-configuration'] },
    ]);
  });

  it('is answered by the simulator in the recorded shape', async () => {
    const sim = await startJiraSimulator({ issues: 1 });
    try {
      const query = new URLSearchParams({ audience: 'api.atlassian.com', client_id: SIMULATOR_OAUTH_CLIENT.clientId, scope: 'read:jira-work offline_access', redirect_uri: 'https://t.test/cb', response_type: 'code' });
      const code = new URL((await fetch(`${sim.url}/authorize?${query}`, { redirect: 'manual' })).headers.get('location')!).searchParams.get('code')!;
      const body = { grant_type: 'authorization_code', code, redirect_uri: 'https://t.test/cb', client_id: SIMULATOR_OAUTH_CLIENT.clientId, client_secret: SIMULATOR_OAUTH_CLIENT.clientSecret };
      const token = (await (await fetch(`${sim.url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as { access_token: string };
      const answer = (await (await fetch(`${sim.url}/oauth/token/accessible-resources`, { headers: { authorization: `Bearer ${token.access_token}` } })).json()) as Array<Record<string, unknown>>;
      const shape = (entry: Record<string, unknown>) => keysOf(entry).map((k) => `${k}:${jsonType(entry[k])}`);
      expect(shape(answer[0]!)).to.deep.equal(shape(RECORDED[0]!));
    } finally {
      await sim.close();
    }
  });
});
