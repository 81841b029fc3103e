import { asEntityId, asOrganizationId, type SourceConnection, type SourceIssue } from '../../../../core/index.js';
import { memoryIssueSource } from '../../../../adapters/memory/memory-issue-source.js';
import { anIssue, editedLater } from '../../../builders/source-issue-builder.js';
import { describeIssueSourceContract } from '../../../contracts/issue-source.contract.js';

const BASE_URL = 'https://acme.tracker.test';

const connection = (apiToken: string, settings: Record<string, unknown> = {}): SourceConnection => ({
  organizationId: asOrganizationId('org-contract'),
  connectionId: asEntityId('connection-1'),
  provider: 'tracker',
  site: 'acme.tracker.test',
  baseUrl: BASE_URL,
  settings: { email: 'bot@acme.test', ...settings },
  authMode: 'api-token',
  secrets: { apiToken },
  oauth: null,
});

describeIssueSourceContract('in memory', async () => {
  const source = memoryIssueSource(4, { idsPerRangeRead: 5 });
  let issues: SourceIssue[] = Array.from({ length: 23 }, (_, i) => anIssue(i + 1, { projectKey: ['OPS', 'WEB', 'API'][i % 3]! }));
  source.setIssues(BASE_URL, issues);
  source.rejectToken('revoked');
  return {
    source,
    connection: (settings) => connection('good', settings),
    refusedConnection: () => connection('revoked'),
    items: async () => issues.map((i) => ({ externalId: i.externalId, projectKey: i.projectKey!, updatedAt: i.updatedAt })),
    filterSelecting: (projectKey) => ({ filter: projectKey }),
    edit: async (externalId) => {
      issues = issues.map((i) => (i.externalId === externalId ? editedLater(i, { title: 'Edited' }, 3600) : i));
      source.setIssues(BASE_URL, issues);
    },
    move: async (externalId, projectKey) => {
      issues = issues.map((i) => (i.externalId === externalId ? editedLater(i, { projectKey, key: `${projectKey}-${i.externalId}` }, 60) : i));
      source.setIssues(BASE_URL, issues);
    },
    remove: async (externalId) => {
      issues = issues.filter((i) => i.externalId !== externalId);
      source.setIssues(BASE_URL, issues);
    },
    overlapMs: 0,
  };
});
