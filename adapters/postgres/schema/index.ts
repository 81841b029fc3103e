import { ConnectionSchema } from './connection.schema.js';
import { QuarantinedIssueSchema } from './quarantined-issue.schema.js';
import { OAuthStateSchema } from './oauth-state.schema.js';
import { RequestBudgetSchema } from './request-budget.schema.js';
import { SiteSelectionSchema } from './site-selection.schema.js';
import { TaskSchema } from './external-task.schema.js';
import { SyncRunSchema } from './sync-run.schema.js';
import { TaskEventSchema } from './task-event.schema.js';
import { UserMappingSchema } from './user-mapping.schema.js';
import { WebhookInboxSchema } from './webhook-inbox.schema.js';
import { WorkspaceModuleSchema } from './workspace-module.schema.js';
import { AuditEventSchema } from './audit-event.schema.js';
import { WriteSchema } from './write.schema.js';
import { EventDeliverySchema, EventEndpointSchema } from './event-endpoint.schema.js';
import { EventFeedHeadSchema, EventSubscriptionSchema, OutboxEventSchema } from './outbox.schema.js';

/** Every table the adapter maps; the migrations create exactly these. */
export const entitySchemas = [
  ConnectionSchema,
  TaskSchema,
  TaskEventSchema,
  UserMappingSchema,
  SyncRunSchema,
  OAuthStateSchema,
  SiteSelectionSchema,
  WebhookInboxSchema,
  WorkspaceModuleSchema,
  RequestBudgetSchema,
  OutboxEventSchema,
  EventFeedHeadSchema,
  EventEndpointSchema,
  EventDeliverySchema,
  EventSubscriptionSchema,
  AuditEventSchema,
  WriteSchema,
  QuarantinedIssueSchema,
];
