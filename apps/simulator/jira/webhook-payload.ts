import { accountAsUser, type SimulatorAccount } from './accounts.js';
import type { IssueChange } from './model.js';
import { renderIssue, userJson, type RenderContext } from './render.js';
import { adfToWikiMarkup } from './wiki-markup.js';

/** The issue fields of the real capture (shared/fixtures/providers/jira/webhook-issue-updated-status.json), in its order. */
export const WEBHOOK_FIELDS: ReadonlyArray<string> = [
  'issuetype', 'timespent', 'project', 'fixVersions', 'aggregatetimespent', 'resolution', 'resolutiondate', 'workratio',
  'lastViewed', 'watches', 'created', 'priority', 'labels', 'timeestimate', 'aggregatetimeoriginalestimate', 'versions',
  'issuelinks', 'assignee', 'updated', 'status', 'components', 'timeoriginalestimate', 'description', 'timetracking',
  'attachment', 'aggregatetimeestimate', 'summary', 'creator', 'subtasks', 'reporter', 'aggregateprogress', 'environment',
  'duedate', 'progress', 'comment', 'votes', 'worklog',
];

/** REST v2 links: every `/rest/api/3/` the renderer writes becomes `/rest/api/2/`. */
const asRestV2 = (value: unknown, site: string): unknown => {
  const v3 = `${site}/rest/api/3/`;
  if (typeof value === 'string') return value.startsWith(v3) ? `${site}/rest/api/2/${value.slice(v3.length)}` : value;
  if (Array.isArray(value)) return value.map((item) => asRestV2(item, site));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asRestV2(v, site)]));
  return value;
};

/** What Jira names the change in `issue_event_type_name`; a transition is `issue_generic`, as in the capture. */
const eventTypeName = (change: IssueChange): string => {
  if (change.type !== 'issue_updated') return change.type;
  const fields = change.items.map((item) => item.field);
  if (fields.includes('Key')) return 'issue_moved';
  if (fields.includes('status')) return 'issue_generic';
  return fields.length === 1 && fields[0] === 'assignee' ? 'issue_assigned' : 'issue_updated';
};

/**
 * The body Jira Cloud's admin webhooks send for an issue event: the issue in the REST v2
 * representation (v2 links, the description as wiki markup), the acting user, and for an edit
 * the changelog of what changed.
 */
export const webhookPayload = (change: IssueChange, ctx: RenderContext, actor: SimulatorAccount, changelogId: number) => {
  const rendered = renderIssue(change.issue, ctx, WEBHOOK_FIELDS);
  const fields = rendered.fields as Record<string, unknown>;
  const issue = { id: rendered.id, self: rendered.self, key: rendered.key, fields: { ...fields, description: adfToWikiMarkup(fields.description) } };
  return asRestV2(
    {
      timestamp: change.at,
      webhookEvent: `jira:${change.type}`,
      issue_event_type_name: eventTypeName(change),
      user: userJson(ctx, accountAsUser(actor)),
      issue,
      ...(change.type === 'issue_updated' ? { changelog: { id: String(changelogId), items: change.items } } : {}),
    },
    ctx.site,
  );
};
