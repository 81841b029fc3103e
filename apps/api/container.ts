import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Container } from 'inversify';
import type { Logger } from 'pino';
import {
  bindUseCases,
  DEFAULT_WEBHOOK_SECRET_GRACE_MS,
  workspaceModuleCatalog,
  type BaseUrlPolicy,
  type Cipher,
  type Clock,
  type IssueSourceRegistry,
  type WebhookStatsRecorder,
  type WebhookSupportRegistry,
} from '../../core/index.js';
import { hmacSha256WebhookVerifier } from '../../adapters/crypto/hmac-sha256-webhook-verifier.js';
import { jiraWebhookDecoder } from '../../adapters/jira/jira-webhook-decoder.js';
import { loggingDomainEvents } from '../../adapters/events/logging-domain-events.js';
import { API_PROVIDER_NAMES } from './provider-names.js';
import { SERVICE, type CoreDependencies, type OAuthConfiguration, type Persistence } from './service-ids.js';

export interface Infrastructure {
  readonly logger: Logger;
  readonly persistence: Persistence;
  readonly cipher: Cipher;
  readonly sources: IssueSourceRegistry;
  readonly baseUrlPolicy: BaseUrlPolicy;
  /** Counts webhook deliveries per connection (the server batches them, see `batchedWebhookStats`). */
  readonly webhookStats: WebhookStatsRecorder;
  /** How long a replaced webhook secret stays valid; 24 h by default. */
  readonly webhookSecretGraceMs?: number;
  /** The system clock unless a test needs another. */
  readonly clock?: Clock;
  /** OAuth (3LO) connections; without it, the OAuth routes answer `integration/oauth-not-configured`. */
  readonly oauth?: OAuthConfiguration;
}

const noOAuth: OAuthConfiguration = { providers: () => undefined, settings: { redirectUris: [] } };

const jiraWebhooks = { verifier: hmacSha256WebhookVerifier(), decoder: jiraWebhookDecoder() };
const webhookSupport: WebhookSupportRegistry = (provider) => (provider === 'jira' ? jiraWebhooks : undefined);


/** The only place where adapters are bound to core's ports. */
export const buildContainer = (infra: Infrastructure): Container => {
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(SERVICE.Logger).toConstantValue(infra.logger);
  container.bind(SERVICE.Persistence).toConstantValue(infra.persistence);
  container.bind(SERVICE.Cipher).toConstantValue(infra.cipher);
  container.bind(SERVICE.Sources).toConstantValue(infra.sources);
  container.bind(SERVICE.BaseUrlPolicy).toConstantValue(infra.baseUrlPolicy);
  container.bind(SERVICE.Clock).toConstantValue(infra.clock ?? { now: () => new Date() });
  container.bind(SERVICE.Webhooks).toConstantValue(webhookSupport);
  container.bind(SERVICE.WebhookStats).toConstantValue(infra.webhookStats);
  container.bind(SERVICE.OAuth).toConstantValue(infra.oauth ?? noOAuth);
  container.bind(SERVICE.Ids).toConstantValue({ next: () => randomUUID() });
  container.bind(SERVICE.DomainEvents).toResolvedValue((logger: Logger) => loggingDomainEvents(logger), [SERVICE.Logger]);
  container
    .bind(SERVICE.CoreDependencies)
    .toResolvedValue(
      (persistence, cipher, clock, ids, sources, baseUrlPolicy, domainEvents, webhooks, webhookStats, oauth): CoreDependencies => ({
        ...persistence,
        cipher,
        clock,
        ids,
        sources,
        baseUrlPolicy,
        domainEvents,
        webhooks,
        webhookStats,
        webhookSecretGraceMs: infra.webhookSecretGraceMs ?? DEFAULT_WEBHOOK_SECRET_GRACE_MS,
        oauthProviders: oauth.providers,
        oauthSettings: oauth.settings,
        moduleCatalog: workspaceModuleCatalog(API_PROVIDER_NAMES),
      }),
      [
        SERVICE.Persistence,
        SERVICE.Cipher,
        SERVICE.Clock,
        SERVICE.Ids,
        SERVICE.Sources,
        SERVICE.BaseUrlPolicy,
        SERVICE.DomainEvents,
        SERVICE.Webhooks,
        SERVICE.WebhookStats,
        SERVICE.OAuth,
      ],
    );
  container.bind(SERVICE.UseCases).toResolvedValue(bindUseCases, [SERVICE.CoreDependencies]);
  return container;
};
