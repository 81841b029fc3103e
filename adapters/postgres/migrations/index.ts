import { InitialSchema } from './0001-initial-schema.js';
import { Webhooks } from './0002-webhooks.js';
import { OAuth } from './0003-oauth.js';
import { WebhookInbox } from './0004-webhook-inbox.js';
import { ProviderContract } from './0005-provider-contract.js';
import { RequestBudgets } from './0006-request-budgets.js';
import { OAuthBrowserBinding } from './0007-oauth-browser-binding.js';
import { WorkspaceModules } from './0010-workspace-modules.js';
import { TaskKeyIndex } from './0011-task-key-index.js';
import { TaskBoardCompanyPhase } from './0035-task-board-company-phase.js';
import { SyncJobs } from './0045-sync-jobs.js';
import { OutboxAndAudit } from './0050-outbox-and-audit.js';
import { SyncRunOrigin } from './0051-sync-run-origin.js';
import { TaskStatusCategory } from './0060-task-status-category.js';
import { ConnectionProjectScope } from './0061-connection-project-scope.js';
import { TaskAssigneeExternalIdIndex } from './0062-task-assignee-external-id-index.js';
import { OutboxMappingCause } from './0063-outbox-mapping-cause.js';
import { TaskDataNotes } from './0065-task-data-notes.js';
import { Quarantine } from './0066-quarantine.js';
import { WebhookDeadLetters } from './0067-webhook-dead-letters.js';
import { TaskWrites } from './0070-task-writes.js';
import { RunningWritesIndex } from './0071-running-writes-index.js';

/**
 * Every migration, in order. Listed explicitly rather than globbed so the same list runs under tsx
 * and from compiled JavaScript. A name, once applied somewhere, must never change.
 */
export const migrationsList = [
  { name: '0001-initial-schema', class: InitialSchema },
  { name: '0002-webhooks', class: Webhooks },
  { name: '0003-oauth', class: OAuth },
  { name: '0004-webhook-inbox', class: WebhookInbox },
  { name: '0005-provider-contract', class: ProviderContract },
  { name: '0006-request-budgets', class: RequestBudgets },
  { name: '0007-oauth-browser-binding', class: OAuthBrowserBinding },
  { name: '0010-workspace-modules', class: WorkspaceModules },
  { name: '0011-task-key-index', class: TaskKeyIndex },
  { name: '0035-task-board-company-phase', class: TaskBoardCompanyPhase },
  { name: '0045-sync-jobs', class: SyncJobs },
  { name: '0050-outbox-and-audit', class: OutboxAndAudit },
  { name: '0051-sync-run-origin', class: SyncRunOrigin },
  { name: '0060-task-status-category', class: TaskStatusCategory },
  { name: '0061-connection-project-scope', class: ConnectionProjectScope },
  { name: '0062-task-assignee-external-id-index', class: TaskAssigneeExternalIdIndex },
  { name: '0063-outbox-mapping-cause', class: OutboxMappingCause },
  { name: '0065-task-data-notes', class: TaskDataNotes },
  { name: '0066-quarantine', class: Quarantine },
  { name: '0067-webhook-dead-letters', class: WebhookDeadLetters },
  { name: '0070-task-writes', class: TaskWrites },
  { name: '0071-running-writes-index', class: RunningWritesIndex },
];
