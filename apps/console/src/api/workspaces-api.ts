import * as t from 'io-ts';
import { envelope } from './codecs';
import type { Transport } from './transport';
import { WorkspaceModuleCodec } from './workspace-module';

const modulesPath = (workspaceId: string, rest = '') => `/api/workspaces/${encodeURIComponent(workspaceId)}/modules${rest}`;

/** `/api/workspaces/:workspaceId/modules`: which of taskport's modules a workspace of the product has on. */
export const workspacesApi = (http: Transport) => ({
  modules: async (workspaceId: string) => (await http.call('GET', modulesPath(workspaceId), envelope(t.array(WorkspaceModuleCodec)))).data,
  /** Switches one module; the body leaves `config` out, so the product's stored settings stay. */
  switchModule: async (workspaceId: string, moduleKey: string, enabled: boolean) =>
    (await http.call('PATCH', modulesPath(workspaceId, `/${encodeURIComponent(moduleKey)}`), envelope(WorkspaceModuleCodec), { enabled })).data,
});
