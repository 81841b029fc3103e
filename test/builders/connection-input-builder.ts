export const JIRA_BASE_URL = 'https://acme.atlassian.net';
export const JIRA_EMAIL = 'integrations@acme.example';
export const JIRA_API_TOKEN = 'ATATT3xFfGF0-secret-api-token';
export const WEBHOOK_SECRET = 'whsec-very-secret-value';

/** Body of "create a Jira connection", as a client would send it. */
export const aJiraConnectionInput = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'jira',
  name: 'Acme Jira',
  baseUrl: JIRA_BASE_URL,
  email: JIRA_EMAIL,
  apiToken: JIRA_API_TOKEN,
  ...overrides,
});
