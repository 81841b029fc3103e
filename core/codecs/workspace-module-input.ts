import * as t from 'io-ts';
import type { WorkspaceId } from '../domain/workspace-module.js';
import { withMessage } from './primitives.js';
import { strictObject } from './strict-object.js';

const WORKSPACE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

/**
 * 1 to 100 ASCII letters, digits, `.`, `_`, `:` or `-`, starting with a letter or digit: wide enough
 * for UUIDs, numbers, slugs and prefixed ids (`ws_42`, `team:7`), narrow enough to sit in a URL path
 * unescaped and never to be `.` or `..`. Compared exactly, letter case included.
 */
export const WorkspaceIdCodec = withMessage<WorkspaceId>(
  'WorkspaceId',
  'must be 1 to 100 letters, digits, ".", "_", ":" or "-", starting with a letter or digit',
  (s) => WORKSPACE_ID.test(s),
  (s) => s as WorkspaceId,
);

/** Route parameters of a workspace's routes. */
export const WorkspaceParamsCodec = t.type({ workspaceId: WorkspaceIdCodec });

/** Route parameters naming one module of a workspace; whether the key is a module is the catalog's to say. */
export const WorkspaceModuleParamsCodec = t.type({ workspaceId: WorkspaceIdCodec, moduleKey: t.string });
export type WorkspaceModuleParams = t.TypeOf<typeof WorkspaceModuleParamsCodec>;

export const MODULE_CONFIG_MAX_CHARACTERS = 16_384;

const serializedLength = (value: unknown): number => {
  try {
    return JSON.stringify(value).length;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
};

const isJsonObject = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u) && serializedLength(u) <= MODULE_CONFIG_MAX_CHARACTERS;

/** A JSON object of at most 16 KiB once serialized: the product's settings, kept as given. */
export const ModuleConfigCodec = new t.Type<Record<string, unknown>, Record<string, unknown>, unknown>(
  'ModuleConfig',
  isJsonObject,
  (u, c) =>
    isJsonObject(u) ? t.success(u) : t.failure(u, c, `must be a JSON object of at most ${MODULE_CONFIG_MAX_CHARACTERS} characters once serialized`),
  (a) => a,
);

/** Body of PATCH on a module: the switch, and the settings when they change (left out, they stay). */
export const WorkspaceModuleUpdateCodec = strictObject('WorkspaceModuleUpdate', { enabled: t.boolean }, { config: ModuleConfigCodec });
export type WorkspaceModuleUpdate = t.TypeOf<typeof WorkspaceModuleUpdateCodec>;
