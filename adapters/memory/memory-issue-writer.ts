import * as TE from 'fp-ts/lib/TaskEither.js';
import {
  sourceAuthRejected,
  sourceUnavailable,
  transitionUnavailable,
  writeRejected,
  type IssueFields,
  type IssueWriteError,
  type IssueWriter,
  type SourceConnection,
  type SourceIssue,
  type StatusTarget,
} from '../../core/index.js';
import type { MemoryIssueSource } from './memory-issue-source.js';

/** The fake tracker's statuses, each in its category; every status can be reached from every other. */
const STATUSES: ReadonlyArray<{ readonly name: string; readonly category: string }> = [
  { name: 'Open', category: 'open' },
  { name: 'Working', category: 'active' },
  { name: 'Closed', category: 'closed' },
];

export interface MemoryIssueWriter extends IssueWriter {
  /** The tracker's users by e-mail, for assignees given by e-mail. */
  readonly declareUser: (email: string, externalId: string) => void;
  /** The next write answers `error` without writing. */
  readonly failNext: (error: IssueWriteError) => void;
  /** The next create is made, and its answer lost (as a timeout would lose it). */
  readonly loseNextCreateAnswer: () => void;
  /** Every write that reached the tracker, in order. */
  readonly calls: ReadonlyArray<string>;
}

const lower = (values: ReadonlyArray<string>) => values.map((v) => v.toLowerCase());

/** The fake tracker's writer: changes the items of its `MemoryIssueSource`, each write a new version one second later. */
export const memoryIssueWriter = (source: MemoryIssueSource): MemoryIssueWriter => {
  const users = new Map<string, string>();
  const failures: IssueWriteError[] = [];
  let loseAnswer = false;
  const calls: string[] = [];
  const all = (connection: SourceConnection) => source.issuesAt(connection.baseUrl);
  const nextTime = (connection: SourceConnection) => new Date(Math.max(0, ...all(connection).map((i) => i.updatedAt.getTime())) + 1000);
  const store = (connection: SourceConnection, issue: SourceIssue) =>
    source.setIssues(connection.baseUrl, [...all(connection).filter((i) => i.externalId !== issue.externalId), issue]);
  const guard = (connection: SourceConnection, call: string): IssueWriteError | null => {
    calls.push(call);
    if (source.refuses(connection)) return sourceAuthRejected('The tracker rejected the credentials');
    return failures.shift() ?? null;
  };
  const withFields = (connection: SourceConnection, issue: SourceIssue, fields: IssueFields): SourceIssue | IssueWriteError => {
    let assignee = { assigneeEmail: issue.assigneeEmail, assigneeExternalId: issue.assigneeExternalId };
    if (fields.assignee === null) assignee = { assigneeEmail: null, assigneeExternalId: null };
    else if (fields.assignee !== undefined) {
      const id = 'externalId' in fields.assignee ? fields.assignee.externalId : users.get(fields.assignee.email);
      if (id === undefined) return writeRejected('The tracker refused the fields', [{ path: 'assignee', message: 'no such user' }]);
      assignee = { assigneeExternalId: id, assigneeEmail: [...users].find(([, u]) => u === id)?.[0] ?? null };
    }
    const updatedAt = nextTime(connection);
    return {
      ...issue,
      ...assignee,
      ...(fields.title === undefined ? {} : { title: fields.title }),
      ...(fields.description === undefined ? {} : { description: fields.description }),
      ...(fields.dueDate === undefined ? {} : { dueDate: fields.dueDate }),
      ...(fields.priority === undefined ? {} : { rawPriority: fields.priority.priorities[0] ?? issue.rawPriority }),
      updatedAt,
      version: updatedAt.toISOString(),
    };
  };
  const transition = (connection: SourceConnection, issue: SourceIssue, target: StatusTarget): SourceIssue | IssueWriteError => {
    const reachable = STATUSES.filter((s) => s.name !== issue.rawStatus);
    const to = reachable.find((s) => lower(target.statuses).includes(s.name.toLowerCase())) ?? reachable.find((s) => lower(target.categories).includes(s.category));
    if (to === undefined) return transitionUnavailable(target.unified, reachable.map((s) => s.name));
    const updatedAt = nextTime(connection);
    return { ...issue, rawStatus: to.name, statusCategory: to.category, updatedAt, version: updatedAt.toISOString() };
  };
  const settle = (connection: SourceConnection, outcome: SourceIssue | IssueWriteError): TE.TaskEither<IssueWriteError, SourceIssue> => {
    if ('_tag' in outcome) return TE.left(outcome);
    store(connection, outcome);
    return TE.right(outcome);
  };
  const find = (connection: SourceConnection, externalId: string) => all(connection).find((i) => i.externalId === externalId);
  return {
    calls,
    declareUser: (email, externalId) => void users.set(email.toLowerCase(), externalId),
    failNext: (error) => void failures.push(error),
    loseNextCreateAnswer: () => void (loseAnswer = true),
    createIssue: (connection, draft) => {
      const refused = guard(connection, `create ${draft.projectKey}`);
      if (refused !== null) return TE.left(refused);
      const n = all(connection).length + 1;
      const createdAt = nextTime(connection);
      const blank: SourceIssue = {
        externalId: String(90000 + n), key: `${draft.projectKey}-${900 + n}`, url: `${connection.baseUrl}/browse/${draft.projectKey}-${900 + n}`, title: draft.title, description: null,
        rawStatus: 'Open', statusCategory: 'open', rawPriority: null, projectKey: draft.projectKey, assigneeEmail: null, assigneeExternalId: null, dueDate: null,
        createdAt, updatedAt: createdAt, version: createdAt.toISOString(), sourceData: { labels: [draft.marker] },
      };
      const filled = withFields(connection, blank, draft);
      const made = '_tag' in filled || draft.status === undefined ? filled : transition(connection, filled, draft.status);
      const outcome = '_tag' in made && made._tag === 'TransitionUnavailable' ? filled : made;
      if (loseAnswer && !('_tag' in outcome)) {
        loseAnswer = false;
        store(connection, outcome);
        return TE.left(sourceUnavailable('The tracker did not answer in time'));
      }
      return settle(connection, outcome);
    },
    findCreated: (connection, _projectKey, marker) => {
      calls.push(`find ${marker}`);
      const labelled = all(connection).find((i) => Array.isArray(i.sourceData.labels) && i.sourceData.labels.includes(marker));
      return TE.right(labelled ?? null);
    },
    updateIssue: (connection, externalId, fields) => {
      const refused = guard(connection, `update ${externalId}`);
      if (refused !== null) return TE.left(refused);
      const issue = find(connection, externalId);
      return issue === undefined ? TE.left(writeRejected('The item does not exist')) : settle(connection, withFields(connection, issue, fields));
    },
    changeStatus: (connection, externalId, target) => {
      const refused = guard(connection, `status ${externalId}`);
      if (refused !== null) return TE.left(refused);
      const issue = find(connection, externalId);
      return issue === undefined ? TE.left(writeRejected('The item does not exist')) : settle(connection, transition(connection, issue, target));
    },
  };
};
