import * as t from 'io-ts';

export const AuthorizationStartCodec = t.type({ authorizationUrl: t.string });

/** A site names itself under the provider's `siteIdField`, beside its name and URL. */
const SiteCodec = t.intersection([t.type({ name: t.string, url: t.string }), t.UnknownRecord]);
export type Site = t.TypeOf<typeof SiteCodec>;

export const SiteSelectionCodec = t.type({ selectionId: t.string, sites: t.array(SiteCodec), validUntil: t.string });
export type SiteSelection = t.TypeOf<typeof SiteSelectionCodec>;

/** The id of a site under the provider's field name; empty when the answer lacks it. */
export const siteId = (site: Site, siteIdField: string): string => {
  const id = site[siteIdField];
  return typeof id === 'string' ? id : '';
};
