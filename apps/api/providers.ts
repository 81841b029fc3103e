import type { Logger } from 'pino';
import type { ProviderRegistry } from '../../core/index.js';
import type { ExchangeObserver, RequestBudget } from '../../adapters/net/index.js';
import { connectWiseProvider } from '../../adapters/providers/connectwise/index.js';
import { jiraProvider } from '../../adapters/providers/jira/index.js';
import { servicenowProvider } from '../../adapters/providers/servicenow/index.js';
import { providerRegistry } from '../../adapters/providers/shared/registry.js';
import type { Env } from './config.js';

export interface ConfiguredProviders {
  readonly registry: ProviderRegistry;
  /** Closes the providers' kept-alive sockets. */
  readonly close: () => void;
}

/**
 * Every tracker this server speaks to, configured from the environment: adding a provider is one
 * folder under adapters/providers and one line here. `budget` is the request budget shared by every
 * process (PostgreSQL's); without it each process keeps its own. `observeRequests` measures each
 * provider's requests (the metrics).
 */
export const configuredProviders = (
  config: Env,
  logger: Logger,
  shared: { readonly budget?: RequestBudget; readonly observeRequests?: (provider: string) => ExchangeObserver } = {},
): ConfiguredProviders => {
  // The budget shared by every process on the database: a 429 one worker sees pauses that site for all.
  const common = { allowPrivateNetwork: config.TASKPORT_ALLOW_PRIVATE_NETWORK, logger, ...(shared.budget === undefined ? {} : { budget: shared.budget }) };
  const network = (provider: string) => ({ ...common, ...(shared.observeRequests === undefined ? {} : { onExchange: shared.observeRequests(provider) }) });
  const jira = jiraProvider({
    ...network('jira'),
    apiGatewayUrl: config.JIRA_API_GATEWAY_URL,
    ...(config.JIRA_CLIENT_ID === undefined || config.JIRA_CLIENT_SECRET === undefined
      ? {}
      : {
          oauth: {
            clientId: config.JIRA_CLIENT_ID,
            clientSecret: config.JIRA_CLIENT_SECRET,
            redirectUris: config.JIRA_OAUTH_REDIRECT_URIS,
            authorizeUrl: config.JIRA_OAUTH_AUTHORIZE_URL,
            tokenUrl: config.JIRA_OAUTH_TOKEN_URL,
          },
        }),
  });
  const servicenow = servicenowProvider({ ...network('servicenow'), oauth: { redirectUris: servicenowRedirectUris(config) } });
  const connectwise = connectWiseProvider({ ...network('connectwise'), allowedHosts: config.TASKPORT_CONNECTWISE_ALLOWED_HOSTS, ...(config.TASKPORT_PUBLIC_URL === undefined ? {} : { publicUrl: config.TASKPORT_PUBLIC_URL }) });
  const all = [jira, servicenow, connectwise];
  return { registry: providerRegistry(all), close: () => all.forEach((provider) => provider.close()) };
};

/** ServiceNow's callback, registered in each customer's instance: configured, or this API's public URL plus the path. */
export const servicenowRedirectUris = (config: Env): ReadonlyArray<string> =>
  config.SERVICENOW_OAUTH_REDIRECT_URIS.length > 0
    ? config.SERVICENOW_OAUTH_REDIRECT_URIS
    : config.TASKPORT_PUBLIC_URL === undefined
      ? []
      : [`${config.TASKPORT_PUBLIC_URL.replace(/\/+$/, '')}/api/integrations/oauth/servicenow/callback`];

/** Where each provider's OAuth callback sends the browser, when configured. */
export const oauthFrontendUrls = (config: Env): Readonly<Record<string, string>> => ({
  ...(config.JIRA_OAUTH_FRONTEND_URL === undefined ? {} : { jira: config.JIRA_OAUTH_FRONTEND_URL }),
  ...(config.SERVICENOW_OAUTH_FRONTEND_URL === undefined ? {} : { servicenow: config.SERVICENOW_OAUTH_FRONTEND_URL }),
});
