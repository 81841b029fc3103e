export * from './servicenow-simulator.js';
export * from './accounts.js';
export { SIMULATOR_SERVICENOW_CLIENT, type ServiceNowOAuthSettings, type ServiceNowOAuthControl } from './oauth-server.js';
export type { RecordStore, SnRecord, RecordChange } from './record-store.js';
export type { SnLoggedRequest, SnRequestLog } from './request-log.js';
export type { BusinessRuleControl, BusinessRuleDelivery, BusinessRuleSettings } from './webhook-sender.js';
export { TASK_TABLES } from './schema.js';
export type { QueryQuirks } from './query-quirks.js';
