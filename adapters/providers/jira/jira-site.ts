import * as E from 'fp-ts/lib/Either.js';
import type * as T from 'fp-ts/lib/Task.js';
import type { SiteInput } from '../../../core/index.js';
import type { HttpClient } from '../../net/index.js';
import { JIRA_OAUTH } from './facts.js';
import { tenantInfoRequest } from './requests.js';
import { TenantInfoCodec } from './responses.js';

const hostOf = (baseUrl: string): string => new URL(baseUrl).host.toLowerCase();

/**
 * A Jira site is its cloudId where known: it survives a site rename, and an API-token and an OAuth
 * connection to one site name the same tasks. An OAuth grant names it; otherwise the site's public
 * `/_edge/tenant_info` does. When that cannot be read, the normalized host stands in.
 */
export const resolveJiraSite =
  (http: HttpClient) =>
  (input: SiteInput): T.Task<string> =>
  async () => {
    const granted = input.grantDetails?.[JIRA_OAUTH.siteIdField];
    if (granted !== undefined) return granted;
    const request = tenantInfoRequest(input.baseUrl);
    if (E.isLeft(request)) return hostOf(input.baseUrl);
    const answer = await http.send(request.right, { connectionKey: `site:${hostOf(input.baseUrl)}`, idempotent: true, maxAttempts: 1 });
    if (E.isLeft(answer) || answer.right.status !== 200) return hostOf(input.baseUrl);
    const parsed = E.tryCatch(() => JSON.parse(answer.right.body) as unknown, () => null);
    const info = E.isRight(parsed) ? TenantInfoCodec.decode(parsed.right) : E.left(null);
    return E.isRight(info) && info.right.cloudId.trim() !== '' ? info.right.cloudId.trim() : hostOf(input.baseUrl);
  };
