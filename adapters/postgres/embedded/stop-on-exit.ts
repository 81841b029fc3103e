import type { ChildProcess } from 'node:child_process';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const servers = new Set<ChildProcess>();

const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

const stopAll = () => servers.forEach((child) => (isRunning(child) ? child.kill('SIGINT') : undefined));

const unhook = () => {
  process.removeListener('exit', stopAll);
  SIGNALS.forEach((signal) => process.removeListener(signal, onSignal));
};

/** Only when taskport's own code does not handle the signal: stop the servers, then die of it. */
function onSignal(signal: NodeJS.Signals) {
  if (process.listenerCount(signal) > 1) return;
  const exits = [...servers].filter(isRunning).map((child) => new Promise((resolve) => child.once('exit', resolve)));
  stopAll();
  unhook();
  void Promise.all(exits).then(() => process.kill(process.pid, signal));
}

/**
 * A server runs in a process group of its own, so it would outlive taskport. It is stopped when the
 * process exits, and on a signal that nothing else handles (a program with a shutdown handler of
 * its own stops the server itself, after its own work). Answers how to forget the server once stopped.
 */
export const stopOnExit = (child: ChildProcess): (() => void) => {
  if (servers.size === 0) {
    process.on('exit', stopAll);
    SIGNALS.forEach((signal) => process.on(signal, onSignal));
  }
  servers.add(child);
  return () => {
    servers.delete(child);
    if (servers.size === 0) unhook();
  };
};
