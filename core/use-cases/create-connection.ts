import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeInput } from '../codecs/decode.js';
import { CreateConnectionInputCodec, type CreateConnectionInput } from '../codecs/connection-input.js';
import { initialSyncState, noWebhookStats, type Connection } from '../domain/connection.js';
import { defaultFieldMappings } from '../domain/field-mappings.js';
import { asEntityId, type OrganizationId } from '../domain/ids.js';
import { toPublicConnection, type PublicConnection } from '../domain/public-connection.js';
import type { DomainError } from '../errors.js';
import type { BaseUrlPolicy } from '../ports/base-url-policy.js';
import type { Cipher } from '../ports/cipher.js';
import type { Clock } from '../ports/clock.js';
import type { ConnectionRepository } from '../ports/connection-repository.js';
import type { IdGenerator } from '../ports/id-generator.js';
import { checkBaseUrl } from './check-base-url.js';
import { encryptSecret } from './encrypt-secret.js';

export interface CreateConnectionDeps {
  readonly connections: ConnectionRepository;
  readonly cipher: Cipher;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly baseUrlPolicy: BaseUrlPolicy;
}

const build = (
  deps: CreateConnectionDeps,
  organizationId: OrganizationId,
  input: CreateConnectionInput,
  baseUrl: string,
): TE.TaskEither<DomainError, Connection> => {
  const id = asEntityId(deps.ids.next());
  const encrypt = encryptSecret(deps.cipher, organizationId, id);
  const now = deps.clock.now();
  return pipe(
    TE.Do,
    TE.apS('apiToken', encrypt('apiToken', input.apiToken)),
    TE.apS('webhookSecret', input.webhookSecret === undefined ? TE.right(null) : encrypt('webhookSecret', input.webhookSecret)),
    TE.map(({ apiToken, webhookSecret }) => ({
      id,
      organizationId,
      provider: input.type,
      name: input.name ?? new URL(baseUrl).host,
      baseUrl,
      credentials: { kind: 'api-token', email: input.email, apiToken },
      webhookSecret,
      previousWebhookSecret: null,
      mappings: {
        ...defaultFieldMappings(),
        projects: (input.projectMappings ?? []).map((p) => ({ projectKey: p.projectKey, internalProjectId: p.internalProjectId ?? null })),
      },
      queryFilter: input.jqlFilter ?? null,
      pollingEnabled: input.pollingEnabled ?? false,
      enabled: input.enabled ?? true,
      syncState: initialSyncState,
      webhookStats: noWebhookStats,
      createdAt: now,
      updatedAt: now,
    })),
  );
};

/** Connects an organization to a tracker; its secrets are stored only encrypted. */
export const createConnection =
  (deps: CreateConnectionDeps) =>
  (organizationId: OrganizationId, body: unknown): TE.TaskEither<DomainError, PublicConnection> =>
    pipe(
      TE.fromEither(decodeInput(CreateConnectionInputCodec)(body)),
      TE.bindTo('input'),
      TE.bind('baseUrl', ({ input }) => TE.fromEither(checkBaseUrl(deps.baseUrlPolicy)(input.baseUrl))),
      TE.chainW(({ input, baseUrl }) => build(deps, organizationId, input, baseUrl)),
      TE.chainW(deps.connections.insert),
      TE.map(toPublicConnection),
    );
