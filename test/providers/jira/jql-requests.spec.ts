import { expect } from 'chai';
import { buildJql, jqlUpdatedLowerBound, parseJiraTimestamp, searchBody, SEARCH_FIELDS, withoutOrderBy } from '../../../adapters/providers/jira/index.js';

const ORDER = 'ORDER BY updated ASC, key ASC';
const MINUTE = 60_000;

describe('Jira JQL and request builders', () => {
  describe('buildJql', () => {
    it('is always bounded and resumable, even for a full sync of everything', () => {
      expect(buildJql({ filter: null, projectKeys: [], updatedFrom: null })).to.equal(`updated >= "1970-01-01 00:00" ${ORDER}`);
      expect(buildJql({ filter: ' order by rank ', projectKeys: [], updatedFrom: null })).to.equal(`updated >= "1970-01-01 00:00" ${ORDER}`);
    });

    it('combines the connection filter, the mapped projects and the incremental bound', () => {
      expect(buildJql({ filter: 'status != Done OR priority = High', projectKeys: ['OPS', 'WEB'], updatedFrom: '2024-06-01 13:08' })).to.equal(
        `(status != Done OR priority = High) AND project in ("OPS", "WEB") AND updated >= "2024-06-01 13:08" ${ORDER}`,
      );
    });

    it('drops the filter’s own ORDER BY but not words inside quotes', () => {
      expect(withoutOrderBy('status = Done ORDER BY created DESC')).to.equal('status = Done');
      expect(withoutOrderBy('summary ~ "order by phone" order by rank')).to.equal('summary ~ "order by phone"');
      expect(withoutOrderBy("labels = reorder AND summary ~ 'x order by y'")).to.equal("labels = reorder AND summary ~ 'x order by y'");
      expect(withoutOrderBy('(a = 1)ORDER BY key')).to.equal('(a = 1)');
    });

    it('quotes project keys so none can change the query', () => {
      expect(buildJql({ filter: null, projectKeys: ['A" OR project is not EMPTY OR "'], updatedFrom: null })).to.equal(
        `project in ("A\\" OR project is not EMPTY OR \\"") ${ORDER}`,
      );
    });

    it('asks for exactly the mapped fields and passes the page token on', () => {
      expect(searchBody('project = X', 100, null)).to.deep.equal({ jql: 'project = X', fields: SEARCH_FIELDS, maxResults: 100 });
      expect(searchBody('project = X', 100, 'tok')).to.include({ nextPageToken: 'tok' });
      expect(SEARCH_FIELDS).to.include.members(['summary', 'description', 'status', 'priority', 'assignee', 'project', 'created', 'updated', 'duedate']);
    });
  });

  describe('jqlUpdatedLowerBound', () => {
    const since = new Date('2024-06-01T20:10:30.500Z');

    it('writes the watermark minus the overlap on the account’s wall clock, truncated to the minute', () => {
      expect(jqlUpdatedLowerBound(since, 2 * MINUTE, 'America/Los_Angeles')).to.equal('2024-06-01 13:08');
      expect(jqlUpdatedLowerBound(since, 5 * MINUTE, 'Australia/Sydney')).to.equal('2024-06-02 06:05');
      expect(jqlUpdatedLowerBound(since, 2 * MINUTE, 'UTC')).to.equal('2024-06-01 20:08');
    });

    it('widens by the largest UTC offset when the zone is hidden or unknown', () => {
      expect(jqlUpdatedLowerBound(since, 2 * MINUTE, null)).to.equal('2024-06-01 06:08');
      expect(jqlUpdatedLowerBound(since, 2 * MINUTE, 'Mars/Olympus_Mons')).to.equal('2024-06-01 06:08');
    });

    it('steps back an hour next to a DST change, where a wall time names two instants', () => {
      // 01:30 happens twice in Los Angeles on 2024-11-03 (08:30Z and 09:30Z).
      expect(jqlUpdatedLowerBound(new Date('2024-11-03T08:32:00Z'), 2 * MINUTE, 'America/Los_Angeles')).to.equal('2024-11-03 00:30');
    });
  });

  describe('parseJiraTimestamp', () => {
    it('reads Jira’s offset without a colon and the ISO forms', () => {
      expect(parseJiraTimestamp('2022-12-08T02:22:18.889-0800')).to.deep.equal(new Date('2022-12-08T10:22:18.889Z'));
      expect(parseJiraTimestamp('2022-12-08T02:22:18.889-08:00')).to.deep.equal(new Date('2022-12-08T10:22:18.889Z'));
      expect(parseJiraTimestamp('2023-06-24T19:24:50.000+0000')).to.deep.equal(new Date('2023-06-24T19:24:50.000Z'));
      expect(parseJiraTimestamp('2023-06-24T19:24:50Z')).to.deep.equal(new Date('2023-06-24T19:24:50.000Z'));
      expect(parseJiraTimestamp('2023-06-24T19:24+0530')).to.deep.equal(new Date('2023-06-24T13:54:00.000Z'));
    });

    it('refuses what is not a zoned timestamp', () => {
      for (const text of ['2023-06-24', '2023-06-24T19:24:50', 'yesterday', '2023-13-01T00:00:00.000+0000']) {
        expect(parseJiraTimestamp(text), text).to.equal(null);
      }
    });
  });
});
