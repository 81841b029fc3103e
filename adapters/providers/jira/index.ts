export * from './jira-issue-source.js';
export * from './to-domain.js';
export * from './adf-to-text.js';
export * from './jira-time.js';
export * from './requests.js';
export * from './responses.js';
export * from './jira-webhook-decoder.js';
