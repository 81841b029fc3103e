import * as t from 'io-ts';
import { httpUrlString, nonEmptyString, uuidString } from './primitives.js';
import { strictObject } from './strict-object.js';

/** Optional body of "start an OAuth authorization". */
export const StartOAuthInputCodec = strictObject('StartOAuthInput', {}, { redirectUri: httpUrlString });

/** Body of "pick the site of a pending selection"; without `selectionId`, the newest one offering `cloudId`. */
export const SelectSiteInputCodec = strictObject('SelectSiteInput', { cloudId: nonEmptyString(200) }, { selectionId: uuidString });

/**
 * The query the provider sends the browser back with: `code` and `state`, or `error` (such as
 * `access_denied`). Not strict: providers add parameters of their own.
 */
export const OAuthCallbackQueryCodec = t.partial(
  { code: nonEmptyString(4096), state: nonEmptyString(512), error: nonEmptyString(200), error_description: t.string },
  'OAuthCallbackQuery',
);
export type OAuthCallbackQuery = t.TypeOf<typeof OAuthCallbackQueryCodec>;
