import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository root: the nearest folder above this file with a package.json (from apps/api or dist/apps/api). */
export const repositoryRoot = (from: string): string => {
  const parent = path.dirname(from);
  if (existsSync(path.join(from, 'package.json')) || parent === from) return from;
  return repositoryRoot(parent);
};

/** Where `npm run build` puts the web console, and where the API serves it from. */
export const CONSOLE_BUILD_DIR = path.join(repositoryRoot(import.meta.dirname), 'dist', 'console');
