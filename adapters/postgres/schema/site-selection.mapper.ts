import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as t from 'io-ts';
import {
  asEntityId,
  asOrganizationId,
  persistenceFailure,
  toFieldIssues,
  type Ciphertext,
  type PendingSiteSelection,
  type PersistenceFailure,
  type ProviderName,
} from '../../../core/index.js';
import { decodePendingClient } from './json-columns.js';
import type { SiteSelectionRecord } from './site-selection.schema.js';

const SitesColumn = t.array(t.exact(t.type({ id: t.string, name: t.string, url: t.string, scopes: t.array(t.string) })));
const ScopesColumn = t.array(t.string);

/** A row as `delete ... returning *` answers it: column names, not properties. */
export interface SelectionRow {
  id: string;
  organization_id: string;
  subject: string;
  provider: ProviderName;
  sites: unknown;
  access_token: string;
  refresh_token: string;
  token_expires_at: Date;
  scopes: unknown;
  client: unknown;
  valid_until: Date;
  created_at: Date;
}

export const fromSelectionRow = (row: SelectionRow): SiteSelectionRecord => ({
  id: row.id,
  organizationId: row.organization_id,
  subject: row.subject,
  provider: row.provider,
  sites: row.sites,
  accessToken: row.access_token,
  refreshToken: row.refresh_token,
  tokenExpiresAt: new Date(row.token_expires_at),
  scopes: row.scopes,
  client: row.client,
  validUntil: new Date(row.valid_until),
  createdAt: new Date(row.created_at),
});

export const toSelectionRecord = (s: PendingSiteSelection): SiteSelectionRecord => ({
  id: s.id,
  organizationId: s.organizationId,
  subject: s.subject,
  provider: s.provider,
  sites: s.sites,
  accessToken: s.tokens.accessToken,
  refreshToken: s.tokens.refreshToken,
  tokenExpiresAt: s.tokens.expiresAt,
  scopes: s.tokens.scopes,
  client: s.client,
  validUntil: s.validUntil,
  createdAt: s.createdAt,
});

const unreadable = (errors: t.Errors) =>
  persistenceFailure(`The stored site selection is unreadable at ${toFieldIssues(errors).map((i) => i.path).join(', ')}`);

export const toSiteSelection = (r: SiteSelectionRecord): E.Either<PersistenceFailure, PendingSiteSelection> =>
  pipe(
    E.Do,
    E.apS('sites', SitesColumn.decode(r.sites)),
    E.apS('scopes', ScopesColumn.decode(r.scopes)),
    E.mapLeft(unreadable),
    E.bindW('client', () => decodePendingClient(r.client)),
    E.map(({ sites, scopes, client }) => ({
      id: asEntityId(r.id),
      organizationId: asOrganizationId(r.organizationId),
      subject: r.subject,
      provider: r.provider,
      sites,
      tokens: { accessToken: r.accessToken as Ciphertext, refreshToken: r.refreshToken as Ciphertext, expiresAt: r.tokenExpiresAt, scopes },
      client,
      validUntil: r.validUntil,
      createdAt: r.createdAt,
    })),
  );
