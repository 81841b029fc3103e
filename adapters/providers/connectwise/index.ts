import type { Provider } from '../../../core/index.js';
import { createHttpClient, type HttpClientOptions } from '../../net/index.js';
import { describedConnectionCodec } from '../shared/connection-codec.js';
import { checkConnectWiseBaseUrl } from './base-url.js';
import { callbackRegistration } from './callbacks.js';
import { checkConnectWiseSettings } from './check-settings.js';
import { connectWiseCall } from './connectwise-call.js';
import { connectWiseIssueSource, type ConnectWiseIssueSourceOptions } from './connectwise-issue-source.js';
import { connectWiseIssueWriter } from './connectwise-issue-writer.js';
import { resolveConnectWiseSite } from './connectwise-site.js';
import { connectWiseWebhooks } from './connectwise-webhooks.js';
import { CONNECTWISE_DESCRIPTION, connectWiseDefaultMappings } from './facts.js';
import { checkConnectWiseSettings as checkSettingFormats } from './settings.js';

export * from './base-url.js';
export * from './callback-decoder.js';
export * from './callbacks.js';
export * from './conditions.js';
export * from './connectwise-call.js';
export * from './connectwise-issue-source.js';
export * from './connectwise-issue-writer.js';
export * from './connectwise-site.js';
export * from './connectwise-webhooks.js';
export * from './facts.js';
export * from './requests.js';
export * from './responses.js';
export * from './settings.js';
export * from './signing-keys.js';
export * from './to-domain.js';

export interface ConnectWiseProviderOptions extends ConnectWiseIssueSourceOptions {
  /** TASKPORT_CONNECTWISE_ALLOWED_HOSTS: on-premise hosts besides ConnectWise's cloud. */
  readonly allowedHosts?: ReadonlyArray<string>;
  /** TASKPORT_PUBLIC_URL: where ConnectWise reaches this API, for `registerCallbacks` (a function when known only once listening). */
  readonly publicUrl?: string | (() => string | undefined);
}

export type ConnectWiseProvider = Provider & { readonly close: () => void };

/** ConnectWise PSA behind the provider contract: its facts as data, and the code where it differs. */
export const connectWiseProvider = (options: ConnectWiseProviderOptions): ConnectWiseProvider => {
  const issues = connectWiseIssueSource(options);
  const http = createHttpClient({ ...options, timeoutMs: Math.min(options.timeoutMs ?? 10_000, 10_000) } satisfies HttpClientOptions);
  const call = connectWiseCall(http);
  const callbacks = callbackRegistration(call, { publicUrl: options.publicUrl, ...(options.logger === undefined ? {} : { logger: options.logger }) });
  return {
    description: CONNECTWISE_DESCRIPTION,
    connectionCodec: describedConnectionCodec(CONNECTWISE_DESCRIPTION, checkSettingFormats),
    checkBaseUrl: checkConnectWiseBaseUrl({ allowPrivateNetwork: options.allowPrivateNetwork, ...(options.allowedHosts === undefined ? {} : { allowedHosts: options.allowedHosts }) }),
    resolveSite: resolveConnectWiseSite,
    checkSettings: checkConnectWiseSettings(http),
    defaultMappings: connectWiseDefaultMappings,
    issues,
    // Answers are read back through the source, so they are exactly what a callback's read will map.
    writes: connectWiseIssueWriter({ http, readBack: issues.lookUpIssues }),
    webhooks: connectWiseWebhooks({ http, allowPrivateNetwork: options.allowPrivateNetwork, ...(options.now === undefined ? {} : { now: options.now }) }),
    onConnectionCreated: callbacks.onConnectionCreated,
    onConnectionDeleted: callbacks.onConnectionDeleted,
    close: () => {
      issues.close();
      http.close();
    },
  };
};
