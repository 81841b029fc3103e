import { REDIRECT_URI, startOAuthTestApi } from '../http/support/oauth-test-api.js';
import { startJiraSimulator } from '../../apps/simulator/jira/index.js';
import { tokenFor } from '../http/support/tokens.js';
import type { FuzzTarget } from './request-fuzzer.js';

/** The organization the fuzzer acts as. */
export const FUZZ_ORGANIZATION = '0f0f0f0f-0000-4000-8000-00000000000f';
const WEBHOOK_SECRET = 'whsec-fuzz-target';

export interface RunningFuzzTarget {
  readonly url: string;
  readonly target: FuzzTarget;
  readonly close: () => Promise<void>;
}

/**
 * The real API over real HTTP, on the embedded PostgreSQL, with the Jira simulator as tracker and
 * as Atlassian (so the OAuth routes answer rather than 501), and two connections to fuzz: one that
 * receives webhooks and is only read, one that is patched, synced and tested.
 */
export const startFuzzTarget = async (): Promise<RunningFuzzTarget> => {
  const api = await startOAuthTestApi({ issues: 20 });
  // A second site for the connection that is patched and synced: one connection per site and organization.
  const second = await startJiraSimulator({ issues: 20, cloudId: 'fuzz-second-site' });
  const token = tokenFor(FUZZ_ORGANIZATION, { expiresIn: '12h' });
  const account = api.simulator.accounts[0]!;
  const connect = async (baseUrl: string, webhookSecret?: string) => {
    const body = { type: 'jira', baseUrl, email: account.email, apiToken: account.apiToken, ...(webhookSecret === undefined ? {} : { webhookSecret }) };
    const created = await api.http.call('POST', '/api/integrations', { token, body });
    if (created.status !== 201) throw new Error(`The fuzz target's connection answered ${created.status}: ${created.text}`);
    return created.json.data.id as string;
  };
  const connectionId = await connect(api.simulator.url, WEBHOOK_SECRET);
  const mutableConnectionId = await connect(second.url);
  return {
    url: api.url,
    target: {
      token,
      connectionId,
      webhookSecret: WEBHOOK_SECRET,
      mutableConnectionId,
      trackerUrl: api.simulator.url,
      trackerEmail: account.email,
      trackerApiToken: account.apiToken,
      redirectUri: REDIRECT_URI,
    },
    close: async () => {
      await api.close();
      await second.close();
    },
  };
};
