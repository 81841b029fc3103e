import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as t from 'io-ts';
import {
  dateFromIsoString,
  persistenceFailure,
  toFieldIssues,
  UnifiedPriorityCodec,
  UnifiedStatusCodec,
  type Ciphertext,
  type FieldMappings,
  type PersistenceFailure,
  type StoredCredentials,
} from '../../../core/index.js';

const ApiTokenColumn = t.exact(t.type({ kind: t.literal('api-token'), email: t.string, apiToken: t.string }));
const OAuth2Column = t.exact(
  t.type({
    kind: t.literal('oauth2'),
    cloudId: t.string,
    accessToken: t.string,
    refreshToken: t.string,
    expiresAt: dateFromIsoString,
    scopes: t.array(t.string),
    status: t.keyof({ active: null, reauthorization_required: null }),
  }),
);
const CredentialsColumn = t.union([ApiTokenColumn, OAuth2Column]);

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

export const decodeCredentials = (value: unknown): E.Either<PersistenceFailure, StoredCredentials> =>
  pipe(
    decodeColumn(CredentialsColumn, 'credentials')(value),
    E.map(
      (c): StoredCredentials =>
        c.kind === 'api-token'
          ? { ...c, apiToken: c.apiToken as Ciphertext }
          : { ...c, accessToken: c.accessToken as Ciphertext, refreshToken: c.refreshToken as Ciphertext },
    ),
  );

export const decodeMappings: (value: unknown) => E.Either<PersistenceFailure, FieldMappings> = decodeColumn(MappingsColumn, 'mappings');

export const decodeSourceData: (value: unknown) => E.Either<PersistenceFailure, Readonly<Record<string, unknown>>> = decodeColumn(
  t.UnknownRecord,
  'source data',
);
