import { existsSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { CONSOLE_BUILD_DIR } from '../api/console-directory.js';

const CONSOLE_SOURCES = path.resolve(import.meta.dirname, '../console');

/**
 * Builds the console (apps/console) into static files. The configuration lives here rather than in a
 * vite.config.ts so that nothing of the Node side is type-checked with the browser's settings.
 */
export const buildConsole = async (outDir: string = CONSOLE_BUILD_DIR): Promise<string> => {
  await build({
    configFile: false,
    root: CONSOLE_SOURCES,
    base: '/console/',
    logLevel: 'warn',
    // JSX is Preact's: no React, no plugin.
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      // The strict Content-Security-Policy refuses inline code: everything is a file of its own.
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
    },
  });
  return outDir;
};

/** Whether a build is there to serve. */
export const consoleIsBuilt = (outDir: string = CONSOLE_BUILD_DIR): boolean => existsSync(path.join(outDir, 'index.html'));

/** Builds the console only when no build is there (`npm start`, `npm run demo`). */
export const ensureConsoleBuilt = async (outDir: string = CONSOLE_BUILD_DIR): Promise<'built' | 'present'> => {
  if (consoleIsBuilt(outDir)) return 'present';
  await buildConsole(outDir);
  return 'built';
};
