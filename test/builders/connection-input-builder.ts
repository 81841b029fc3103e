export const TRACKER_BASE_URL = 'https://acme.tracker.test';
export const TRACKER_EMAIL = 'integrations@acme.example';
export const TRACKER_API_TOKEN = 'tracker-secret-api-token-3xFfGF0';
export const WEBHOOK_SECRET = 'whsec-very-secret-value';

/** Body of "create a connection" of the fake tracker, as a client would send it. */
export const aConnectionInput = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'tracker',
  name: 'Acme Tracker',
  baseUrl: TRACKER_BASE_URL,
  email: TRACKER_EMAIL,
  apiToken: TRACKER_API_TOKEN,
  ...overrides,
});

export const JIRA_BASE_URL = 'https://acme.atlassian.net';
export const JIRA_EMAIL = 'integrations@acme.example';
export const JIRA_API_TOKEN = 'ATATT3xFfGF0-secret-api-token';

/** Body of "create a Jira connection", as a client would send it. */
export const aJiraConnectionInput = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'jira',
  name: 'Acme Jira',
  baseUrl: JIRA_BASE_URL,
  email: JIRA_EMAIL,
  apiToken: JIRA_API_TOKEN,
  ...overrides,
});
