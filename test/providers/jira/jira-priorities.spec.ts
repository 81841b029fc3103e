import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { JiraIssueCodec, jiraDefaultMappings, toSourceIssue } from '../../../adapters/providers/jira/index.js';
import { mapPriority } from '../../../core/index.js';
import { jiraFixture } from './recorded-fixtures.js';

// Sites created before the Highest..Lowest scheme still use the classic priority names (the
// `priority:major` labels of issues migrated from Apache's Jira, apache/maven-changes-plugin#569).
describe('Jira default priority mappings', () => {
  const realIssue = () => (jiraFixture('search-jql-response.real-issue.json') as { issues: Array<{ fields: Record<string, unknown> }> }).issues[0]!;

  /** The real REST v3 issue with the priority object as Jira sends it, renamed. */
  const priorityOf = (name: string, id: string) => {
    const issue = realIssue();
    const withPriority = { ...issue, fields: { ...issue.fields, priority: { self: `https://airbyteio.atlassian.net/rest/api/3/priority/${id}`, iconUrl: `https://airbyteio.atlassian.net/images/icons/priorities/${name.toLowerCase()}.svg`, name, id } } };
    const decoded = JiraIssueCodec.decode(withPriority);
    if (E.isLeft(decoded)) return expect.fail('the real issue must decode');
    return mapPriority(jiraDefaultMappings(), toSourceIssue('https://airbyteio.atlassian.net')(decoded.right).rawPriority);
  };

  it('maps the classic scheme instead of letting it fall to the default', () => {
    const classic = [['Blocker', '1'], ['Critical', '2'], ['Major', '3'], ['Minor', '4'], ['Trivial', '5']] as const;
    expect(classic.map(([name, id]) => priorityOf(name, id))).to.deep.equal(['urgent', 'high', 'medium', 'low', 'low']);
  });

  it('still maps today’s scheme', () => {
    const current = [['Highest', '1'], ['High', '2'], ['Medium', '3'], ['Low', '4'], ['Lowest', '5']] as const;
    expect(current.map(([name, id]) => priorityOf(name, id))).to.deep.equal(['urgent', 'high', 'medium', 'low', 'low']);
  });
});
