import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(import.meta.dirname, '../../..');
/** Its own folder, so a test run never rebuilds under a running `npm start`. Git-ignored, like all of dist/. */
const TEST_BUILD_DIR = path.join(ROOT, 'dist/console-test');

let building: Promise<string> | undefined;

/**
 * The console built from the current sources, once per test run. The build runs in a child process:
 * inside mocha's process Vite's bundler resolves its own modules differently and fails.
 */
export const builtConsole = (): Promise<string> =>
  (building ??= promisify(execFile)(process.execPath, ['--import', 'tsx', 'apps/cli/build-console.ts', '--out-dir', TEST_BUILD_DIR], { cwd: ROOT }).then(() => TEST_BUILD_DIR));
