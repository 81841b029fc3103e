import { DONE_RESOLUTION, ISSUE_TYPES, PRIORITIES, statusById, type Status } from './catalog.js';
import type { IssueStore } from './issue-store.js';
import type { IssueRecord, SimProject, SimUser } from './model.js';
import { seededDescription } from './seed.js';
import { jiraTimestamp } from './time-zone.js';

/** Who is asking and where: Jira renders links with the site URL and times in the caller's zone. */
export interface RenderContext {
  readonly site: string;
  readonly zone: string;
  readonly store: IssueStore;
}

const ISSUE_EXPAND = 'operations,versionedRepresentations,editmeta,changelog,renderedFields';

const avatarUrls = (base: string) => ({
  '48x48': `${base}&size=48`,
  '24x24': `${base}&size=24`,
  '16x16': `${base}&size=16`,
  '32x32': `${base}&size=32`,
});

export const userJson = (ctx: RenderContext, user: SimUser) => ({
  self: `${ctx.site}/rest/api/3/user?accountId=${user.accountId}`,
  accountId: user.accountId,
  ...(user.emailVisible ? { emailAddress: user.emailAddress } : {}),
  avatarUrls: avatarUrls(`${ctx.site}/secure/useravatar?ownerId=${user.accountId}`),
  displayName: user.displayName,
  active: true,
  timeZone: user.timeZone,
  accountType: 'atlassian',
});

export const statusJson = (ctx: RenderContext, status: Status) => ({
  self: `${ctx.site}/rest/api/3/status/${status.id}`,
  description: status.description,
  iconUrl: `${ctx.site}/${status.icon}`,
  name: status.name,
  id: status.id,
  statusCategory: {
    self: `${ctx.site}/rest/api/3/statuscategory/${status.category.id}`,
    id: status.category.id,
    key: status.category.key,
    colorName: status.category.colorName,
    name: status.category.name,
  },
});

const projectJson = (ctx: RenderContext, project: SimProject) => ({
  self: `${ctx.site}/rest/api/3/project/${project.id}`,
  id: project.id,
  key: project.key,
  name: project.name,
  projectTypeKey: 'software',
  simplified: false,
  avatarUrls: avatarUrls(`${ctx.site}/rest/api/3/universal_avatar/view/type/project/avatar/10425?p=${project.id}`),
});

const isDone = (issue: IssueRecord) => statusById(issue.statusId).category.key === 'done';
const time = (ctx: RenderContext, ms: number) => jiraTimestamp(ms, ctx.zone);
const user = (ctx: RenderContext, accountId: string | null) => {
  const found = ctx.store.user(accountId);
  return found === undefined ? null : userJson(ctx, found);
};

type Renderer = (issue: IssueRecord, ctx: RenderContext) => unknown;

/** Every navigable system field, in the order a real Jira Cloud answer lists them. */
const FIELDS: Readonly<Record<string, Renderer>> = {
  statuscategorychangedate: (i, c) => time(c, i.statusChangedAt),
  issuetype: (i, c) => {
    const type = ISSUE_TYPES.find((t) => t.id === i.issueTypeId) ?? ISSUE_TYPES[0];
    return type && { self: `${c.site}/rest/api/3/issuetype/${type.id}`, id: type.id, description: type.description, iconUrl: `${c.site}/images/icons/issuetypes/${type.icon}`, name: type.name, subtask: false, hierarchyLevel: type.hierarchyLevel };
  },
  development: () => '',
  timespent: () => null,
  project: (i, c) => {
    const project = c.store.project(i.projectKey);
    return project === undefined ? null : projectJson(c, project);
  },
  fixVersions: () => [],
  aggregatetimespent: () => null,
  resolution: (i, c) =>
    isDone(i) ? { self: `${c.site}/rest/api/3/resolution/${DONE_RESOLUTION.id}`, id: DONE_RESOLUTION.id, description: DONE_RESOLUTION.description, name: DONE_RESOLUTION.name } : null,
  resolutiondate: (i, c) => (isDone(i) ? time(c, i.statusChangedAt) : null),
  workratio: () => -1,
  watches: (i, c) => ({ self: `${c.site}/rest/api/3/issue/${i.key}/watchers`, watchCount: 1, isWatching: false }),
  lastViewed: () => null,
  issuerestriction: () => ({ issuerestrictions: {}, shouldDisplay: false }),
  created: (i, c) => time(c, i.created),
  priority: (i, c) => {
    const priority = PRIORITIES.find((p) => p.id === i.priorityId);
    return priority === undefined ? null : { self: `${c.site}/rest/api/3/priority/${priority.id}`, iconUrl: `${c.site}/images/icons/priorities/${priority.name.toLowerCase()}.svg`, name: priority.name, id: priority.id };
  },
  labels: (i) => i.labels,
  timeestimate: () => null,
  aggregatetimeoriginalestimate: () => null,
  versions: () => [],
  issuelinks: () => [],
  assignee: (i, c) => user(c, i.assigneeId),
  updated: (i, c) => time(c, i.updated),
  status: (i, c) => statusJson(c, statusById(i.statusId)),
  components: () => [],
  timeoriginalestimate: () => null,
  description: (i, c) => (i.description === undefined ? seededDescription(c.store.seed, i.id, c.store.users, c.store.richDescriptionShare) : i.description),
  timetracking: () => ({}),
  security: () => null,
  aggregatetimeestimate: () => null,
  attachment: () => [],
  summary: (i) => i.summary,
  creator: (i, c) => user(c, i.reporterId),
  subtasks: () => [],
  reporter: (i, c) => user(c, i.reporterId),
  aggregateprogress: () => ({ progress: 0, total: 0 }),
  environment: () => null,
  duedate: (i) => i.dueDate,
  progress: () => ({ progress: 0, total: 0 }),
  votes: (i, c) => ({ self: `${c.site}/rest/api/3/issue/${i.key}/votes`, votes: 0, hasVoted: false }),
  comment: (i, c) => ({ comments: [], self: `${c.site}/rest/api/3/issue/${i.id}/comment`, maxResults: 0, total: 0, startAt: 0 }),
  worklog: () => ({ startAt: 0, maxResults: 20, total: 0, worklogs: [] }),
};

export const KNOWN_FIELDS: ReadonlyArray<string> = Object.keys(FIELDS);

/**
 * Which fields an answer carries, from the `fields` parameter: `*all`/`*navigable` for every field,
 * `-name` to drop one, unknown names ignored as Jira does. Null (no fields at all) is search's default.
 */
export const selectFields = (requested: ReadonlyArray<string> | null): ReadonlyArray<string> | null => {
  if (requested === null || requested.length === 0) return null;
  const wanted = requested.map((f) => f.trim()).filter((f) => f !== '');
  const all = wanted.some((f) => f === '*all' || f === '*navigable');
  const excluded = new Set(wanted.filter((f) => f.startsWith('-')).map((f) => f.slice(1)));
  const chosen = all ? KNOWN_FIELDS : KNOWN_FIELDS.filter((f) => wanted.includes(f));
  return chosen.filter((f) => !excluded.has(f));
};

export const renderIssue = (issue: IssueRecord, ctx: RenderContext, fields: ReadonlyArray<string> | null) => {
  if (fields === null) return { id: String(issue.id) };
  const rendered: Record<string, unknown> = {};
  for (const name of fields) rendered[name] = FIELDS[name]?.(issue, ctx);
  return { expand: ISSUE_EXPAND, id: String(issue.id), self: `${ctx.site}/rest/api/3/issue/${issue.id}`, key: issue.key, fields: rendered };
};
