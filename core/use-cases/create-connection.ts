import * as E from 'fp-ts/lib/Either.js';
import * as T from 'fp-ts/lib/Task.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { CommonCreateFieldsCodec, type CommonCreateFields } from '../codecs/connection-input.js';
import { isPlainObject } from '../codecs/split-fields.js';
import { DEFAULT_SYNC_INTERVAL_SECONDS, initialSchedule, initialSyncState, noWebhookStats, type Connection } from '../domain/connection.js';
import { DEFAULT_WRITE_CONFLICT_POLICY } from '../domain/write.js';
import { asEntityId, type ConnectionId, type OrganizationId } from '../domain/ids.js';
import type { PublicConnection } from '../domain/public-connection.js';
import type { Requester } from '../domain/requester.js';
import type { DomainError, FieldIssue, InvalidInput } from '../errors.js';
import type { BaseUrlPolicy } from '../ports/base-url-policy.js';
import type { Cipher } from '../ports/cipher.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { ConnectionDraft, Provider, ProviderRegistry } from '../ports/provider.js';
import type { UnitOfWork } from '../ports/unit-of-work.js';
import { audited, auditEntryOf, type RecordingDeps } from './audit/audited.js';
import { createdSummary } from './audit/connection-changes.js';
import { checkProviderBaseUrl } from './check-base-url.js';
import { checkSyncInterval } from './check-sync-interval.js';
import { encryptSecrets, encryptSecret } from './encrypt-secret.js';
import { checkedSettings } from './providers/checked-settings.js';
import { decodeSplitBody } from './providers/decode-with-provider.js';
import { publicConnectionOf, unknownProviderIssue } from './providers/find-provider.js';
import { projectMappingsOf, projectScopeOf } from './providers/project-mappings.js';

export interface CreateConnectionDeps extends RecordingDeps {
  readonly unitOfWork: UnitOfWork;
  readonly cipher: Cipher;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly baseUrlPolicy: BaseUrlPolicy;
  readonly providers: ProviderRegistry;
  /** The shortest `syncIntervalSeconds` accepted (60 s unless the server lowers it for development). */
  readonly minSyncIntervalSeconds: number;
}

const COMMON_FIELDS = CommonCreateFieldsCodec.fieldNames;

interface DecodedCreate {
  readonly provider: Provider;
  readonly common: CommonCreateFields;
  readonly draft: ConnectionDraft;
}

/** `type` picks the provider, whose codec reads every field core does not. */
const decodeCreate = (registry: ProviderRegistry, body: unknown): E.Either<InvalidInput, DecodedCreate> => {
  const type = isPlainObject(body) ? body.type : undefined;
  const provider = typeof type === 'string' ? registry.find(type) : undefined;
  const extra: FieldIssue[] = provider === undefined && type !== undefined ? [unknownProviderIssue(registry, 'type')] : [];
  if (provider !== undefined && !provider.webhooks?.usesSharedSecret && isPlainObject(body) && body.webhookSecret !== undefined) {
    extra.push({ path: 'webhookSecret', message: `is not an allowed field: ${provider.description.displayName} webhooks are not signed with a secret set here` });
  }
  return pipe(
    decodeSplitBody(body, { names: COMMON_FIELDS, codec: CommonCreateFieldsCodec }, provider === undefined ? null : provider.connectionCodec.decodeNew, extra),
    E.map(({ common, provider: draft }) => ({ provider: provider!, common, draft })),
  );
};

const build = (deps: CreateConnectionDeps, organizationId: OrganizationId, id: ConnectionId, decoded: DecodedCreate, baseUrl: string, site: string) => {
  const { provider, common, draft } = decoded;
  const now = deps.clock.now();
  return pipe(
    TE.Do,
    TE.apS('secrets', encryptSecrets(deps.cipher, organizationId, id)(draft.secrets)),
    TE.apS('webhookSecret', common.webhookSecret === undefined ? TE.right(null) : encryptSecret(deps.cipher, organizationId, id)('webhookSecret', common.webhookSecret)),
    TE.map(
      ({ secrets, webhookSecret }): Connection => ({
        id,
        organizationId,
        provider: provider.description.name,
        name: common.name ?? new URL(baseUrl).host,
        baseUrl,
        site,
        settings: draft.settings,
        credentials: { authMode: draft.authMode, secrets, oauth: null },
        webhookSecret,
        previousWebhookSecret: null,
        mappings: { ...provider.defaultMappings(), projects: projectMappingsOf(common.projectMappings ?? []) },
        projectScope: projectScopeOf(common.projectScope ?? []),
        pollingEnabled: common.pollingEnabled ?? false,
        syncIntervalSeconds: common.syncIntervalSeconds ?? DEFAULT_SYNC_INTERVAL_SECONDS,
        writeConflictPolicy: common.writeConflictPolicy ?? DEFAULT_WRITE_CONFLICT_POLICY,
        enabled: common.enabled ?? true,
        syncState: initialSyncState,
        schedule: initialSchedule,
        webhookStats: noWebhookStats,
        createdAt: now,
        updatedAt: now,
      }),
    ),
  );
};

/** Tells the provider about a stored connection, where it wants to know (its hook never fails). */
const announced = (provider: Provider, stored: Connection, secrets: Readonly<Record<string, string>>): T.Task<void> =>
  provider.onConnectionCreated === undefined
    ? T.of(undefined)
    : provider.onConnectionCreated({
        organizationId: stored.organizationId,
        connectionId: stored.id,
        provider: stored.provider,
        site: stored.site,
        baseUrl: stored.baseUrl,
        settings: stored.settings,
        authMode: stored.credentials.authMode,
        secrets,
        oauth: null,
      });

/** Connects an organization to a tracker instance; its secrets are stored only encrypted. Audited as `connection.created`. */
export const createConnection =
  (deps: CreateConnectionDeps) =>
  (requester: Requester, body: unknown): TE.TaskEither<DomainError, PublicConnection> => {
    const { organizationId } = requester;
    const id = asEntityId(deps.ids.next());
    return pipe(
      TE.fromEither(decodeCreate(deps.providers, body)),
      TE.chainFirstEitherKW(({ common }) => checkSyncInterval(deps.minSyncIntervalSeconds)(common.syncIntervalSeconds)),
      TE.bindTo('decoded'),
      TE.bindW('baseUrl', ({ decoded }) => TE.fromEither(checkProviderBaseUrl(decoded.provider, deps.baseUrlPolicy)(decoded.draft.baseUrl))),
      TE.bindW('site', ({ decoded, baseUrl }) =>
        TE.fromTask(decoded.provider.resolveSite({ baseUrl, settings: decoded.draft.settings, grantDetails: null })),
      ),
      TE.chainFirstW(({ decoded, baseUrl, site }) =>
        checkedSettings(
          decoded.provider,
          {
            organizationId,
            connectionId: id,
            provider: decoded.provider.description.name,
            site,
            baseUrl,
            settings: decoded.draft.settings,
            authMode: decoded.draft.authMode,
            secrets: decoded.draft.secrets,
            oauth: null,
          },
          { projectKeys: projectScopeOf(decoded.common.projectScope ?? []) },
        ),
      ),
      TE.chainW(({ decoded, baseUrl, site }) =>
        pipe(
          build(deps, organizationId, id, decoded, baseUrl, site),
          TE.chainW((connection) =>
            audited(deps.unitOfWork, (ports) => ports.connections.insert(connection), (saved) => [auditEntryOf(deps, requester)('connection.created', saved.id, createdSummary(saved))]),
          ),
          TE.chainFirstTaskK((stored) => announced(decoded.provider, stored, decoded.draft.secrets)),
        ),
      ),
      TE.map(publicConnectionOf(deps.providers)),
    );
  };
