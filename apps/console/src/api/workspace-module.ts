import * as t from 'io-ts';
import { nullable } from './codecs';

/** A module of taskport as one workspace of the product has it: its switch, or its default. */
export const WorkspaceModuleCodec = t.type({
  key: t.string,
  workspaceId: t.string,
  enabled: t.boolean,
  defaultEnabled: t.boolean,
  // The product's own settings for the module: kept by taskport, never edited by the console.
  config: t.UnknownRecord,
  updatedAt: nullable(t.string),
});
export type WorkspaceModule = t.TypeOf<typeof WorkspaceModuleCodec>;
