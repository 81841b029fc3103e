import * as t from 'io-ts';
import type { SourceIssue } from '../../../core/index.js';
import { adfToText, type AccountNames } from './adf-to-text.js';
import { wikiToText } from './wiki-to-text.js';
import { readJiraIssue } from './issue-reader.js';
import { JiraTimestampCodec, parseJiraTimestamp } from './jira-time.js';
import { storableIssue } from '../shared/untrusted-data.js';

const nullable = <C extends t.Mixed>(codec: C) => t.union([codec, t.null]);

/** REST v3 sends an ADF document; REST v2 (and webhooks) send wiki markup as a string. */
const AdfDocumentCodec = t.type({ type: t.literal('doc'), content: t.UnknownArray }, 'AdfDocument');
const DescriptionCodec = nullable(t.union([t.string, AdfDocumentCodec]));

const StatusCodec = t.intersection([
  t.type({ name: t.string }),
  t.partial({ id: t.string, statusCategory: t.partial({ key: t.string }) }),
]);
const PriorityCodec = t.intersection([t.type({ name: t.string }), t.partial({ id: t.string })]);
const UserCodec = t.partial({ accountId: t.string, displayName: t.string, emailAddress: nullable(t.string) });
const NamedCodec = t.partial({ name: t.string });

// Only `summary` and `updated` are required: a field hidden by the site's field configuration is
// left out of the answer, and every other field has a sensible empty value.
export const JiraIssueFieldsCodec = t.intersection(
  [
    t.type({ summary: t.string, updated: JiraTimestampCodec }),
    t.partial({
      description: DescriptionCodec,
      status: nullable(StatusCodec),
      priority: nullable(PriorityCodec),
      assignee: nullable(UserCodec),
      reporter: nullable(UserCodec),
      creator: nullable(UserCodec),
      project: nullable(t.type({ key: t.string })),
      // Read as text: an impossible date (2026-02-30, year 0) becomes null with a note, not a failed page.
      created: nullable(t.string),
      duedate: nullable(t.string),
      issuetype: nullable(NamedCodec),
      labels: t.array(t.string),
      resolution: nullable(NamedCodec),
    }),
  ],
  'JiraIssueFields',
);

const JiraIssueShapeCodec = t.type({ id: t.string, key: t.string, fields: JiraIssueFieldsCodec }, 'JiraIssue');
export type JiraIssue = t.TypeOf<typeof JiraIssueShapeCodec>;

/**
 * An issue as search (REST v3) and webhooks (REST v2 shape) deliver it; extra fields are ignored.
 * Read by hand when it has the expected shape (readJiraIssue), by the io-ts codec otherwise, which
 * names what is wrong.
 */
export const JiraIssueCodec = new t.Type<JiraIssue, t.OutputOf<typeof JiraIssueShapeCodec>, unknown>(
  'JiraIssue',
  JiraIssueShapeCodec.is,
  (u, c) => {
    const read = readJiraIssue(u);
    return read === undefined ? JiraIssueShapeCodec.validate(u, c) : t.success(read);
  },
  JiraIssueShapeCodec.encode,
);

/**
 * Who a description's mentions can be named after: the people the issue itself names. Search and
 * webhooks both carry these, so a mention reads the same from either.
 */
export const accountNamesOf = (issue: JiraIssue): AccountNames =>
  new Map(
    [issue.fields.assignee, issue.fields.reporter, issue.fields.creator].flatMap((user) =>
      user?.accountId === undefined || user.displayName === undefined ? [] : [[user.accountId, user.displayName] as const],
    ),
  );

/** One text form for both: ADF (REST v3) flattened, wiki markup (REST v2, webhooks) rendered to the same text. */
const descriptionText = (description: t.TypeOf<typeof DescriptionCodec> | undefined, names: AccountNames): string | null => {
  if (description === undefined || description === null) return null;
  const text = typeof description === 'string' ? wikiToText(description, names).text : adfToText(description, names);
  return text === '' ? null : text;
};

const blankToNull = (value: string | null | undefined): string | null => (value === undefined || value === null || value.trim() === '' ? null : value);

/** Maps a decoded Jira issue to core's SourceIssue, storable (see untrusted-data.ts); `baseUrl` is the connection's normalized site URL. */
export const toSourceIssue =
  (baseUrl: string) =>
  (issue: JiraIssue): SourceIssue => {
    const f = issue.fields;
    return storableIssue((dates) => ({
        externalId: issue.id,
        key: issue.key,
        url: `${baseUrl.replace(/\/+$/, '')}/browse/${encodeURIComponent(issue.key)}`,
        title: f.summary,
        description: descriptionText(f.description, accountNamesOf(issue)),
        rawStatus: f.status?.name ?? null,
        statusCategory: f.status?.statusCategory?.key ?? null,
        rawPriority: f.priority?.name ?? null,
        projectKey: f.project?.key ?? null,
        // Privacy settings can hide the e-mail; the accountId is then all there is to match on.
        assigneeEmail: blankToNull(f.assignee?.emailAddress),
        assigneeExternalId: blankToNull(f.assignee?.accountId),
        dueDate: dates.day('dueDate', f.duedate),
        createdAt: dates.instant('externalCreatedAt', f.created, parseJiraTimestamp),
        updatedAt: f.updated,
        // Jira's version of an issue is its update time (it has no edit counter in these answers).
        version: f.updated.toISOString(),
        // A deliberate subset, not the raw payload: what a product may want to filter or show that the
        // task does not model (type, labels, resolution), plus the ids behind status and priority
        // names, which admins can rename. The raw issue would store personal data and bloat every row.
        sourceData: {
          issueType: f.issuetype?.name ?? null,
          labels: f.labels ?? [],
          statusId: f.status?.id ?? null,
          priorityId: f.priority?.id ?? null,
          resolution: f.resolution?.name ?? null,
        },
    }));
  };
