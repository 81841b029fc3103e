import type { SimulatorAccount } from './accounts.js';
import type { FaultControl } from './faults.js';
import type { IssueStore } from './issue-store.js';
import type { OAuthServer } from './oauth-server.js';
import type { RenderCache } from './render-cache.js';
import type { RequestLog } from './request-log.js';
import type { SiteControl } from './site-behaviour.js';
import type { RevokedTokens } from './revoked-tokens.js';
import type { PageLimits } from './search.js';
import type { WebhookSender } from './webhook-sender.js';

/** What the routes of one simulated Jira site share. */
export interface SimulatorDeps {
  readonly store: IssueStore;
  /** Bulk fetch and search answers are built from these renders. */
  readonly renders: RenderCache;
  readonly accounts: ReadonlyArray<SimulatorAccount>;
  readonly faults: FaultControl;
  /** Bad credentials and a site rename. */
  readonly site: SiteControl;
  readonly requests: RequestLog;
  readonly pageLimits: PageLimits;
  /** The removed `/rest/api/{2,3}/search`: 410 Gone like Jira Cloud today, or 404. */
  readonly legacySearch: 'removed' | 'not-found';
  readonly now: () => number;
  /** The site's webhook; it sends only once the simulator has started it. */
  readonly webhooks: WebhookSender;
  /** Codes and tokens of the simulated Atlassian authorization server. */
  readonly oauth: OAuthServer;
  /** API tokens revoked since the start, and how the site answers them. */
  readonly revoked: RevokedTokens;
}
