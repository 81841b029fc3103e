#!/usr/bin/env node
// `npx taskport`: the operator CLI. In a checkout (the TypeScript sources and tsx at hand) it runs
// the sources, so it is never stale; in an installed package, the compiled dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const source = fileURLToPath(new URL('../apps/cli/taskport/main.ts', import.meta.url));
const compiled = fileURLToPath(new URL('../dist/apps/cli/taskport/main.js', import.meta.url));

const tsx = existsSync(source) ? await import('tsx/esm/api').catch(() => undefined) : undefined;
if (tsx !== undefined) {
  tsx.register();
  await import(pathToFileURL(source).href);
} else if (existsSync(compiled)) {
  await import(pathToFileURL(compiled).href);
} else {
  process.stderr.write('taskport: the CLI is not built; run npm run build\n');
  process.exit(1);
}
