import * as t from 'io-ts';

export const AuthorizationStartCodec = t.type({ authorizationUrl: t.string });

export const SiteSelectionCodec = t.type({
  selectionId: t.string,
  sites: t.array(t.type({ cloudId: t.string, name: t.string, url: t.string })),
  validUntil: t.string,
});
export type SiteSelection = t.TypeOf<typeof SiteSelectionCodec>;
