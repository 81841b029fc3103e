import { CATEGORY_PREFIX, DEFAULT_KEY, type ConnectionField, type FieldMappings, type ProviderDescription } from '../../../core/index.js';
import { EXHAUSTED_LIMIT_RULES, type BudgetPolicy, type RefusalScopes } from '../../net/index.js';
import type { BaseUrlRules } from '../shared/base-url.js';
import type { HmacScheme } from '../shared/hmac-signature.js';

/** The tables a connection may sync: incidents, and the task family's catalog tasks, requested items, problems and changes. */
export const SERVICENOW_TABLES = ['incident', 'sc_task', 'sc_req_item', 'problem', 'change_request'] as const;
export type ServiceNowTable = (typeof SERVICENOW_TABLES)[number];
export const DEFAULT_TABLES: ReadonlyArray<ServiceNowTable> = ['incident'];

/**
 * Which state model a table's `state` codes belong to: incident has its own (1 New ... 8 Canceled),
 * the other tables share the task family's (-5 Pending ... 7 Closed Skipped). The status category of
 * an item is `<family>:<state>`, so one default mapping serves every table of a family.
 */
export const stateFamilyOf = (table: string): 'incident' | 'task' => (table === 'incident' ? 'incident' : 'task');

const TABLES_FIELD: ConnectionField = {
  name: 'tables',
  label: 'Tables',
  type: 'choice-list',
  required: false,
  authModes: [],
  options: SERVICENOW_TABLES,
  maxItems: SERVICENOW_TABLES.length,
  default: DEFAULT_TABLES,
  help: 'What is synced: incidents, catalog tasks (sc_task), requested items, problems, changes',
};

const FILTER_FIELD: ConnectionField = {
  name: 'filter',
  label: 'Filter (encoded query)',
  type: 'text',
  required: false,
  authModes: [],
  maxLength: 4000,
  placeholder: 'active=true^assignment_group.name=Service Desk',
  help: 'Copied from a list filter (Copy query); its field names are checked against the instance when saved',
};

const BASE_URL_FIELD: ConnectionField = {
  name: 'baseUrl',
  label: 'Instance URL',
  type: 'url',
  required: true,
  authModes: ['basic'],
  placeholder: 'https://your-instance.service-now.com',
};

/**
 * ServiceNow as data (see ../shared/docs/providers.md section 2): what a connection takes, the
 * default mappings, how webhooks are signed and deduplicated, paging and token lifetimes. The code
 * beside this file covers only what these facts cannot say.
 */
export const SERVICENOW_DESCRIPTION: ProviderDescription = {
  name: 'servicenow',
  displayName: 'ServiceNow',
  authModes: [
    { name: 'basic', label: 'User name and password', flow: 'direct' },
    { name: 'oauth2', label: 'OAuth', flow: 'oauth' },
  ],
  fields: [
    BASE_URL_FIELD,
    { name: 'username', label: 'User name', type: 'text', required: true, authModes: ['basic'], maxLength: 200, help: 'An integration account without multi-factor authentication' },
    { name: 'password', label: 'Password', type: 'secret', required: true, authModes: ['basic'] },
    { name: 'clientId', label: 'OAuth client id', type: 'text', required: true, authModes: ['oauth2'], maxLength: 200, help: 'From the instance: System OAuth, Application Registry' },
    { name: 'clientSecret', label: 'OAuth client secret', type: 'secret', required: true, authModes: ['oauth2'] },
    TABLES_FIELD,
    FILTER_FIELD,
  ],
};

/** What the body of an OAuth `start` takes: the instance, the client registered in it, and the settings. */
export const SERVICENOW_OAUTH_START_FIELDS: ReadonlyArray<ConnectionField> = [
  { ...BASE_URL_FIELD, authModes: ['oauth2'] },
  ...SERVICENOW_DESCRIPTION.fields.filter((field) => field.authModes.includes('oauth2')),
  TABLES_FIELD,
  FILTER_FIELD,
];

const category = (family: 'incident' | 'task', state: string) => `${CATEGORY_PREFIX}${family}:${state}`;

/** Incident and task-family states as ServiceNow ships them; priorities 1 Critical to 5 Planning. */
export const servicenowDefaultMappings = (): FieldMappings => ({
  status: {
    [category('incident', '1')]: 'todo',
    [category('incident', '2')]: 'in_progress',
    [category('incident', '3')]: 'in_progress',
    [category('incident', '6')]: 'done',
    [category('incident', '7')]: 'done',
    [category('incident', '8')]: 'cancelled',
    [category('task', '-5')]: 'todo',
    [category('task', '1')]: 'todo',
    [category('task', '2')]: 'in_progress',
    [category('task', '3')]: 'done',
    [category('task', '4')]: 'cancelled',
    [category('task', '7')]: 'cancelled',
    [DEFAULT_KEY]: 'backlog',
  },
  priority: { '1': 'urgent', '2': 'high', '3': 'medium', '4': 'low', '5': 'low', [DEFAULT_KEY]: 'medium' },
  projects: [],
});

/** Any host: instances live on *.service-now.com, but custom domains and the simulator do not. */
export const SERVICENOW_BASE_URL_RULES: BaseUrlRules = { hostSuffixes: [] };

/**
 * The business rule taskport documents signs the raw body with HMAC-SHA256 in
 * `X-ServiceNow-Signature`: base64 as `CertificateEncryption.generateMac` writes it, or lowercase hex.
 */
export const SERVICENOW_SIGNATURE: HmacScheme = { headers: [{ name: 'x-servicenow-signature', encoding: 'hex-or-base64' }] };

/** Optional: the same on every retry of one delivery; without it, table, sys_id, sys_mod_count and operation are. */
export const SERVICENOW_DELIVERY_HEADER = 'x-taskport-delivery';

export const SERVICENOW_PAGING = {
  /** Far below the Table API's default of 10,000: a page is one request the instance must finish in time. */
  pageSize: 200,
  /** sys_ids in one `sys_idIN...` condition (of a fetch or a sys_user lookup). */
  idsPerQuery: 100,
  /**
   * The id-only walk reads one field, so it takes bigger pages: a first sync's range reads start only
   * once a page is walked, and the sweep walks every id. 10,000 is the Table API's own default limit.
   */
  idPageSize: 10_000,
  /**
   * Walked ids one range read covers (`sys_id>=first^sys_id<=last`, its sysparm_limit): far fewer
   * requests than `sys_idIN` batches of 100, each answer still a size the instance serves in time.
   */
  idsPerRangeRead: 1000,
  /**
   * Attempts of one read by ids (a batch, an id page) before it gives up: a first sync makes
   * hundreds side by side, and one refused four times in a row in a 429 storm must not fail the
   * whole sync; a read is never processed twice by asking again after its Retry-After.
   */
  byIdAttempts: 8,
  /** `sys_updated_on` has one-second precision and commits lag their timestamps: at least this much is read again. */
  minimumOverlapMs: 60_000,
  defaultOverlapMs: 5 * 60_000,
} as const;

/**
 * Rate limits are set per instance by each customer (`sys_rate_limit_rules`, per hour), so the
 * budget is not what keeps taskport under them: it is generous, and shared per instance so that a
 * rule's 429 pauses every process working for that instance until the time the instance said.
 * ServiceNow documents no per-second limit; what refuses requests under load is the semaphores'
 * concurrency, which the adaptive gate follows. 20 a second stays: since a first sync reads ranges of
 * its walk (about 22 requests for 20,000 records), the budget no longer bounds it, and a higher one
 * would only let many connections to one instance press on its semaphores harder.
 */
export const SERVICENOW_BUDGET: BudgetPolicy = { capacity: 20, refillPerSecond: 20 };

/**
 * A 429 under a customer's rate-limit rule (`X-RateLimit-Rule`: per user and hour) holds for the
 * whole instance until it resets: every process pauses. One without a rule (a semaphore, a transaction
 * quota; providers.md 2.5) is the moment's: the request refused waits its Retry-After alone.
 */
export const SERVICENOW_REFUSAL_SCOPES: RefusalScopes = {
  siteWaitFromMs: 10_000,
  rules: [{ header: 'x-ratelimit-rule', matches: /\S/, scope: 'site' }, ...EXHAUSTED_LIMIT_RULES],
};

export const budgetKeyOf = (baseUrl: string): string => `servicenow:${new URL(baseUrl).host.toLowerCase()}`;

export const SERVICENOW_OAUTH = {
  authorizePath: '/oauth_auth.do',
  tokenPath: '/oauth_token.do',
  /** A grant's site is the instance (its host): each customer's own instance is its own authorization server. */
  siteIdField: 'instance',
  /** Access tokens live 30 minutes; refresh tokens 100 days and do not rotate. */
  accessTokenLifetimeSeconds: 1800,
  rotatesRefreshTokens: false,
} as const;
