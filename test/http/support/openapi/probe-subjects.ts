import { asEntityId, asOrganizationId } from '../../../../core/index.js';
import { postgresPersistence } from '../../../../apps/api/postgres-persistence.js';
import { aConnection } from '../../../support/builders/connection.js';
import type { TestApi } from '../test-api.js';
import type { DocumentedOperation } from './contract.js';

/** What the probed paths name: a connection of each provider, stored for the probing organization. */
export interface ProbeSubjects {
  readonly token: string;
  readonly connections: Readonly<Record<string, string>>;
}

/**
 * One connection per provider `GET /api/providers` lists, in its first auth mode. They are stored
 * through the repository, not created over HTTP: a body is decoded before any tracker is asked
 * anything, so no tracker needs to exist for its connection to be probed.
 */
export const connectionPerProvider = async (api: TestApi, organizationId: string, token: string): Promise<Record<string, string>> => {
  const catalogue = (await api.http.call('GET', '/api/providers', { token })).json.data as Array<{ name: string; authModes: string[] }>;
  const connections = postgresPersistence(api.orm).connections;
  const entries = await Promise.all(
    catalogue.map(async ({ name, authModes }) => {
      const host = `${name}.probe.test`;
      const stored = await connections.insert(
        aConnection({
          organizationId: asOrganizationId(organizationId),
          id: asEntityId(crypto.randomUUID()),
          provider: name,
          baseUrl: `https://${host}`,
          site: host,
          settings: {},
          credentials: { authMode: authModes[0] ?? 'none', secrets: {}, oauth: null },
        }),
      )();
      if (stored._tag === 'Left') throw new Error(`storing a ${name} connection failed: ${stored.left._tag}`);
      return [name, stored.right.id] as const;
    }),
  );
  return Object.fromEntries(entries);
};

/**
 * The operation's path with its parameters filled in, for the body variant of `provider` when the
 * body is chosen by provider: `{provider}` is that provider, `{id}` a connection of it (of the
 * first provider otherwise), any other parameter its first example in the document, or a fresh
 * UUID when it is one. Routes of other records (tasks, user mappings, deliveries) refuse query
 * fields before reading the record, so a UUID that names nothing serves them.
 */
export const probedPath = (operation: DocumentedOperation, subjects: ProbeSubjects, provider?: string): string =>
  operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === 'provider' && provider !== undefined) return provider;
    if (name === 'id') return subjects.connections[provider ?? Object.keys(subjects.connections)[0]!] ?? `no-${provider}-connection`;
    const schema = operation.pathParameters.find((p) => p.name === name)?.schema;
    const example = schema?.examples?.[0] ?? (schema?.format === 'uuid' ? crypto.randomUUID() : undefined);
    if (example === undefined) throw new Error(`docs/openapi.yaml: give the path parameter ${name} of ${operation.method} ${operation.path} an example to probe it with`);
    return encodeURIComponent(String(example));
  });
