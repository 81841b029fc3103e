export * from './jira-simulator.js';
export * from './accounts.js';
export * from './faults.js';
export type { IssueStore, EditableFields, NewIssue } from './issue-store.js';
export type { IssueChange, IssueRecord, ChangeItem } from './model.js';
export type { LoggedRequest, RequestLog } from './request-log.js';
export type { DeliveryAttempt, WebhookControl, WebhookDelivery, WebhookSettings } from './webhook-sender.js';
export * from './oauth-settings.js';
export type { OAuthControl, TokenRequestCounts } from './oauth-server.js';
