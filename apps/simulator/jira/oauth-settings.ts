/** A site the simulated grant reaches; they all serve the simulator's one issue store. */
export interface SimulatedSite {
  /** The cloudId: the API answers on /ex/jira/{id}. */
  readonly id: string;
  readonly name: string;
  /** The site URL accessible-resources lists; the simulator's own URL when absent. */
  readonly url?: string;
  /** Scopes listed for it; a Jira site lists the grant's Jira scopes when absent. */
  readonly scopes?: ReadonlyArray<string>;
}

export interface OAuthClientRegistration {
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface OAuthSettings {
  readonly clients: ReadonlyArray<OAuthClientRegistration>;
  readonly sites: ReadonlyArray<SimulatedSite>;
  /** The account that consents on /authorize (by e-mail); the first account when absent. */
  readonly consentAccount: string | null;
  /** What the person answers on the consent page. */
  readonly consent: 'approve' | 'deny';
  readonly accessTokenTtlSeconds: number;
  /** Added before every answer of the token endpoint, so a test can make refreshes overlap. */
  readonly tokenLatencyMs: number;
}

export const SIMULATOR_OAUTH_CLIENT: OAuthClientRegistration = { clientId: 'taskport-simulator-client', clientSecret: 'taskport-simulator-secret' };

export const SIMULATOR_SITE: SimulatedSite = { id: 'c0ffee00-5111-4a7e-9e1d-000000000001', name: 'simulated-jira' };

export const defaultOAuthSettings = (overrides: Partial<OAuthSettings> = {}): OAuthSettings => ({
  clients: [SIMULATOR_OAUTH_CLIENT],
  sites: [SIMULATOR_SITE],
  consentAccount: null,
  consent: 'approve',
  accessTokenTtlSeconds: 3600,
  tokenLatencyMs: 0,
  ...overrides,
});
