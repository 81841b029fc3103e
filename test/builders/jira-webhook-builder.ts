import { createHmac } from 'node:crypto';

export interface JiraIssueVersion {
  readonly id: string;
  readonly key: string;
  readonly summary: string;
  /** ISO instant of the version. */
  readonly updated: string;
  readonly status?: { readonly id: string; readonly name: string; readonly category: 'new' | 'indeterminate' | 'done' };
  readonly description?: string | null;
  readonly projectKey?: string;
  readonly assignee?: { readonly accountId: string; readonly emailAddress?: string; readonly displayName?: string } | null;
}

const TODO = { id: '10000', name: 'To Do', category: 'new' } as const;

/** An issue in the REST v2 shape webhooks carry: `/rest/api/2` links and a wiki-markup description. */
export const jiraIssueJson = (version: JiraIssueVersion, site = 'https://acme.atlassian.net') => {
  const status = version.status ?? TODO;
  return {
    id: version.id,
    self: `${site}/rest/api/2/issue/${version.id}`,
    key: version.key,
    fields: {
      issuetype: { self: `${site}/rest/api/2/issuetype/10002`, id: '10002', name: 'Task', subtask: false },
      project: { self: `${site}/rest/api/2/project/10000`, id: '10000', key: version.projectKey ?? version.key.split('-')[0] },
      created: '2025-01-01T09:00:00.000+0000',
      updated: version.updated.replace('Z', '+0000'),
      priority: { self: `${site}/rest/api/2/priority/3`, name: 'Medium', id: '3' },
      labels: [],
      assignee: version.assignee ?? null,
      status: { self: `${site}/rest/api/2/status/${status.id}`, name: status.name, id: status.id, statusCategory: { key: status.category } },
      description: version.description === undefined ? `h1. ${version.summary}\n* first step` : version.description,
      summary: version.summary,
      resolution: null,
      duedate: null,
    },
  };
};

export type JiraIssueEvent = 'jira:issue_created' | 'jira:issue_updated' | 'jira:issue_deleted';

/** The body of an issue event, as Jira Cloud's admin webhooks send it. */
export const jiraIssueWebhook = (webhookEvent: JiraIssueEvent | string, version: JiraIssueVersion, timestamp = Date.parse(version.updated)) => ({
  timestamp,
  webhookEvent,
  issue_event_type_name: webhookEvent.replace('jira:', ''),
  user: { accountId: '557058:aa', displayName: 'Ada Admin', active: true },
  issue: jiraIssueJson(version),
  ...(webhookEvent === 'jira:issue_updated' ? { changelog: { id: '10400', items: [] } } : {}),
});

export const hmacHex = (body: string | Buffer, secret: string): string => createHmac('sha256', secret).update(body).digest('hex');

export interface SignedDelivery {
  readonly rawBody: Buffer;
  readonly headers: Record<string, string>;
}

/**
 * A delivery as bytes and lower-case headers. `style` picks the signature header: Jira's
 * `X-Hub-Signature: sha256=<hex>`, a bare `X-Jira-Signature`, or none.
 */
export const signedDelivery = (
  payload: unknown,
  options: { secret?: string; deliveryId?: string | null; style?: 'hub' | 'jira' | 'none'; retry?: number } = {},
): SignedDelivery => {
  const rawBody = Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload));
  const digest = options.secret === undefined ? '' : hmacHex(rawBody, options.secret);
  const style = options.secret === undefined ? 'none' : (options.style ?? 'hub');
  return {
    rawBody,
    headers: {
      'content-type': 'application/json; charset=UTF-8',
      ...(options.deliveryId === null ? {} : { 'x-atlassian-webhook-identifier': options.deliveryId ?? `delivery-${hmacHex(rawBody, 'id').slice(0, 12)}` }),
      ...(options.retry === undefined ? {} : { 'x-atlassian-webhook-retry': String(options.retry) }),
      'x-atlassian-webhook-flow': 'Primary',
      ...(style === 'hub' ? { 'x-hub-signature': `sha256=${digest}` } : style === 'jira' ? { 'x-jira-signature': digest } : {}),
    },
  };
};
