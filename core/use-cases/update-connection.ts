import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeInput } from '../codecs/decode.js';
import { UpdateConnectionInputCodec, type UpdateConnectionInput } from '../codecs/connection-input.js';
import type { Ciphertext, Connection, StoredCredentials } from '../domain/connection.js';
import type { ConnectionId, OrganizationId } from '../domain/ids.js';
import { rotateWebhookSecret } from '../domain/webhook-secret.js';
import { toPublicConnection, type PublicConnection } from '../domain/public-connection.js';
import { invalidInput, type DomainError, type InvalidInput } from '../errors.js';
import type { BaseUrlPolicy } from '../ports/base-url-policy.js';
import type { Cipher } from '../ports/cipher.js';
import type { Clock } from '../ports/clock.js';
import type { ConnectionRepository } from '../ports/connection-repository.js';
import { checkBaseUrl } from './check-base-url.js';
import { encryptSecret } from './encrypt-secret.js';
import { loadConnection } from './load-connection.js';

export interface UpdateConnectionDeps {
  readonly connections: ConnectionRepository;
  readonly cipher: Cipher;
  readonly clock: Clock;
  readonly baseUrlPolicy: BaseUrlPolicy;
  /** How long a replaced webhook secret stays valid (`DEFAULT_WEBHOOK_SECRET_GRACE_MS` by default). */
  readonly webhookSecretGraceMs: number;
}

const OAUTH_FIXED = ['baseUrl', 'email', 'apiToken'] as const;

/** A token must never follow the connection to a new host unless it is given again. */
const checkedBaseUrl = (
  policy: BaseUrlPolicy,
  current: Connection,
  input: UpdateConnectionInput,
): E.Either<InvalidInput, string> => {
  // An OAuth connection's site and tokens come from the authorization alone.
  const fixed = current.credentials.kind === 'oauth2' ? OAUTH_FIXED.filter((field) => input[field] !== undefined) : [];
  if (fixed.length > 0) return E.left(invalidInput(fixed.map((path) => ({ path, message: 'cannot be changed on an OAuth connection; authorize again instead' }))));
  if (input.baseUrl === undefined) return E.right(current.baseUrl);
  return pipe(
    checkBaseUrl(policy)(input.baseUrl),
    E.filterOrElse(
      (url) => url === current.baseUrl || input.apiToken !== undefined,
      () => invalidInput([{ path: 'apiToken', message: 'must be given again when baseUrl changes' }]),
    ),
  );
};

const credentialsAfter = (encrypt: ReturnType<typeof encryptSecret>, current: Connection, input: UpdateConnectionInput): TE.TaskEither<DomainError, StoredCredentials> => {
  const credentials = current.credentials;
  if (credentials.kind === 'oauth2') return TE.right(credentials);
  return pipe(
    input.apiToken === undefined ? TE.right(credentials.apiToken) : encrypt('apiToken', input.apiToken),
    TE.map((apiToken) => ({ ...credentials, email: input.email ?? credentials.email, apiToken })),
  );
};

const apply = (deps: UpdateConnectionDeps, current: Connection, input: UpdateConnectionInput, baseUrl: string) => {
  const encrypt = encryptSecret(deps.cipher, current.organizationId, current.id);
  const keep = <A>(value: A) => TE.right<DomainError, A>(value);
  const now = deps.clock.now();
  return pipe(
    TE.Do,
    TE.apS('credentials', credentialsAfter(encrypt, current, input)),
    TE.apS(
      'webhookSecret',
      input.webhookSecret === undefined || input.webhookSecret === null
        ? keep<Ciphertext | null | undefined>(input.webhookSecret)
        : encrypt('webhookSecret', input.webhookSecret),
    ),
    TE.map(
      ({ credentials, webhookSecret }): Connection => ({
        ...current,
        name: input.name ?? current.name,
        baseUrl,
        credentials,
        ...rotateWebhookSecret(current, webhookSecret, now, deps.webhookSecretGraceMs),
        mappings:
          input.projectMappings === undefined
            ? current.mappings
            : {
                ...current.mappings,
                projects: input.projectMappings.map((p) => ({ projectKey: p.projectKey, internalProjectId: p.internalProjectId ?? null })),
              },
        queryFilter: input.jqlFilter === undefined ? current.queryFilter : input.jqlFilter,
        pollingEnabled: input.pollingEnabled ?? current.pollingEnabled,
        enabled: input.enabled ?? current.enabled,
        updatedAt: now,
      }),
    ),
  );
};

/**
 * Rotates secrets (a replaced webhook secret stays valid for the grace period), changes the filter or
 * project mappings, enables or disables a connection.
 */
export const updateConnection =
  (deps: UpdateConnectionDeps) =>
  (organizationId: OrganizationId, id: ConnectionId, body: unknown): TE.TaskEither<DomainError, PublicConnection> =>
    pipe(
      loadConnection(deps.connections)(organizationId, id),
      TE.bindTo('current'),
      TE.bindW('input', () => TE.fromEither(decodeInput(UpdateConnectionInputCodec)(body))),
      TE.bindW('baseUrl', ({ current, input }) => TE.fromEither(checkedBaseUrl(deps.baseUrlPolicy, current, input))),
      TE.chainW(({ current, input, baseUrl }) => apply(deps, current, input, baseUrl)),
      TE.chainW(deps.connections.update),
      TE.map(toPublicConnection),
    );
