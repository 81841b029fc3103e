import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const PROGRAMS = path.resolve(import.meta.dirname, '../programs');

/** What a child program sends its parent: a ready signal (for servers) or its one result. */
type Message<R> = { readonly kind: 'ready'; readonly value: R } | { readonly kind: 'result'; readonly value: R };

const PROFILES = path.resolve(import.meta.dirname, '../results/profiles');

/** BENCH_PROFILE=real-path.ts (a program's file name) writes V8 CPU profiles of that program's runs. */
const profiling = (program: string) => (process.env.BENCH_PROFILE === program ? ['--cpu-prof', `--cpu-prof-dir=${PROFILES}`] : []);

/** `quiet` sends the program's standard output (a server's request log) to /dev/null rather than the terminal. */
const start = (program: string, input: unknown, quiet = false): ChildProcess =>
  fork(path.join(PROGRAMS, program), [JSON.stringify(input)], {
    execArgv: ['--import', 'tsx', ...profiling(program)],
    stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit', 'ipc'],
  });

const firstMessage = <R>(child: ChildProcess, program: string, kind: Message<R>['kind']) =>
  new Promise<R>((resolve, reject) => {
    child.on('message', (message: Message<R>) => (message.kind === kind ? resolve(message.value) : undefined));
    child.once('exit', (code) => reject(new Error(`bench/programs/${program} exited with ${code} before its ${kind} message`)));
  });

/**
 * Runs a benchmark program in a process of its own, so its memory and CPU are its own: the input
 * goes in as JSON, the one result comes back over IPC, and the process is gone when this resolves.
 */
export const runChild = async <R>(program: string, input: unknown): Promise<R> => {
  const child = start(program, input);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const result = await firstMessage<R>(child, program, 'result');
  await exited;
  return result;
};

export interface RunningChild<R> {
  readonly ready: R;
  readonly stop: () => Promise<void>;
}

/** Starts a server program and resolves once it says it is ready; `stop` ends exactly that process. */
export const startChild = async <R>(program: string, input: unknown, options: { readonly quiet?: boolean } = {}): Promise<RunningChild<R>> => {
  const child = start(program, input, options.quiet);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const ready = await firstMessage<R>(child, program, 'ready');
    return { ready, stop: () => (child.exitCode === null && child.signalCode === null ? (child.kill('SIGTERM'), exited) : exited) };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
};

/** The child side: sends the message and, for a result, lets the process end. */
export const reply = <R>(kind: Message<R>['kind'], value: R): Promise<void> =>
  new Promise((resolve, reject) => process.send?.({ kind, value } satisfies Message<R>, (error: Error | null) => (error === null ? resolve() : reject(error))));

/** The child's input, as the parent passed it. */
export const childInput = <I>(): I => JSON.parse(process.argv[2] ?? '{}') as I;

/** Peak resident set size of this process so far, in MiB. */
export const peakRssMiB = (): number => process.resourceUsage().maxRSS / 1024;

/** A child program's whole life: read the input, compute, send the result, exit (non-zero on failure). */
export const childProgram = <I, R>(run: (input: I) => Promise<R>): void => {
  run(childInput<I>())
    .then((result) => reply('result', result))
    .then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
};
