import * as E from 'fp-ts/lib/Either.js';
import type { BaseUrlPolicy } from '../../core/index.js';

/**
 * Accepts any http(s) URL without credentials, normalized to origin plus path without a trailing
 * slash. For tests of core; production uses the network-aware policy of the HTTP adapter.
 */
export const permissiveBaseUrlPolicy = (): BaseUrlPolicy => ({
  check: (raw) => {
    const url = new URL(raw);
    if (url.username !== '' || url.password !== '') return E.left('must not contain credentials');
    if (url.search !== '' || url.hash !== '') return E.left('must not have a query or fragment');
    return E.right(`${url.protocol}//${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, '')}`);
  },
});
