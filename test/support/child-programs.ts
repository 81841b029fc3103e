import { execFile, spawn, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Runs a TypeScript program of the repository the way `npm run` does (through tsx). */
export const runProgram = (file: string, env: Record<string, string>) =>
  new Promise<{ code: number; output: string }>((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, env: { ...process.env, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : Number(error.code ?? 1), output: `${stdout}${stderr}` }),
    );
  });

/** Starts a program and resolves once it prints `ready`; the caller ends it by the pid it gets. */
export const startProgram = (file: string, args: ReadonlyArray<string>, env: Record<string, string> = {}) =>
  new Promise<{ pid: number; exited: Promise<void> }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.stdout.on('data', (chunk: Buffer) => (chunk.toString().startsWith('ready') ? resolve({ pid: child.pid!, exited }) : undefined));
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code} before it was ready`)));
  });

export const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The pid of a process that surely no longer runs. */
export const deadPid = () => spawnSync('true').pid;

export const postmasterPid = async (clusterDir: string) => Number((await readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
