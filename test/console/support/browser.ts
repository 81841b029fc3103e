import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.TASKPORT_CHROMIUM ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with nothing that reaches for the network on its own. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestBrowser {
  readonly context: BrowserContext;
  readonly close: () => Promise<void>;
}

/** A browser with a fresh profile of its own, removed when it closes. */
export const launchBrowser = async (viewport = { width: 1280, height: 900 }): Promise<TestBrowser> => {
  const profile = await mkdtemp(path.join(tmpdir(), 'taskport-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
};
