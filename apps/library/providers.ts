import type { Logger } from 'pino';
import type { Provider } from '../../core/index.js';
import type { RequestBudget } from '../../adapters/net/index.js';
import { connectWiseProvider, type ConnectWiseProviderOptions } from '../../adapters/providers/connectwise/index.js';
import { jiraProvider, type JiraProviderOptions } from '../../adapters/providers/jira/index.js';
import { servicenowProvider, type ServiceNowProviderOptions } from '../../adapters/providers/servicenow/index.js';

/** What every provider of an embedded taskport shares: its logger, the network rule and the request budgets of every process. */
export interface ProviderNetwork {
  readonly logger: Logger;
  /** http and loopback or private tracker addresses allowed (local development only). */
  readonly allowPrivateNetwork: boolean;
  /** PostgreSQL's request budgets: a 429 one process sees pauses that site for every process. */
  readonly budget: RequestBudget;
}

/** A provider made once taskport knows its network; `close` (when given) ends its kept-alive sockets. */
export type ProviderFactory = (network: ProviderNetwork) => Provider & { readonly close?: () => void };

type Own<O> = Omit<O, keyof ProviderNetwork>;

/** Jira Cloud (API token or, with `oauth`, Atlassian OAuth 2.0 3LO). */
export const jira =
  (options: Own<JiraProviderOptions> = {}): ProviderFactory =>
  (network) =>
    jiraProvider({ ...options, ...network });

/** ServiceNow (user and password, or each instance's OAuth client when `oauth.redirectUris` names taskport's callback). */
export const servicenow =
  (options: Own<ServiceNowProviderOptions> = {}): ProviderFactory =>
  (network) =>
    servicenowProvider({ ...options, ...network });

/** ConnectWise PSA (API member key pairs; `allowedHosts` for on-premise sites). */
export const connectwise =
  (options: Own<ConnectWiseProviderOptions> = {}): ProviderFactory =>
  (network) =>
    connectWiseProvider({ ...options, ...network });

/** Every tracker taskport speaks to, without OAuth apps: what `createTaskport` uses when given no `providers`. */
export const defaultProviders = (): ReadonlyArray<ProviderFactory> => [jira(), servicenow(), connectwise()];
