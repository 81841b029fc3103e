import * as t from 'io-ts';
import { httpUrlString, nonEmptyString, uuidString } from './primitives.js';
import { strictObject } from './strict-object.js';

/** The part of the body of "start an OAuth authorization" core reads; the provider's profile reads the rest. */
export const START_OAUTH_COMMON_FIELDS = ['redirectUri'];
export const StartOAuthCommonCodec = strictObject('StartOAuthInput', {}, { redirectUri: httpUrlString });

/**
 * Body of "pick the site of a pending selection": the site's id under the name the provider gives it
 * (`siteIdField`); without `selectionId`, the newest selection offering that site.
 */
export const selectSiteInputCodec = (siteIdField: string) =>
  new t.Type<{ readonly siteId: string; readonly selectionId?: string }, unknown, unknown>(
    'SelectSiteInput',
    (u): u is { siteId: string } => typeof u === 'object' && u !== null && 'siteId' in u,
    (u, c) => {
      const inner = strictObject('SelectSiteInput', { [siteIdField]: nonEmptyString(200) }, { selectionId: uuidString });
      const decoded = inner.validate(u, c);
      if (decoded._tag === 'Left') return decoded;
      const value = decoded.right as Record<string, string | undefined>;
      return t.success({ siteId: value[siteIdField]!, ...(value.selectionId === undefined ? {} : { selectionId: value.selectionId }) });
    },
    (a) => a,
  );

/**
 * The query the provider sends the browser back with: `code` and `state`, or `error` (such as
 * `access_denied`). Not strict: providers add parameters of their own.
 */
export const OAuthCallbackQueryCodec = t.partial(
  { code: nonEmptyString(4096), state: nonEmptyString(512), error: nonEmptyString(200), error_description: t.string },
  'OAuthCallbackQuery',
);
export type OAuthCallbackQuery = t.TypeOf<typeof OAuthCallbackQueryCodec>;
