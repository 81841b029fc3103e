import { completeOAuth, getSiteSelection, selectOAuthSite, startOAuth, asOrganizationId, type OAuthRequester } from '../../../core/index.js';
import { createHarness, right } from '../../builders/harness.js';

export const REDIRECT_URI = 'https://app.example.test/oauth/callback';
export const ALICE: OAuthRequester = { organizationId: asOrganizationId('org-a'), subject: 'alice' };
export const MALLORY: OAuthRequester = { organizationId: asOrganizationId('org-b'), subject: 'mallory' };

/** The use-case harness plus the OAuth steps, and a browser that consents on the fake provider. */
export const createOAuthHarness = () => {
  const h = createHarness();
  const oauth = {
    start: startOAuth(h.adapters),
    callback: completeOAuth(h.adapters),
    selectSite: selectOAuthSite(h.adapters),
    selection: getSiteSelection(h.adapters),
  };
  /** Starts as `who` and answers the state the provider will send back. */
  const stateFor = async (who = ALICE) => new URL((await right(oauth.start(who, {}))).authorizationUrl).searchParams.get('state')!;
  /** The provider's redirect after consent. */
  const consented = async (who = ALICE) => ({ state: await stateFor(who), code: h.adapters.oauthProvider.consent(REDIRECT_URI) });
  return { ...h, oauth, stateFor, consented };
};

export type OAuthHarness = ReturnType<typeof createOAuthHarness>;
