import { randomUUID } from 'node:crypto';
import type { Router } from '@koa/router';
import { siteUrl, type SimState } from './http-helpers.js';
import type { SimulatorDeps } from './simulator-deps.js';

/**
 * `GET /_edge/tenant_info`: public and unauthenticated, as on Jira Cloud. It answers the cloudId the
 * simulator was started with; else that of the OAuth site that is this simulator (one listed
 * without a URL, or with this URL), so an API-token and an OAuth connection to it name the same
 * site; else one of its own.
 */
export const addSiteRoutes = (router: Router<SimState>, deps: SimulatorDeps, cloudId: string | undefined): void => {
  const fallback = randomUUID();
  router.get('/_edge/tenant_info', (ctx) => {
    const here = siteUrl(ctx);
    const site = deps.oauth.settings().sites.find((s) => s.url === undefined || s.url.replace(/\/+$/, '') === here);
    ctx.body = { cloudId: cloudId ?? site?.id ?? fallback };
  });
};
