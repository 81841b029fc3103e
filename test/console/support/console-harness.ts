import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_ORGANIZATION_ID, developmentToken } from '../../../apps/api/dev-token.js';
import type { SimulatedSite } from '../../../apps/simulator/jira/index.js';
import { startTestApi, type TestApi, type TestApiOptions } from '../../http/support/test-api.js';
import { TEST_JWT_SECRET } from '../../http/support/tokens.js';
import { builtConsole } from './console-build.js';
import { launchBrowser, type TestBrowser } from './browser.js';

/** A loopback port free right now, for a server whose own URL must be known before it starts. */
const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

export interface ConsoleHarnessOptions extends Omit<TestApiOptions, 'console' | 'oauth'> {
  /** Jira OAuth through the simulator, reaching these sites (the simulator's one site by default). */
  readonly oauth?: { readonly sites?: ReadonlyArray<SimulatedSite> };
  /** Development sign-in on (the default) or off, as in production. */
  readonly devSignIn?: boolean;
  readonly viewport?: { readonly width: number; readonly height: number };
}

export interface ConsoleHarness {
  readonly api: TestApi;
  readonly browser: TestBrowser;
  /** The bearer token the console's development sign-in hands out (the demo organization). */
  readonly token: string;
  readonly consoleUrl: string;
  /** Creates a Jira connection to the simulator through the API, as an earlier visit would have. */
  readonly createJiraConnection: (body?: Record<string, unknown>) => Promise<{ id: string; name: string }>;
  /** Deletes every connection of the demo organization (one simulated site takes one connection). */
  readonly deleteConnections: () => Promise<void>;
  readonly close: () => Promise<void>;
}

/** The real API (PostgreSQL, Jira simulator) serving the built console, and a browser to drive it. */
export const startConsoleHarness = async (options: ConsoleHarnessOptions = {}): Promise<ConsoleHarness> => {
  const staticDir = await builtConsole();
  const token = developmentToken(TEST_JWT_SECRET);
  const { oauth, ...rest } = options;
  // The OAuth callback and the console's return page are registered by URL, so the port is chosen first.
  const port = oauth === undefined ? 0 : await freePort();
  const api = await startTestApi({
    ...rest,
    port,
    ...(oauth === undefined
      ? {}
      : {
          oauth: {
            redirectUri: `http://127.0.0.1:${port}/api/integrations/oauth/jira/callback`,
            frontendUrl: `http://127.0.0.1:${port}/console/oauth/return`,
            ...(oauth.sites === undefined ? {} : { sites: oauth.sites }),
          },
        }),
    console: {
      staticDir,
      ...(options.devSignIn === false ? {} : { developmentToken: () => ({ token, organizationId: DEMO_ORGANIZATION_ID }) }),
    },
  });
  const browser = await launchBrowser(options.viewport);
  const createJiraConnection = async (body: Record<string, unknown> = {}) => {
    const response = await api.http.call('POST', '/api/integrations', {
      token,
      body: { type: 'jira', name: 'Simulated Jira', baseUrl: api.jira.baseUrl, email: api.jira.email, apiToken: api.jira.apiToken, ...body },
    });
    if (response.status !== 201) throw new Error(`creating the connection answered ${response.status}: ${response.text}`);
    return response.json.data as { id: string; name: string };
  };
  const deleteConnections = async () => {
    const listed = await api.http.call('GET', '/api/integrations', { token });
    for (const connection of listed.json.data as Array<{ id: string }>) await api.http.call('DELETE', `/api/integrations/${connection.id}`, { token });
  };
  return {
    api,
    browser,
    token,
    deleteConnections,
    consoleUrl: `${api.url}/console`,
    createJiraConnection,
    close: async () => {
      await browser.close();
      await api.close();
    },
  };
};

export interface PageWatch {
  /** Every response body the page received, once all have been read. */
  readonly bodies: () => Promise<ReadonlyArray<string>>;
  /** Failed responses, console errors and uncaught exceptions, Content-Security-Policy violations among them. */
  readonly problems: ReadonlyArray<string>;
}

/** Records what a page receives and what goes wrong in it. */
export const watchPage = (page: Page): PageWatch => {
  const reads: Array<Promise<string>> = [];
  const problems: string[] = [];
  page.on('response', (response) => {
    reads.push(response.text().catch(() => ''));
    if (response.status() >= 400) problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return { bodies: () => Promise.all(reads), problems };
};

/** Signs in with the development button and waits for the connections page. */
export const signIn = async (page: Page, consoleUrl: string): Promise<void> => {
  await page.goto(`${consoleUrl}/`);
  await page.getByRole('button', { name: 'Sign in to the demo organization' }).click();
  await page.getByRole('heading', { level: 1, name: 'Connections' }).waitFor();
};

const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../../', process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/console' : 'dist/console-screenshots');

/**
 * A screenshot of the page as it is. Written to a git-ignored folder on every run (so the path is
 * exercised), and to docs/console/ for the documentation with `npm run screenshots`.
 */
export const screenshot = async (page: Page, name: string): Promise<void> => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: false });
};
