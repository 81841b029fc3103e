import type { Provider } from '../../../core/index.js';
import { createHttpClient, type HttpClientOptions } from '../../net/index.js';
import { checkBaseUrlByRules } from '../shared/base-url.js';
import { describedConnectionCodec } from '../shared/connection-codec.js';
import { atlassianOAuth, type AtlassianOAuthOptions } from './atlassian-oauth.js';
import { followsSiteRename, JIRA_BASE_URL_RULES, JIRA_DESCRIPTION, jiraDefaultMappings } from './facts.js';
import { jiraIssueSource, type JiraIssueSourceOptions } from './jira-issue-source.js';
import { jiraIssueWriter } from './jira-issue-writer.js';
import { resolveJiraSite } from './jira-site.js';
import { jiraWebhooks } from './jira-webhooks.js';

export * from './adf-to-text.js';
export * from './wiki-to-text.js';
export * from './atlassian-oauth.js';
export * from './facts.js';
export * from './jira-issue-source.js';
export * from './jira-issue-writer.js';
export * from './jira-refusals.js';
export * from './jira-time.js';
export * from './jira-webhook-decoder.js';
export * from './jira-webhooks.js';
export * from './requests.js';
export * from './responses.js';
export * from './to-domain.js';

export interface JiraProviderOptions extends JiraIssueSourceOptions {
  /** The Atlassian OAuth 2.0 (3LO) app; without it, OAuth connections cannot be made or refreshed. */
  readonly oauth?: Omit<AtlassianOAuthOptions, keyof HttpClientOptions>;
}

export type JiraProvider = Provider & { readonly close: () => void };

/** Jira Cloud behind the provider contract: its facts as data, and the code where Jira differs. */
export const jiraProvider = (options: JiraProviderOptions): JiraProvider => {
  const issues = jiraIssueSource(options);
  const writes = jiraIssueWriter(options);
  const siteHttp = createHttpClient({ followRedirect: followsSiteRename, ...options, timeoutMs: Math.min(options.timeoutMs ?? 5_000, 5_000) });
  const oauth = options.oauth === undefined ? undefined : atlassianOAuth({ ...options, ...options.oauth, apiGatewayUrl: options.apiGatewayUrl ?? options.oauth.apiGatewayUrl });
  return {
    description: JIRA_DESCRIPTION,
    connectionCodec: describedConnectionCodec(JIRA_DESCRIPTION),
    checkBaseUrl: checkBaseUrlByRules(JIRA_BASE_URL_RULES),
    resolveSite: resolveJiraSite(siteHttp),
    defaultMappings: jiraDefaultMappings,
    checkSettings: issues.checkSettings,
    issues,
    writes,
    webhooks: jiraWebhooks(),
    ...(oauth === undefined ? {} : { oauth }),
    close: () => {
      issues.close();
      writes.close();
      siteHttp.close();
      oauth?.close();
    },
  };
};
