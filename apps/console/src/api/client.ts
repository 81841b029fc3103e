import { auditApi } from './audit-api';
import { connectionsApi } from './connections-api';
import { providersApi } from './providers-api';
import { tasksApi } from './tasks-api';
import { transport, type TransportOptions } from './transport';
import { userMappingsApi } from './user-mappings-api';
import { workspacesApi } from './workspaces-api';

/** Everything the console asks of the public API, typed and decoded. */
export const apiClient = (options: TransportOptions) => {
  const http = transport(options);
  return {
    audit: auditApi(http),
    connections: connectionsApi(http),
    providers: providersApi(http),
    tasks: tasksApi(http),
    userMappings: userMappingsApi(http),
    workspaces: workspacesApi(http),
  };
};
export type ApiClient = ReturnType<typeof apiClient>;
