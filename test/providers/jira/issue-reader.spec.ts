import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { JiraIssueCodec, JiraIssueFieldsCodec, SEARCH_FIELDS, toSourceIssue } from '../../../adapters/providers/jira/index.js';
import { readJiraIssue } from '../../../adapters/providers/jira/issue-reader.js';
import { simulatorDeps } from '../../../apps/simulator/jira/index.js';
import { renderIssue, selectFields } from '../../../apps/simulator/jira/render.js';
import { toFieldIssues } from '../../../core/index.js';

// The codec as io-ts alone would decode it: what the hand reading must agree with.
const ShapeCodec = t.type({ id: t.string, key: t.string, fields: JiraIssueFieldsCodec });
const SITE = 'https://acme.atlassian.net';

const PATHS = [
  'id', 'key', 'fields', 'fields.summary', 'fields.updated', 'fields.description', 'fields.description.type', 'fields.description.content',
  'fields.status', 'fields.status.name', 'fields.status.id', 'fields.status.statusCategory', 'fields.status.statusCategory.key',
  'fields.priority', 'fields.priority.name', 'fields.priority.id', 'fields.assignee', 'fields.assignee.accountId', 'fields.assignee.displayName',
  'fields.assignee.emailAddress', 'fields.reporter', 'fields.reporter.accountId', 'fields.creator', 'fields.creator.emailAddress',
  'fields.project', 'fields.project.key', 'fields.created', 'fields.duedate', 'fields.issuetype', 'fields.issuetype.name',
  'fields.labels', 'fields.labels.0', 'fields.resolution', 'fields.resolution.name',
];
const DELETED = Symbol('deleted');
const VALUES: ReadonlyArray<unknown> = [DELETED, null, 'text', '2026-02-30T10:00:00.000+0000', 42, true, [], ['a'], {}, { type: 'doc', content: [] }, new Date(0)];

/** A deep copy of the issue with the value at `path` replaced (or deleted). */
const withValue = (issue: unknown, path: string, value: unknown): unknown => {
  const copy = structuredClone(issue) as Record<string, unknown>;
  const keys = path.split('.');
  let parent: Record<string, unknown> | undefined = copy;
  for (const key of keys.slice(0, -1)) parent = typeof parent?.[key] === 'object' && parent[key] !== null ? (parent[key] as Record<string, unknown>) : undefined;
  if (parent === undefined) return copy;
  const last = keys[keys.length - 1] as string;
  if (value === DELETED) delete parent[last];
  else parent[last] = value;
  return copy;
};

const renderedIssues = () => {
  const deps = simulatorDeps({ issues: 40, richDescriptionShare: 0.5 });
  const ctx = { site: 'https://acme.atlassian.net', zone: 'Europe/Berlin', store: deps.store };
  return deps.store.sorted().map((issue) => JSON.parse(JSON.stringify(renderIssue(issue, ctx, selectFields([...SEARCH_FIELDS])))) as unknown);
};

describe('Jira issue decoding by hand (readJiraIssue) against the io-ts codec', () => {
  const issues = renderedIssues();

  it('reads every issue the simulator renders by hand, mapped as the codec maps it', () => {
    for (const issue of issues) {
      expect(readJiraIssue(issue), JSON.stringify(issue)).to.not.equal(undefined);
      const [byHand, byCodec] = [JiraIssueCodec.decode(issue), ShapeCodec.decode(issue)];
      if (E.isLeft(byHand) || E.isLeft(byCodec)) return expect.fail('both should decode');
      expect(toSourceIssue(SITE)(byHand.right)).to.deep.equal(toSourceIssue(SITE)(byCodec.right));
    }
  });

  it('accepts and refuses exactly what the codec does, field by field, with the codec’s errors', () => {
    const base = issues.find((i) => (i as { fields: { assignee: unknown } }).fields.assignee !== null);
    let readByHand = 0;
    for (const path of PATHS) {
      for (const value of VALUES) {
        const changed = withValue(base, path, value);
        const [decoded, expected] = [JiraIssueCodec.decode(changed), ShapeCodec.decode(changed)];
        const what = `${path} = ${String(value === DELETED ? 'deleted' : JSON.stringify(value))}`;
        if (E.isLeft(expected)) {
          expect(E.isLeft(decoded), what).to.equal(true);
          if (E.isLeft(decoded)) expect(toFieldIssues(decoded.left), what).to.deep.equal(toFieldIssues(expected.left));
          continue;
        }
        expect(E.isRight(decoded), what).to.equal(true);
        if (E.isRight(decoded)) expect(toSourceIssue(SITE)(decoded.right), what).to.deep.equal(toSourceIssue(SITE)(expected.right));
        if (readJiraIssue(changed) !== undefined) readByHand += 1;
      }
    }
    // Most changes the codec accepts (a field null or left out) must not need it.
    expect(readByHand).to.be.greaterThan(60);
  });
});
