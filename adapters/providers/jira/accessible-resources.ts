import * as t from 'io-ts';
import type { AccessibleSite } from '../../../core/index.js';

/** GET /oauth/token/accessible-resources: one entry per site and product; `id` is the cloudId. */
export const AccessibleResourcesCodec = t.array(
  t.type({ id: t.string, name: t.string, url: t.string, scopes: t.array(t.string) }, 'AccessibleResource'),
  'AccessibleResources',
);

export const toAccessibleSites = (resources: t.TypeOf<typeof AccessibleResourcesCodec>): ReadonlyArray<AccessibleSite> =>
  resources.map((r) => ({ id: r.id, name: r.name, url: r.url, scopes: r.scopes }));
