/**
 * `npm run build:console`: builds the web console into dist/console (or `--out-dir`). With
 * `--if-missing` it keeps a build that is already there (what `npm start` does before serving it).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildConsole, ensureConsoleBuilt } from './console-build.js';

const { values: flags } = parseArgs({ options: { 'if-missing': { type: 'boolean', default: false }, 'out-dir': { type: 'string' } } });

const main = async () => {
  const outDir = flags['out-dir'] === undefined ? undefined : path.resolve(flags['out-dir']);
  if (flags['if-missing']) {
    const outcome = await ensureConsoleBuilt(outDir);
    if (outcome === 'built') console.log('Built the web console into dist/console');
    return;
  }
  console.log(`Built the web console into ${await buildConsole(outDir)}`);
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
