import { fixturesDir, recordedFixture, recordedFixtureNames } from '../../fixtures/recorded.js';

export { jsonType, keysOf } from '../../fixtures/recorded.js';

/** The recorded Jira payloads, kept in the repository under test/fixtures/jira. */
export const JIRA_FIXTURES_DIR = fixturesDir('jira');

export const jiraFixture = (name: string): unknown => recordedFixture('jira', name);

export const jiraFixtureNames = (): ReadonlyArray<string> => recordedFixtureNames('jira');
