import type { Connection } from '../../domain/connection.js';
import { deepEqual } from '../../domain/deep-equal.js';
import { toJson, type JsonObject, type JsonValue } from '../../domain/json.js';

/** Secrets a change gave: each recorded by name, as `<field> rotated` (or `removed`), never by value. */
export interface GivenSecrets {
  readonly fields: ReadonlyArray<string>;
  readonly webhookSecret: 'rotated' | 'removed' | 'unchanged';
}

/** What a new connection is, without its secrets: which ones were set, by name. */
export const createdSummary = (connection: Connection): JsonObject => ({
  provider: connection.provider,
  name: connection.name,
  baseUrl: connection.baseUrl,
  site: connection.site,
  authMode: connection.credentials.authMode,
  enabled: connection.enabled,
  secretsSet: [...Object.keys(connection.credentials.secrets), ...(connection.webhookSecret === null ? [] : ['webhookSecret'])].sort(),
});

/** The non-secret fields a person edits, flattened: the provider's settings by their own names. */
const editable = (connection: Connection): Readonly<Record<string, unknown>> => ({
  name: connection.name,
  baseUrl: connection.baseUrl,
  site: connection.site,
  pollingEnabled: connection.pollingEnabled,
  projectMappings: connection.mappings.projects,
  ...connection.settings,
});

const changedValues = (before: Connection, after: Connection): Record<string, JsonValue> => {
  const was = editable(before);
  const is = editable(after);
  const names = [...new Set([...Object.keys(was), ...Object.keys(is)])].sort();
  return Object.fromEntries(
    names.filter((name) => !deepEqual(was[name], is[name])).map((name) => [name, { before: toJson(was[name] ?? null), after: toJson(is[name] ?? null) }]),
  );
};

const secretNotes = (given: GivenSecrets): ReadonlyArray<string> => [
  ...[...given.fields].sort().map((field) => `${field} rotated`),
  ...(given.webhookSecret === 'unchanged' ? [] : [`webhookSecret ${given.webhookSecret}`]),
];

/**
 * What an update changed besides `enabled` (audited as its own action): each field with its value
 * before and after, and each secret by name. Null when it changed nothing else.
 */
export const updatedSummary = (before: Connection, after: Connection, given: GivenSecrets): JsonObject | null => {
  const changes = changedValues(before, after);
  const secrets = secretNotes(given);
  if (Object.keys(changes).length === 0 && secrets.length === 0) return null;
  return { changed: [...Object.keys(changes), ...secrets.map((note) => note.split(' ')[0]!)], changes, secrets: [...secrets] };
};

/** What is left to know of a deleted connection. */
export const deletedSummary = (connection: Connection): JsonObject => ({
  provider: connection.provider,
  name: connection.name,
  baseUrl: connection.baseUrl,
  site: connection.site,
});
