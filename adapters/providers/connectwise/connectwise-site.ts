import * as T from 'fp-ts/lib/Task.js';
import type { SiteInput } from '../../../core/index.js';

const hostOf = (baseUrl: string): string => new URL(baseUrl).host.toLowerCase();

/**
 * A ConnectWise site is a company on a host: two companies on one cloud host are two sites, and
 * both spellings of a company ID name the same one. Nothing is asked of the tracker.
 */
export const resolveConnectWiseSite = (input: SiteInput): T.Task<string> => {
  const companyId = typeof input.settings.companyId === 'string' ? input.settings.companyId.trim().toLowerCase() : '';
  return T.of(`${hostOf(input.baseUrl)}/${companyId}`);
};

/**
 * The web address of a ticket: cloud API hosts (`api-na.`) serve the application without the
 * `api-` prefix. The link form is the one ConnectWise's own e-mails use (unconfirmed in its docs).
 */
export const ticketUrlOf =
  (baseUrl: string, codebase: string, companyId: string) =>
  (id: number): string => {
    const url = new URL(baseUrl);
    const host = url.hostname.toLowerCase().endsWith('.myconnectwise.net') ? url.host.replace(/^api-/i, '') : url.host;
    return `${url.protocol}//${host}/${codebase}/services/system_io/Service/fv_sr100_request.rails?service_recid=${id}&companyName=${encodeURIComponent(companyId)}`;
  };
