import type { DatabaseLog } from './database-log.js';

type Level = 'error' | 'warn';

const SEVERITY = /\b(PANIC|FATAL|ERROR|WARNING|LOG|DETAIL|HINT|STATEMENT|CONTEXT|NOTICE|INFO|DEBUG\d?):\s/;

const levelOf = (severity: string, previous: Level | undefined): Level | undefined => {
  if (severity === 'PANIC' || severity === 'FATAL' || severity === 'ERROR') return 'error';
  if (severity === 'WARNING') return 'warn';
  // Detail lines belong to the message before them.
  if (severity === 'DETAIL' || severity === 'HINT' || severity === 'STATEMENT' || severity === 'CONTEXT') return previous;
  return undefined;
};

export interface ServerLog {
  /** Takes a chunk of the server's stderr. */
  readonly write: (chunk: string) => void;
  /** The last lines, whatever their level: why the server did not start. */
  readonly tail: () => string;
}

/**
 * Reads the server's stderr: errors (FATAL, ERROR, PANIC and their details) go to the log at error
 * level, warnings at warn; routine lines are only kept, the last 30, to explain a failed start.
 */
export const serverLog = (log: DatabaseLog): ServerLog => {
  const recent: string[] = [];
  let previous: Level | undefined;
  let partial = '';
  const line = (text: string) => {
    recent.push(text);
    recent.splice(0, Math.max(0, recent.length - 30));
    const severity = SEVERITY.exec(text)?.[1];
    if (severity === undefined) return;
    previous = levelOf(severity, previous);
    if (previous !== undefined) log[previous](`PostgreSQL: ${text.trim()}`);
  };
  return {
    write: (chunk) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      lines.filter((text) => text.trim() !== '').forEach(line);
    },
    tail: () => [...recent, partial].filter((text) => text.trim() !== '').join('\n'),
  };
};
