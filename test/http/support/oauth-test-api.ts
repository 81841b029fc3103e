import { memorySyncQueue } from '../../../adapters/memory/memory-sync-queue.js';
import { memoryWriteQueue } from '../../../adapters/memory/memory-write-queue.js';
import { randomBytes } from 'node:crypto';
import { aesGcmCipher } from '../../../adapters/crypto/aes-gcm-cipher.js';
import { createLogger } from '../../../adapters/logging/pino-logger.js';
import { networkBaseUrlPolicy } from '../../../adapters/net/index.js';
import { jiraProvider } from '../../../adapters/providers/jira/index.js';
import { providerRegistry } from '../../../adapters/providers/shared/registry.js';
import { createOrm, type MikroORM } from '../../../adapters/postgres/index.js';
import { postgresPersistence } from '../../../apps/api/postgres-persistence.js';
import { startApiServer } from '../../../apps/api/server.js';
import { SIMULATOR_OAUTH_CLIENT, startJiraSimulator, type JiraSimulator, type OAuthSettings } from '../../../apps/simulator/jira/index.js';
import { emptyTestDatabase, testDatabase } from '../../support/test-database.js';
import { httpClient, type HttpClient } from './http-client.js';
import { TEST_JWT_SECRET } from './tokens.js';

/** Registered with the (simulated) Atlassian app; the test plays the browser, so nothing listens there. */
export const REDIRECT_URI = 'https://taskport.test/api/integrations/oauth/jira/callback';

/** One API process: its own ORM, adapters, OAuth client and in-process refresh flights. */
export interface ApiProcess {
  readonly url: string;
  readonly http: HttpClient;
  readonly close: () => Promise<void>;
}

export interface OAuthTestApi extends ApiProcess {
  readonly orm: MikroORM;
  readonly simulator: JiraSimulator;
  /** Moves the clock of every API process and of the simulator forward. */
  readonly advanceClock: (ms: number) => void;
  /** Another API process on the same database, simulator and encryption key. */
  readonly startAnotherProcess: () => Promise<ApiProcess>;
}

export interface OAuthTestApiOptions {
  readonly issues?: number;
  readonly frontendUrl?: string;
  readonly oauth?: Partial<OAuthSettings>;
}

/**
 * The real API over real HTTP on an empty PostgreSQL, with Jira OAuth pointed at the simulator:
 * authorize and token endpoints, accessible-resources and the /ex/jira/{cloudId} gateway.
 */
export const startOAuthTestApi = async (options: OAuthTestApiOptions = {}): Promise<OAuthTestApi> => {
  const { orm } = await emptyTestDatabase();
  let clockOffsetMs = 0;
  const now = () => Date.now() + clockOffsetMs;
  const simulator = await startJiraSimulator({ issues: options.issues ?? 12, now, ...(options.oauth === undefined ? {} : { oauth: options.oauth }) });
  const key = randomBytes(32);

  const startProcess = async (processOrm: MikroORM, ownsOrm: boolean): Promise<ApiProcess> => {
    const jira = jiraProvider({
      allowPrivateNetwork: true,
      timeoutMs: 5_000,
      apiGatewayUrl: simulator.url,
      oauth: {
        clientId: SIMULATOR_OAUTH_CLIENT.clientId,
        clientSecret: SIMULATOR_OAUTH_CLIENT.clientSecret,
        redirectUris: [REDIRECT_URI],
        authorizeUrl: `${simulator.url}/authorize`,
        tokenUrl: `${simulator.url}/oauth/token`,
      },
    });
    const persistence = postgresPersistence(processOrm);
    const syncQueue = memorySyncQueue();
    const api = await startApiServer(
      {
        logger: createLogger('silent'),
        persistence,
        syncQueue,
        writeQueue: memoryWriteQueue(),
        cipher: aesGcmCipher({ current: key }),
        providers: providerRegistry([jira]),
        baseUrlPolicy: networkBaseUrlPolicy({ allowPrivateNetwork: true }),
        clock: { now: () => new Date(now()) },
      },
      {
        port: 0,
        host: '127.0.0.1',
        jwt: { kind: 'hs256', secret: TEST_JWT_SECRET },
        ...(options.frontendUrl === undefined ? {} : { oauthFrontendUrls: { jira: options.frontendUrl } }),
      },
    );
    syncQueue.attach(api.useCases.runSyncJob, persistence.syncRuns);
    const close = async () => {
      await api.close();
      jira.close();
      if (ownsOrm) await processOrm.close();
    };
    return { url: api.url, http: httpClient(api.url), close };
  };

  const main = await startProcess(orm, false);
  const others: ApiProcess[] = [];
  return {
    ...main,
    orm,
    simulator,
    advanceClock: (ms) => {
      clockOffsetMs += ms;
    },
    startAnotherProcess: async () => {
      const other = await startProcess(await createOrm((await testDatabase()).url), true);
      others.push(other);
      return other;
    },
    close: async () => {
      await Promise.all([main, ...others].map((p) => p.close()));
      await simulator.close();
    },
  };
};

/**
 * What the person's browser does: start (as the holder of `token`), visit Atlassian's consent page
 * (the simulator consents at once) and come back with the query it was redirected with.
 */
/** The browser's cookies for the API, by the state of the authorization that set them. */
const cookieJar = new Map<string, string>();

/** `name=value` of each Set-Cookie of an answer, as a browser would send them back. */
const cookiesOf = (headers: Headers): string => headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ');

export const authorizeInBrowser = async (api: ApiProcess, token: string, body: unknown = {}): Promise<string> => {
  const started = await api.http.call('POST', '/api/integrations/oauth/jira/start', { token, body });
  if (started.status !== 200) throw new Error(`start answered ${started.status}: ${started.text}`);
  const consent = await fetch(started.json.data.authorizationUrl as string, { redirect: 'manual' });
  const back = new URL(consent.headers.get('location') ?? '');
  if (`${back.origin}${back.pathname}` !== REDIRECT_URI) throw new Error(`consent sent the browser to ${back.href}`);
  cookieJar.set(back.searchParams.get('state') ?? '', cookiesOf(started.headers));
  return back.search;
};

/**
 * The redirect back, arriving at the API's callback from the browser that started the authorization
 * (with the cookie it was given), or from another browser (`fromAnotherBrowser`: no cookie).
 */
export const callback = (api: ApiProcess, search: string, options: { readonly fromAnotherBrowser?: boolean } = {}) =>
  api.http.call('GET', `/api/integrations/oauth/jira/callback${search}`, options.fromAnotherBrowser === true ? {} : { headers: browserCookies(search) });

/** The Cookie header the browser that started the authorization in `search` sends to the callback. */
export const browserCookies = (search: string): Record<string, string> => {
  const cookie = cookieJar.get(new URLSearchParams(search).get('state') ?? '');
  return cookie === undefined || cookie === '' ? {} : { cookie };
};

/** Start, consent and callback in one: the new connection's id. */
export const connectWithOAuth = async (api: ApiProcess, token: string): Promise<string> => {
  const answer = await callback(api, await authorizeInBrowser(api, token));
  if (answer.status !== 201) throw new Error(`callback answered ${answer.status}: ${answer.text}`);
  return answer.json.data.connection.id as string;
};
