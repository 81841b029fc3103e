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

/** Starts a program and resolves once it prints `ready` (with that line); the caller ends it by the pid it gets. */
export const startProgram = (file: string, args: ReadonlyArray<string>, env: Record<string, string> = {}) =>
  new Promise<{ pid: number; exited: Promise<void>; readyLine: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.stdout.on('data', (chunk: Buffer) =>
      chunk.toString().startsWith('ready') ? resolve({ pid: child.pid!, exited, readyLine: chunk.toString().split('\n')[0]! }) : undefined,
    );
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

/**
 * Starts a program with `env` and resolves once its output (stdout and stderr) matches `until`;
 * `output()` reads everything it printed so far, `exited` gives its exit code.
 */
export const startProgramUntil = (file: string, env: Record<string, string>, until: RegExp) =>
  new Promise<{ pid: number; output: () => string; exited: Promise<number | null> }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (until.test(output)) resolve({ pid: child.pid!, output: () => output, exited });
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code} before printing ${until}:\n${output}`)));
  });

/** Runs the operator CLI (`npx taskport ...`, through its bin) to its end: exit code, stdout and stderr apart. */
export const runCli = (args: ReadonlyArray<string>, env: Record<string, string | undefined> = {}) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['bin/taskport.js', ...args], { cwd: ROOT, env: { ...process.env, TASKPORT_API_URL: undefined, TASKPORT_API_TOKEN: undefined, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
