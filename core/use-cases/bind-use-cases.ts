import { completeOAuth } from './oauth/complete-oauth.js';
import { getSiteSelection, selectOAuthSite } from './oauth/select-oauth-site.js';
import { startOAuth } from './oauth/start-oauth.js';
import { createConnection } from './create-connection.js';
import { createUserMapping } from './create-user-mapping.js';
import { deleteConnection } from './delete-connection.js';
import { deleteUserMapping } from './delete-user-mapping.js';
import { getConnection } from './get-connection.js';
import { getMappings } from './get-mappings.js';
import { getTask } from './get-task.js';
import { listConnections } from './list-connections.js';
import { listProviders } from './list-providers.js';
import { listQuarantinedIssues } from './list-quarantined-issues.js';
import { listSyncRuns } from './list-sync-runs.js';
import { listTasks } from './list-tasks.js';
import { listUserMappings } from './list-user-mappings.js';
import { patchMappings } from './mappings/patch-mappings.js';
import { replaceMappings } from './replace-mappings.js';
import { syncNow } from './sync-now.js';
import { requestSync } from './request-sync.js';
import { runSyncJob } from './run-sync-job.js';
import { cancelSyncRun } from './cancel-sync-run.js';
import { getSyncRun } from './get-sync-run.js';
import { closeInterruptedRuns } from './close-interrupted-runs.js';
import { planScheduledSyncs } from './plan-scheduled-syncs.js';
import { testConnection } from './test-connection.js';
import { updateConnection } from './update-connection.js';
import { processWebhookInbox } from './webhooks/process-webhook-inbox.js';
import { receiveWebhook } from './webhooks/receive-webhook.js';
import { listWebhookDeadLetters, replayWebhookDeadLetters } from './webhooks/webhook-dead-letters.js';
import { resolveTaskReferences } from './resolve-task-references.js';
import { getWorkspaceModule } from './workspace-modules/get-workspace-module.js';
import { listWorkspaceModules } from './workspace-modules/list-workspace-modules.js';
import { requireEnabledModule } from './workspace-modules/require-enabled-module.js';
import { updateWorkspaceModule } from './workspace-modules/update-workspace-module.js';
import { listAuditEvents } from './audit/list-audit-events.js';
import { createEventEndpoint } from './event-endpoints/create-event-endpoint.js';
import { listEventDeliveries, retryEventDelivery } from './event-endpoints/endpoint-deliveries.js';
import { deleteEventEndpoint, getEventEndpoint, listEventEndpoints } from './event-endpoints/manage-event-endpoints.js';
import { updateEventEndpoint } from './event-endpoints/update-event-endpoint.js';
import { deliverEvents } from './events/deliver-events.js';
import { feedSubscriber } from './events/feed-subscriber.js';
import { listEvents } from './events/list-events.js';
import { publishEvents, trimEvents } from './events/publish-events.js';
import { createTask } from './create-task.js';
import { updateTask } from './update-task.js';
import { getWrite } from './get-write.js';
import { runWriteJob } from './run-write-job.js';

type DepsOf<F> = F extends (deps: infer D) => unknown ? D : never;

/** Everything any use case asks for: what a composition root must provide. */
export type UseCaseDependencies = DepsOf<typeof createConnection> &
  DepsOf<typeof updateConnection> &
  DepsOf<typeof testConnection> &
  DepsOf<typeof syncNow> &
  DepsOf<typeof runSyncJob> &
  DepsOf<typeof cancelSyncRun> &
  DepsOf<typeof closeInterruptedRuns> &
  DepsOf<typeof planScheduledSyncs> &
  DepsOf<typeof listSyncRuns> &
  DepsOf<typeof listQuarantinedIssues> &
  DepsOf<typeof replaceMappings> &
  DepsOf<typeof createUserMapping> &
  DepsOf<typeof listTasks> &
  DepsOf<typeof receiveWebhook> &
  DepsOf<typeof processWebhookInbox> &
  DepsOf<typeof replayWebhookDeadLetters> &
  DepsOf<typeof startOAuth> &
  DepsOf<typeof completeOAuth> &
  DepsOf<typeof selectOAuthSite> &
  DepsOf<typeof getSiteSelection> &
  DepsOf<typeof updateWorkspaceModule> &
  DepsOf<typeof deleteConnection> &
  DepsOf<typeof listUserMappings> &
  DepsOf<typeof createEventEndpoint> &
  DepsOf<typeof listEventDeliveries> &
  DepsOf<typeof listEvents> &
  DepsOf<typeof deliverEvents> &
  DepsOf<typeof feedSubscriber> &
  DepsOf<typeof listAuditEvents> &
  DepsOf<typeof createTask> &
  DepsOf<typeof updateTask> &
  DepsOf<typeof getWrite> &
  DepsOf<typeof runWriteJob>;

/** Every use case bound to one set of dependencies, so each composition root lists them once: here. */
export const bindUseCases = (deps: UseCaseDependencies) => ({
  listProviders: listProviders(deps),
  createConnection: createConnection(deps),
  listConnections: listConnections(deps),
  getConnection: getConnection(deps),
  updateConnection: updateConnection(deps),
  deleteConnection: deleteConnection(deps),
  testConnection: testConnection(deps),
  syncNow: syncNow(deps),
  requestSync: requestSync(deps),
  runSyncJob: runSyncJob(deps),
  cancelSyncRun: cancelSyncRun(deps),
  getSyncRun: getSyncRun(deps),
  closeInterruptedRuns: closeInterruptedRuns(deps),
  planScheduledSyncs: planScheduledSyncs(deps),
  listSyncRuns: listSyncRuns(deps),
  listQuarantinedIssues: listQuarantinedIssues(deps),
  getMappings: getMappings(deps),
  replaceMappings: replaceMappings(deps),
  patchMappings: patchMappings(deps),
  createUserMapping: createUserMapping(deps),
  listUserMappings: listUserMappings(deps),
  deleteUserMapping: deleteUserMapping(deps),
  listTasks: listTasks(deps),
  getTask: getTask(deps),
  receiveWebhook: receiveWebhook(deps),
  processWebhookInbox: processWebhookInbox(deps),
  listWebhookDeadLetters: listWebhookDeadLetters(deps),
  replayWebhookDeadLetters: replayWebhookDeadLetters(deps),
  startOAuth: startOAuth(deps),
  completeOAuth: completeOAuth(deps),
  selectOAuthSite: selectOAuthSite(deps),
  getSiteSelection: getSiteSelection(deps),
  resolveTaskReferences: resolveTaskReferences(deps),
  listWorkspaceModules: listWorkspaceModules(deps),
  getWorkspaceModule: getWorkspaceModule(deps),
  updateWorkspaceModule: updateWorkspaceModule(deps),
  requireEnabledModule: requireEnabledModule(deps),
  createEventEndpoint: createEventEndpoint(deps),
  listEventEndpoints: listEventEndpoints(deps),
  getEventEndpoint: getEventEndpoint(deps),
  updateEventEndpoint: updateEventEndpoint(deps),
  deleteEventEndpoint: deleteEventEndpoint(deps),
  listEventDeliveries: listEventDeliveries(deps),
  retryEventDelivery: retryEventDelivery(deps),
  listEvents: listEvents(deps),
  publishEvents: publishEvents(deps),
  trimEvents: trimEvents(deps),
  deliverEvents: deliverEvents(deps),
  feedSubscriber: feedSubscriber(deps),
  listAuditEvents: listAuditEvents(deps),
  createTask: createTask(deps),
  updateTask: updateTask(deps),
  getWrite: getWrite(deps),
  runWriteJob: runWriteJob(deps),
});

export type UseCases = ReturnType<typeof bindUseCases>;
