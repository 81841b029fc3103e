import { CATEGORY_PREFIX, DEFAULT_KEY, type FieldMappings, type ProviderDescription } from '../../../core/index.js';
import { EXHAUSTED_LIMIT_RULES, EXHAUSTED_POLICY, type RateLimitHeaders, type RedirectRule, type RefusalScopes } from '../../net/index.js';
import { DEFAULT_ADAPTIVE_CONCURRENCY, type AdaptiveConcurrencyOptions } from '../shared/adaptive-concurrency.js';
import type { BaseUrlRules } from '../shared/base-url.js';
import type { HmacScheme } from '../shared/hmac-signature.js';

/**
 * Jira Cloud as data (see ../shared/docs/providers.md section 1): what a connection takes, the
 * default mappings, how webhooks are signed and deduplicated, paging and token lifetimes. The code
 * beside this file covers only what these facts cannot say.
 */
export const JIRA_DESCRIPTION: ProviderDescription = {
  name: 'jira',
  displayName: 'Jira Cloud',
  authModes: [
    { name: 'api-token', label: 'API token', flow: 'direct' },
    { name: 'oauth2', label: 'OAuth', flow: 'oauth' },
  ],
  fields: [
    { name: 'baseUrl', label: 'Site URL', type: 'url', required: true, authModes: ['api-token'], placeholder: 'https://your-site.atlassian.net' },
    { name: 'email', label: 'Account e-mail', type: 'email', required: true, authModes: ['api-token'] },
    { name: 'apiToken', label: 'API token', type: 'secret', required: true, authModes: ['api-token'], help: 'Created at id.atlassian.com under Security, API tokens' },
    { name: 'jqlFilter', label: 'JQL filter', type: 'text', required: false, authModes: [], maxLength: 4000, help: 'Narrows what is synced, such as labels = roadmap' },
  ],
};

/**
 * Status categories first (every workflow has them), priority names as Jira ships them: today's
 * scheme (Highest to Lowest) and the classic one older sites still use (Blocker to Trivial, Major
 * being the default, as Medium is now).
 */
export const jiraDefaultMappings = (): FieldMappings => ({
  status: {
    [`${CATEGORY_PREFIX}new`]: 'todo',
    [`${CATEGORY_PREFIX}indeterminate`]: 'in_progress',
    [`${CATEGORY_PREFIX}done`]: 'done',
    [DEFAULT_KEY]: 'backlog',
  },
  priority: {
    highest: 'urgent',
    high: 'high',
    medium: 'medium',
    low: 'low',
    lowest: 'low',
    blocker: 'urgent',
    critical: 'high',
    major: 'medium',
    minor: 'low',
    trivial: 'low',
    [DEFAULT_KEY]: 'medium',
  },
  projects: [],
});

/** Any host: Jira Cloud sites live on *.atlassian.net, but the simulator and custom domains do not. */
export const JIRA_BASE_URL_RULES: BaseUrlRules = { hostSuffixes: [] };

/** Atlassian's own domain for Jira Cloud sites. */
const CLOUD_SITE_SUFFIX = '.atlassian.net';

/**
 * A renamed site answers 301 to its new name; that redirect is followed, from one Jira Cloud site
 * to another only (the network guard checks the target too), never to anywhere else.
 */
export const followsSiteRename: RedirectRule = (from, to) =>
  from.hostname.toLowerCase().endsWith(CLOUD_SITE_SUFFIX) && to.hostname.toLowerCase().endsWith(CLOUD_SITE_SUFFIX) && from.protocol === to.protocol;

/**
 * Retry-After is a "may" on Jira's 429 (JRACLOUD-82801): `X-RateLimit-Reset` (ISO, minute precision)
 * and the 2026 points quotas' `Beta-RateLimit` policy field and `X-Beta-RateLimit-Reset` say when to
 * come back instead.
 */
export const JIRA_RATE_LIMIT_HEADERS: RateLimitHeaders = {
  resetAt: ['x-ratelimit-reset', 'x-beta-ratelimit-reset'],
  policies: ['beta-ratelimit', 'ratelimit'],
};

/**
 * Who waits after a Jira 429 (providers.md 1.8). `jira-burst-based` is a per-second limit of one
 * endpoint and method, `jira-per-issue-on-write` one of writes to one issue: the request refused waits
 * its Retry-After alone and the site's adaptive limit slows the others. The quota and cost reasons,
 * the 2026 points quota (an exhausted `Beta-RateLimit` policy, `X-Beta-RateLimit-Reason`), a limit
 * with nothing left and a wait of seconds or more are the site's (the tenant's): every process pauses.
 */
export const JIRA_REFUSAL_SCOPES: RefusalScopes = {
  siteWaitFromMs: 10_000,
  rules: [
    { header: 'ratelimit-reason', matches: /quota|cost/i, scope: 'site' },
    { header: 'beta-ratelimit', matches: EXHAUSTED_POLICY, scope: 'site' },
    { header: 'ratelimit-reason', matches: /burst|per-issue/i, scope: 'request' },
    { header: 'x-beta-ratelimit-reason', matches: /\S/, scope: 'site' },
    ...EXHAUSTED_LIMIT_RULES,
  ],
};

/**
 * Admin webhooks use WebSub's `X-Hub-Signature: sha256=<hex>`; some senders are set up to put the
 * bare hex digest in `X-Jira-Signature`.
 */
export const JIRA_SIGNATURE: HmacScheme = {
  headers: [
    { name: 'x-hub-signature', prefix: 'sha256=', encoding: 'hex' },
    { name: 'x-jira-signature', encoding: 'hex' },
  ],
};

/** Unchanged across Jira's retries of one delivery. */
export const JIRA_DEDUPE_HEADER = 'x-atlassian-webhook-identifier';

export const JIRA_PAGING = {
  /** Enhanced search answers about 100 a page when fields are asked for. */
  searchPageSize: 100,
  /** ...and up to 5,000 a page when only ids are asked for (the reconciliation sweep). */
  idPageSize: 5000,
  /** `POST /rest/api/3/issue/bulkfetch` takes up to 100 ids. */
  bulkFetchSize: 100,
  /**
   * Attempts of one read by ids (a batch, an id page) before it gives up: a sync by ids makes
   * hundreds of them side by side, and one refused four times in a row (a 429 storm) must not fail
   * the whole sync; a refusal is never processed, so asking again after its Retry-After is safe.
   */
  byIdAttempts: 8,
  /** JQL dates have minute precision and the search index lags: at least this much is read again. */
  minimumOverlapMs: 2 * 60_000,
  defaultOverlapMs: 5 * 60_000,
} as const;

/**
 * The request budget of one Jira site, shared by every process (`jira:<site>`): Jira Cloud meters
 * cost per site and tells the rate with 429 and Retry-After, which pauses the site for everyone.
 */
export const JIRA_REQUEST_BUDGET = { capacity: 100, refillPerSecond: 25 } as const;

/**
 * Requests in flight to one site, adapted to its answers (adaptive-concurrency.ts). Jira Cloud
 * publishes no concurrency limit, only burst and quota 429s: start at 2, grow while answers are
 * fast and clean, never beyond 16, halve on a 429 or a latency spike.
 */
export const JIRA_CONCURRENCY: AdaptiveConcurrencyOptions = { ...DEFAULT_ADAPTIVE_CONCURRENCY };

export const JIRA_OAUTH = {
  scopes: ['read:jira-work', 'write:jira-work', 'read:jira-user', 'offline_access'],
  authorizeUrl: 'https://auth.atlassian.com/authorize',
  tokenUrl: 'https://auth.atlassian.com/oauth/token',
  apiGatewayUrl: 'https://api.atlassian.com',
  /** A grant's site is its cloudId: the gateway addresses the API by it. */
  siteIdField: 'cloudId',
  /** Access tokens live an hour; refresh tokens rotate on every refresh. */
  accessTokenLifetimeSeconds: 3600,
  rotatesRefreshTokens: true,
} as const;

/**
 * How taskport writes to Jira. A create names an issue type (the issue's workflow follows from it);
 * the write API has no field for it, so every item is created as a Task. Jira names its fields in
 * its field errors; the write API's names are given back instead, so the product can show them.
 */
export const JIRA_WRITES = {
  issueType: 'Task',
  fieldNames: { summary: 'title', description: 'description', priority: 'priority', assignee: 'assignee', duedate: 'dueDate', project: 'projectKey', issuetype: 'projectKey' } as Readonly<Record<string, string>>,
  /** The user search answers at most this many; an e-mail names one user. */
  userSearchLimit: 10,
} as const;
