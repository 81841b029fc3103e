import { connectionsApi } from './connections-api';
import { providersApi } from './providers-api';
import { tasksApi } from './tasks-api';
import { transport, type TransportOptions } from './transport';
import { userMappingsApi } from './user-mappings-api';

/** Everything the console asks of the public API, typed and decoded. */
export const apiClient = (options: TransportOptions) => {
  const http = transport(options);
  return {
    connections: connectionsApi(http),
    providers: providersApi(http),
    tasks: tasksApi(http),
    userMappings: userMappingsApi(http),
  };
};
export type ApiClient = ReturnType<typeof apiClient>;
