/** The simulator's own records; render.ts turns them into Jira's JSON. */
export interface SimUser {
  readonly accountId: string;
  readonly displayName: string;
  readonly emailAddress: string;
  /** False models Jira's privacy setting: the e-mail is left out of every user object. */
  readonly emailVisible: boolean;
  readonly timeZone: string;
}

export interface SimProject {
  readonly id: string;
  readonly key: string;
  readonly name: string;
}

export interface AdfDocument {
  readonly type: 'doc';
  readonly version: 1;
  readonly content: ReadonlyArray<unknown>;
}

export interface IssueRecord {
  readonly id: number;
  /** A move to another project gives the issue a new key; its id stays. */
  projectKey: string;
  number: number;
  key: string;
  summary: string;
  /** `undefined` means "the seeded description", generated from the seed when rendered. */
  description: AdfDocument | null | undefined;
  statusId: string;
  priorityId: string | null;
  assigneeId: string | null;
  readonly reporterId: string;
  readonly issueTypeId: string;
  labels: ReadonlyArray<string>;
  dueDate: string | null;
  readonly created: number;
  updated: number;
  statusChangedAt: number;
}

/** A change as Jira's changelog reports it; webhooks are built from these. */
export interface ChangeItem {
  readonly field: string;
  readonly fieldtype: 'jira';
  readonly from: string | null;
  readonly fromString: string | null;
  readonly to: string | null;
  readonly toString: string | null;
}

export interface IssueChange {
  readonly type: 'issue_created' | 'issue_updated' | 'issue_deleted';
  readonly issue: IssueRecord;
  readonly items: ReadonlyArray<ChangeItem>;
  readonly at: number;
}

/** Jira's issue-key order: project key, then the number (TP-9 before TP-10). */
export const compareKeys = (a: IssueRecord, b: IssueRecord): number =>
  a.projectKey < b.projectKey ? -1 : a.projectKey > b.projectKey ? 1 : a.number - b.number;

export const byUpdatedThenKey = (a: IssueRecord, b: IssueRecord): number => a.updated - b.updated || compareKeys(a, b);
