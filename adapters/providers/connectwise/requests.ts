import * as E from 'fp-ts/lib/Either.js';
import { sourceUnavailable, type SourceConnection, type SourceUnavailable } from '../../../core/index.js';
import type { HttpRequest } from '../../net/index.js';
import { CONNECTWISE_API, type TicketKind } from './facts.js';
import type { ConnectWiseSettings } from './settings.js';

/** Where a connection's calls go and the headers every one of them carries. */
export interface ApiTarget {
  readonly apiBase: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** `Basic base64("{companyId}+{publicKey}:{privateKey}")` and the clientId ConnectWise refuses calls without. */
export const apiTarget = (connection: SourceConnection, settings: ConnectWiseSettings): E.Either<SourceUnavailable, ApiTarget> => {
  const privateKey = connection.secrets.privateKey;
  if (privateKey === undefined) return E.left(sourceUnavailable('This ConnectWise connection has no private key; give it again'));
  const credentials = Buffer.from(`${settings.companyId}+${settings.publicKey}:${privateKey}`, 'utf8').toString('base64');
  return E.right({
    apiBase: `${connection.baseUrl.replace(/\/+$/, '')}/${settings.codebase}/${CONNECTWISE_API.apiPath}`,
    headers: { authorization: `Basic ${credentials}`, clientid: settings.clientId, accept: 'application/json' },
  });
};

type Query = Readonly<Record<string, string | number | undefined>>;

/** One call to the API: a path under `/{codebase}/apis/3.0`, its query, and a JSON body if any. */
export const apiRequest = (target: ApiTarget, method: HttpRequest['method'], path: string, query: Query = {}, body?: unknown): E.Either<SourceUnavailable, HttpRequest> =>
  E.tryCatch(
    () => {
      const url = new URL(`${target.apiBase}${path}`);
      for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, String(value));
      return {
        method,
        url,
        headers: { ...target.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      };
    },
    () => sourceUnavailable(`The connection's base URL is not a valid URL: ${target.apiBase}`),
  );

export const TICKET_PATHS: Readonly<Record<TicketKind, string>> = { service: '/service/tickets', project: '/project/tickets' };

/** Exactly what to-domain.ts reads: a ticket has a hundred fields, most of them never used here. */
export const TICKET_FIELDS = [
  'id',
  'summary',
  'recordType',
  'board',
  'status',
  'company',
  'owner',
  'priority',
  'resources',
  'requiredDate',
  'closedFlag',
  'closedDate',
  'project',
  'phase',
  'type',
  'subType',
  'severity',
  'impact',
  '_info/lastUpdated',
  '_info/dateEntered',
].join(',');

/** One page of tickets in a stable order: `id` never moves while tickets are edited during the read. */
export const ticketPageRequest = (target: ApiTarget, kind: TicketKind, conditions: string, page: number, pageSize: number = CONNECTWISE_API.pageSize) =>
  apiRequest(target, 'GET', TICKET_PATHS[kind], { conditions, orderBy: 'id asc', fields: TICKET_FIELDS, page, pageSize });

/** Ids only, for walks that must see every ticket cheaply (the reconciliation sweep): always a first page, the conditions saying where it starts. */
export const ticketIdPageRequest = (target: ApiTarget, kind: TicketKind, conditions: string, pageSize: number = CONNECTWISE_API.pageSize) =>
  apiRequest(target, 'GET', TICKET_PATHS[kind], { conditions, orderBy: 'id asc', fields: 'id', page: 1, pageSize });

/** The highest ticket id these conditions select, alone: where a walk's parts are cut. */
export const ticketTopIdRequest = (target: ApiTarget, kind: TicketKind, conditions: string) =>
  apiRequest(target, 'GET', TICKET_PATHS[kind], { conditions, orderBy: 'id desc', fields: 'id', page: 1, pageSize: 1 });

export const systemInfoRequest = (target: ApiTarget) => apiRequest(target, 'GET', '/system/info');

export const boardStatusesRequest = (target: ApiTarget, boardId: number) =>
  apiRequest(target, 'GET', `/service/boards/${boardId}/statuses`, { pageSize: CONNECTWISE_API.pageSize, fields: 'id,name,closedStatus,defaultFlag' });

export const boardsRequest = (target: ApiTarget, names: ReadonlyArray<string>, quote: (v: string) => string) =>
  apiRequest(target, 'GET', '/service/boards', { conditions: `name in (${names.map(quote).join(',')})`, fields: 'id,name', pageSize: CONNECTWISE_API.pageSize });

export const prioritiesRequest = (target: ApiTarget) => apiRequest(target, 'GET', '/service/priorities', { fields: 'id,name,sort', pageSize: CONNECTWISE_API.pageSize });

export const membersRequest = (target: ApiTarget, identifiers: ReadonlyArray<string>, quote: (v: string) => string) =>
  apiRequest(target, 'GET', '/system/members', {
    conditions: `identifier in (${identifiers.map(quote).join(',')})`,
    fields: 'id,identifier,primaryEmail',
    pageSize: CONNECTWISE_API.pageSize,
  });

export const callbacksRequest = (target: ApiTarget, url: string, quote: (v: string) => string) =>
  apiRequest(target, 'GET', '/system/callbacks', { conditions: `url=${quote(url)}`, pageSize: CONNECTWISE_API.pageSize });

/** Every change to every ticket of the company (`owner` level, object 1: all records of the type). */
export const registerCallbackRequest = (target: ApiTarget, url: string) =>
  apiRequest(target, 'POST', '/system/callbacks', undefined, {
    url,
    objectId: 1,
    type: 'ticket',
    level: 'owner',
    description: 'taskport',
    payloadVersion: '3.0.0',
    inactiveFlag: false,
  });

export const deleteCallbackRequest = (target: ApiTarget, id: number) => apiRequest(target, 'DELETE', `/system/callbacks/${id}`);
