import * as T from 'fp-ts/lib/Task.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Provider, SiteInput } from '../../../core/index.js';
import { checkBaseUrlByRules } from '../shared/base-url.js';
import { describedConnectionCodec } from '../shared/connection-codec.js';
import { SERVICENOW_BASE_URL_RULES, SERVICENOW_DESCRIPTION, SERVICENOW_OAUTH, servicenowDefaultMappings } from './facts.js';
import { checkFilter } from './filter-check.js';
import { checkGroups } from './group-check.js';
import { listCall } from './servicenow-call.js';
import { serviceNowIssueSource, type ServiceNowIssueSourceOptions } from './servicenow-issue-source.js';
import { serviceNowIssueWriter } from './servicenow-issue-writer.js';
import { serviceNowOAuth } from './servicenow-oauth.js';
import { serviceNowWebhooks } from './servicenow-webhooks.js';

export * from './encoded-query.js';
export * from './facts.js';
export * from './id-walk.js';
export * from './responses.js';
export * from './servicenow-call.js';
export * from './servicenow-issue-source.js';
export * from './servicenow-issue-writer.js';
export * from './servicenow-oauth.js';
export * from './servicenow-time.js';
export * from './servicenow-webhook-decoder.js';
export * from './servicenow-webhooks.js';
export * from './settings.js';
export * from './table-schema.js';
export * from './to-domain.js';
export * from './write-facts.js';

export interface ServiceNowProviderOptions extends ServiceNowIssueSourceOptions {
  /** OAuth needs taskport's callback URL, registered in each instance's client; without one, OAuth is not offered. */
  readonly oauth?: { readonly redirectUris: ReadonlyArray<string> };
}

/** The provider, and a way to close its kept-alive sockets. */
export type ServiceNowProvider = Provider & { readonly close: () => void };

/** An instance is its host: a Basic and an OAuth connection to one instance key the same tasks. */
export const resolveServiceNowSite = (input: SiteInput): T.Task<string> =>
  T.of(input.grantDetails?.[SERVICENOW_OAUTH.siteIdField] ?? new URL(input.baseUrl).host.toLowerCase());

/** ServiceNow behind the provider contract: its facts as data, and the code where ServiceNow differs. */
export const servicenowProvider = (options: ServiceNowProviderOptions): ServiceNowProvider => {
  const issues = serviceNowIssueSource(options);
  const call = listCall(issues.http);
  const oauth = options.oauth === undefined || options.oauth.redirectUris.length === 0 ? undefined : serviceNowOAuth({ ...options, redirectUris: options.oauth.redirectUris });
  return {
    description: SERVICENOW_DESCRIPTION,
    connectionCodec: describedConnectionCodec(SERVICENOW_DESCRIPTION),
    checkBaseUrl: checkBaseUrlByRules(SERVICENOW_BASE_URL_RULES),
    resolveSite: resolveServiceNowSite,
    // The filter first: groups are only worth looking up once the settings are readable.
    checkSettings: (connection, scope) => pipe(checkFilter(call)(connection, scope), TE.chainW(() => checkGroups(call)(connection, scope))),
    defaultMappings: servicenowDefaultMappings,
    issues,
    writes: serviceNowIssueWriter(issues.http),
    webhooks: serviceNowWebhooks(),
    ...(oauth === undefined ? {} : { oauth }),
    close: () => {
      issues.close();
      oauth?.close();
    },
  };
};
