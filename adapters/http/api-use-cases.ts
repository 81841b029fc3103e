import type {
  completeOAuth,
  createConnection,
  createUserMapping,
  deleteConnection,
  deleteUserMapping,
  getConnection,
  getMappings,
  getSiteSelection,
  getTask,
  listConnections,
  listSyncRuns,
  listTasks,
  listUserMappings,
  receiveWebhook,
  replaceMappings,
  selectOAuthSite,
  startOAuth,
  syncNow,
  testConnection,
  updateConnection,
} from '../../core/index.js';

/** The use cases the HTTP API calls, already bound to their adapters by the composition root. */
export interface ApiUseCases {
  readonly createConnection: ReturnType<typeof createConnection>;
  readonly listConnections: ReturnType<typeof listConnections>;
  readonly getConnection: ReturnType<typeof getConnection>;
  readonly updateConnection: ReturnType<typeof updateConnection>;
  readonly deleteConnection: ReturnType<typeof deleteConnection>;
  readonly testConnection: ReturnType<typeof testConnection>;
  readonly syncNow: ReturnType<typeof syncNow>;
  readonly listSyncRuns: ReturnType<typeof listSyncRuns>;
  readonly getMappings: ReturnType<typeof getMappings>;
  readonly replaceMappings: ReturnType<typeof replaceMappings>;
  readonly createUserMapping: ReturnType<typeof createUserMapping>;
  readonly listUserMappings: ReturnType<typeof listUserMappings>;
  readonly deleteUserMapping: ReturnType<typeof deleteUserMapping>;
  readonly listTasks: ReturnType<typeof listTasks>;
  readonly getTask: ReturnType<typeof getTask>;
  readonly receiveWebhook: ReturnType<typeof receiveWebhook>;
  readonly startOAuth: ReturnType<typeof startOAuth>;
  readonly completeOAuth: ReturnType<typeof completeOAuth>;
  readonly selectOAuthSite: ReturnType<typeof selectOAuthSite>;
  readonly getSiteSelection: ReturnType<typeof getSiteSelection>;
}

/** Readiness of what the API depends on (the database). */
export type ReadinessCheck = () => Promise<boolean>;
