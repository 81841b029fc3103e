import { CATEGORY_PREFIX, DEFAULT_KEY, type FieldMappings, type ProviderDescription } from '../../../core/index.js';
import type { BaseUrlRules } from '../shared/base-url.js';
import type { HmacScheme } from '../shared/hmac-signature.js';

/**
 * ConnectWise PSA (formerly Manage) as data (see ../shared/docs/providers.md section 3): what a
 * connection takes, the default mappings, how callbacks are signed, paging and budgets. The code
 * beside this file covers only what these facts cannot say.
 */
export const CONNECTWISE_DESCRIPTION: ProviderDescription = {
  name: 'connectwise',
  displayName: 'ConnectWise PSA',
  // API members authenticate with a key pair and a clientId; no OAuth flow for them was found.
  authModes: [{ name: 'api-keys', label: 'API member keys', flow: 'direct' }],
  fields: [
    { name: 'baseUrl', label: 'Site URL', type: 'url', required: true, authModes: [], placeholder: 'https://api-na.myconnectwise.net' },
    { name: 'companyId', label: 'Company ID', type: 'text', required: true, authModes: [], maxLength: 100, help: 'The company you log in to ConnectWise PSA with' },
    { name: 'publicKey', label: 'Public key', type: 'text', required: true, authModes: [], maxLength: 200, help: "The API member's public key (System, Members, API Members, API Keys)" },
    { name: 'privateKey', label: 'Private key', type: 'secret', required: true, authModes: [] },
    { name: 'clientId', label: 'Client ID', type: 'text', required: true, authModes: [], maxLength: 100, help: 'The integration GUID registered at developer.connectwise.com' },
    { name: 'codebase', label: 'Codebase', type: 'text', required: false, authModes: [], maxLength: 50, default: 'v4_6_release', help: 'The API path prefix of the site, such as v4_6_release' },
    { name: 'memberIdentifier', label: 'Member', type: 'text', required: false, authModes: [], maxLength: 100, help: 'Only tickets this member owns or is a resource on' },
    { name: 'boards', label: 'Boards', type: 'string-list', required: false, authModes: [], maxItems: 100, help: 'Only tickets on these boards (by name)' },
    { name: 'includeProjectTickets', label: 'Project tickets', type: 'boolean', required: false, authModes: [], default: true, help: 'Sync project tickets as well as service tickets' },
    { name: 'filter', label: 'Conditions', type: 'text', required: false, authModes: [], maxLength: 2000, help: 'ConnectWise conditions that narrow what is synced, such as company/identifier="ACME"' },
    { name: 'closedTicketsDays', label: 'Closed tickets, days back', type: 'text', required: false, authModes: [], maxLength: 5, default: '30', help: 'A first or full sync takes open tickets and those closed within this many days' },
    { name: 'requestsPerHour', label: 'Requests per hour', type: 'text', required: false, authModes: [], maxLength: 6, default: '1000', help: 'The most this connection sends to ConnectWise in an hour, across every taskport process' },
    { name: 'registerCallbacks', label: 'Register callbacks', type: 'boolean', required: false, authModes: [], default: false, help: 'Register a ticket callback on create (needs TASKPORT_PUBLIC_URL) and remove it on delete' },
  ],
};

/** Statuses are free text per board, so the provider's own categories come first (see to-domain.ts). */
export const connectWiseDefaultMappings = (): FieldMappings => ({
  status: {
    [`${CATEGORY_PREFIX}todo`]: 'todo',
    [`${CATEGORY_PREFIX}in_progress`]: 'in_progress',
    [`${CATEGORY_PREFIX}done`]: 'done',
    [DEFAULT_KEY]: 'in_progress',
  },
  priority: { P1: 'urgent', P2: 'high', P3: 'medium', P4: 'low', P5: 'low', P6: 'low', P7: 'low', P8: 'low', P9: 'low', [DEFAULT_KEY]: 'medium' },
  projects: [],
});

/** Cloud sites and ConnectWise's staging hosts; on-premise hosts are added by the operator. */
export const CONNECTWISE_BASE_URL_RULES: BaseUrlRules = { hostSuffixes: ['.myconnectwise.net', '.connectwisedev.com'] };

/** The hosts a callback's signing key may come from besides the connection's own. */
export const CONNECTWISE_KEY_HOST_SUFFIXES: ReadonlyArray<string> = ['.myconnectwise.net'];

/** `x-content-signature`: base64 HMAC-SHA256 of the raw body, keyed with SHA-256(signing key). */
export const CONNECTWISE_SIGNATURE: HmacScheme = { headers: [{ name: 'x-content-signature', encoding: 'base64' }] };

export const CONNECTWISE_API = {
  defaultCodebase: 'v4_6_release',
  apiPath: 'apis/3.0',
  /** The hard maximum of `pageSize`. */
  pageSize: 1000,
  /** Ids named in one `id in (...)` condition. */
  idsPerCall: 200,
  /**
   * Walked ids one range read (`id >= a and id <= b`) covers: a page's worth, the most one answer
   * holds, so a stretch of the walk is usually one call.
   */
  idsPerRangeRead: 1000,
  /**
   * Parts of a kind's id space walked side by side once its first page says there is more: a round
   * of four pages takes one round trip instead of four, and leaves half of a site's usual eight
   * requests at once to the range reads of the pages already walked.
   */
  walkParts: 4,
  /**
   * Attempts of one read by ids (a batch, an id page) before it gives up: a first sync makes
   * hundreds side by side, and one refused four times in a row in a 429 storm must not fail the
   * whole sync; a read is never processed twice by asking again after its Retry-After.
   */
  byIdAttempts: 8,
  /** `_info.lastUpdated` has second precision; edits seen late by a replica are read again. */
  overlapMs: 2 * 60_000,
  defaultClosedTicketsDays: 30,
  /** Board statuses, priorities and members change rarely. */
  metadataTtlMs: 15 * 60_000,
  signingKeyTtlMs: 60 * 60_000,
  /** Seed material asks for 1,000 requests an hour per integration; ConnectWise publishes no number. */
  defaultRequestsPerHour: 1000,
} as const;

/** External ids: the two kinds of ticket, each a number, kept apart within a site. */
export const TICKET_KINDS = ['service', 'project'] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

/**
 * How taskport writes tickets (docs/write-back.md): new items are service tickets on the board
 * `projectKey` names, filed under the site's own company (the Company ID); a create's marker goes in
 * `externalXRef`, which conditions can search. ConnectWise's field names in its errors, as the write
 * API names them.
 */
export const CONNECTWISE_WRITES = {
  createKind: 'service' as TicketKind,
  markerField: 'externalXRef',
  /** `requiredDate` is an instant; a due date is its day at midnight UTC (to-domain reads the day back). */
  dueTime: 'T00:00:00Z',
  fieldNames: {
    summary: 'title',
    initialDescription: 'description',
    priority: 'priority',
    owner: 'assignee',
    requiredDate: 'dueDate',
    status: 'status',
    board: 'projectKey',
    company: 'projectKey',
    externalXRef: 'marker',
  } as Readonly<Record<string, string>>,
} as const;
