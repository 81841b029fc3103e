import { asOrganizationId, type EntityId, type OAuthRequester, type OrganizationId } from '../../../core/index.js';
import { createHarness, right } from '../../builders/harness.js';

export const REDIRECT_URI = 'https://app.example.test/oauth/callback';
export const ALICE: OAuthRequester = { organizationId: asOrganizationId('org-a'), actor: 'alice', requestId: null };
export const MALLORY: OAuthRequester = { organizationId: asOrganizationId('org-b'), actor: 'mallory', requestId: null };

/** The use-case harness plus the OAuth steps of the fake tracker, and a browser that consents on its authorization server. */
export const createOAuthHarness = (options: Parameters<typeof createHarness>[0] = {}) => {
  const h = createHarness(options);
  const oauth = {
    start: (who: OAuthRequester, body: unknown) => h.startOAuth('tracker', who, body),
    callback: (query: unknown) => h.completeOAuth('tracker', query),
    selectSite: (who: OAuthRequester, body: unknown) => h.selectOAuthSite('tracker', who, body),
    selection: (organizationId: OrganizationId, id: EntityId) => h.getSiteSelection('tracker', organizationId, id),
  };
  /** Starts as `who` and answers the state the provider will send back. */
  const stateFor = async (who = ALICE) => new URL((await right(oauth.start(who, {}))).authorizationUrl).searchParams.get('state')!;
  /** The provider's redirect after consent. */
  const consented = async (who = ALICE) => ({ state: await stateFor(who), code: h.adapters.oauthProvider.consent(REDIRECT_URI) });
  return { ...h, oauth, stateFor, consented };
};

export type OAuthHarness = ReturnType<typeof createOAuthHarness>;
