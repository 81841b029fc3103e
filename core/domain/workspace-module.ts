import type { OrganizationId } from './ids.js';

/**
 * A workspace of the embedding product, inside an organization. taskport stores nothing about it but
 * its module switches, so any id the product uses will do within the format of `WorkspaceIdCodec`.
 */
export type WorkspaceId = string & { readonly WorkspaceId: unique symbol };

/** A feature a workspace can switch on and off, with the state it has until someone does. */
export interface KnownWorkspaceModule {
  readonly key: string;
  readonly defaultEnabled: boolean;
}

/** Every module there is, in the order they are listed; a key not in it is not a module. */
export type WorkspaceModuleCatalog = ReadonlyArray<KnownWorkspaceModule>;

export const INTEGRATIONS_MODULE = 'integrations';
export const EXTERNAL_TASKS_MODULE = 'external-tasks';

/**
 * taskport's modules: the integrations as a whole, one per provider the composition root names
 * (`integrations.<provider>`), and the external tasks. All are on until a workspace switches them off,
 * so a product that never touches the switches keeps every feature. Each switch stands alone: a route
 * that needs two modules asks for both.
 */
export const workspaceModuleCatalog = (providerNames: ReadonlyArray<string>): WorkspaceModuleCatalog => [
  { key: INTEGRATIONS_MODULE, defaultEnabled: true },
  ...[...new Set(providerNames)].map((name) => ({ key: `${INTEGRATIONS_MODULE}.${name}`, defaultEnabled: true })),
  { key: EXTERNAL_TASKS_MODULE, defaultEnabled: true },
];

export const findKnownModule = (catalog: WorkspaceModuleCatalog, key: string): KnownWorkspaceModule | undefined =>
  catalog.find((module) => module.key === key);

/** Where one module of one workspace was switched; stored per (organization, workspace, module). */
export interface WorkspaceModuleSwitch {
  readonly organizationId: OrganizationId;
  readonly workspaceId: WorkspaceId;
  readonly moduleKey: string;
  readonly enabled: boolean;
  /** The product's settings for the module: a JSON object taskport keeps but does not read. */
  readonly config: Readonly<Record<string, unknown>>;
  readonly updatedAt: Date;
}

/** A module as a workspace sees it: its switch, or its default when never switched. */
export interface WorkspaceModuleState {
  readonly key: string;
  readonly workspaceId: WorkspaceId;
  readonly enabled: boolean;
  readonly defaultEnabled: boolean;
  readonly config: Readonly<Record<string, unknown>>;
  /** When the workspace last switched it; null while it has its default. */
  readonly updatedAt: Date | null;
}

export const moduleState = (
  known: KnownWorkspaceModule,
  workspaceId: WorkspaceId,
  stored: WorkspaceModuleSwitch | undefined,
): WorkspaceModuleState => ({
  key: known.key,
  workspaceId,
  enabled: stored?.enabled ?? known.defaultEnabled,
  defaultEnabled: known.defaultEnabled,
  config: stored?.config ?? {},
  updatedAt: stored?.updatedAt ?? null,
});
