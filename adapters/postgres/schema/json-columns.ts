import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as t from 'io-ts';
import {
  asEntityId,
  dateFromIsoString,
  persistenceFailure,
  toFieldIssues,
  UnifiedPriorityCodec,
  UnifiedStatusCodec,
  type Ciphertext,
  type DataNote,
  type FieldMappings,
  type OAuthGrant,
  type PendingOAuthClient,
  type PersistenceFailure,
  type ProviderSettings,
  type QuarantinedItem,
} from '../../../core/index.js';

/** Field name to ciphertext: what a connection's `secrets` column holds. */
const SecretsColumn = t.record(t.string, t.string);

const OAuthGrantColumn = t.exact(
  t.type({
    accessToken: t.string,
    refreshToken: t.string,
    expiresAt: dateFromIsoString,
    scopes: t.array(t.string),
    status: t.keyof({ active: null, reauthorization_required: null }),
    details: t.record(t.string, t.string),
  }),
);

const PendingClientColumn = t.exact(
  t.type({ id: t.string, baseUrl: t.union([t.string, t.null]), settings: t.UnknownRecord, secrets: t.record(t.string, t.string) }),
);

/** The OAuth client of a pending authorization: its secrets encrypted for that authorization alone. */
export const decodePendingClient = (value: unknown): E.Either<PersistenceFailure, PendingOAuthClient> =>
  pipe(
    decodeColumn(PendingClientColumn, 'OAuth client')(value),
    E.map((c) => ({ ...c, id: asEntityId(c.id), secrets: c.secrets as Readonly<Record<string, Ciphertext>> })),
  );

const MappingsColumn = t.exact(
  t.type({
    status: t.record(t.string, UnifiedStatusCodec),
    priority: t.record(t.string, UnifiedPriorityCodec),
    projects: t.array(t.exact(t.type({ projectKey: t.string, internalProjectId: t.union([t.string, t.null]) }))),
  }),
);

const decodeColumn =
  <A>(codec: t.Decoder<unknown, A>, column: string) =>
  (value: unknown): E.Either<PersistenceFailure, A> =>
    pipe(
      codec.decode(value),
      // Paths only: the values may be secrets.
      E.mapLeft((errors) => persistenceFailure(`The stored ${column} is unreadable at ${toFieldIssues(errors).map((i) => i.path).join(', ')}`)),
    );

export const decodeSecrets = (value: unknown): E.Either<PersistenceFailure, Readonly<Record<string, Ciphertext>>> =>
  decodeColumn(SecretsColumn, 'secrets')(value) as E.Either<PersistenceFailure, Readonly<Record<string, Ciphertext>>>;

export const decodeOAuthGrant = (value: unknown): E.Either<PersistenceFailure, OAuthGrant | null> =>
  value === null || value === undefined
    ? E.right(null)
    : pipe(
        decodeColumn(OAuthGrantColumn, 'OAuth grant')(value),
        E.map((g): OAuthGrant => ({ ...g, accessToken: g.accessToken as Ciphertext, refreshToken: g.refreshToken as Ciphertext })),
      );

/** The provider's settings are its own to decode; here they only have to be a JSON object. */
export const decodeSettings: (value: unknown) => E.Either<PersistenceFailure, ProviderSettings> = decodeColumn(t.UnknownRecord, 'settings');

export const decodeMappings: (value: unknown) => E.Either<PersistenceFailure, FieldMappings> = decodeColumn(MappingsColumn, 'mappings');

/** The keys of the projects a connection is limited to. */
export const decodeProjectScope: (value: unknown) => E.Either<PersistenceFailure, ReadonlyArray<string>> = decodeColumn(t.array(t.string), 'project scope');

export const decodeSourceData: (value: unknown) => E.Either<PersistenceFailure, Readonly<Record<string, unknown>>> = decodeColumn(
  t.UnknownRecord,
  'source data',
);

const DataNotesColumn = t.array(t.type({ field: t.string, note: t.string, value: t.union([t.string, t.null]) }));

/** A task's data notes; rows written before the column existed hold its default, an empty list. */
export const decodeDataNotes: (value: unknown) => E.Either<PersistenceFailure, ReadonlyArray<DataNote>> = decodeColumn(DataNotesColumn, 'data notes');

const QuarantineColumn = t.array(t.type({ externalId: t.string, key: t.string, version: t.string, reason: t.string }));

/** A run's quarantined items; none when the column is empty (or unreadable: it is a report, not state). */
export const quarantineOf = (value: unknown): ReadonlyArray<QuarantinedItem> => {
  const decoded = QuarantineColumn.decode(value);
  return E.isRight(decoded) ? decoded.right.map(({ externalId, key, version, reason }) => ({ externalId, key, version, reason })) : [];
};

const FailureDetailsColumn = t.type({
  retryAfterMs: t.union([t.number, t.null]),
  details: t.array(t.type({ path: t.string, message: t.string })),
});

/** A run's failure details; a row that holds none (or one this version cannot read) gives none. */
export const failureDetailsOf = (value: unknown): { readonly retryAfterMs?: number | null; readonly details?: ReadonlyArray<{ path: string; message: string }> } => {
  const decoded = FailureDetailsColumn.decode(value);
  return E.isRight(decoded) ? decoded.right : {};
};
