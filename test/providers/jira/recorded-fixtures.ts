import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The recorded Jira payloads, read in place from the shared folder beside the repository. */
export const JIRA_FIXTURES_DIR = fileURLToPath(new URL('../../../shared/fixtures/providers/jira/', import.meta.url));

export const jiraFixture = (name: string): unknown => JSON.parse(readFileSync(`${JIRA_FIXTURES_DIR}${name}`, 'utf8')) as unknown;

export const jiraFixtureNames = (): ReadonlyArray<string> => readdirSync(JIRA_FIXTURES_DIR).filter((f) => f.endsWith('.json')).sort();

/** Recursively: which keys an object has and what JSON type each value is, to compare shapes. */
export const keysOf = (value: unknown): ReadonlyArray<string> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value).sort() : [];

export const jsonType = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
