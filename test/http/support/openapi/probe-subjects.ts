import { asEntityId, asOrganizationId } from '../../../../core/index.js';
import { postgresPersistence } from '../../../../apps/api/postgres-persistence.js';
import { aConnection } from '../../../support/builders/connection.js';
import type { TestApi } from '../test-api.js';
import type { DocumentedOperation } from './contract.js';

/** What the probed paths name: connections of every provider, stored for the probing organization. */
export interface ProbeSubjects {
  readonly token: string;
  /** By provider (its first auth mode), and by `<provider>/<auth mode>` for each of its modes. */
  readonly connections: Readonly<Record<string, string>>;
}

const storeConnection = async (api: TestApi, organizationId: string, provider: string, authMode: string): Promise<string> => {
  const host = `${authMode}.${provider}.probe.test`;
  const stored = await postgresPersistence(api.orm).connections.insert(
    aConnection({
      organizationId: asOrganizationId(organizationId),
      id: asEntityId(crypto.randomUUID()),
      provider,
      baseUrl: `https://${host}`,
      site: host,
      settings: {},
      credentials: { authMode, secrets: {}, oauth: null },
    }),
  )();
  if (stored._tag === 'Left') throw new Error(`storing a ${provider} connection failed: ${stored.left._tag}`);
  return stored.right.id;
};

/**
 * A connection of each provider `GET /api/providers` lists, in each of its auth modes. They are
 * stored through the repository, not created over HTTP: a body is decoded before any tracker is
 * asked anything, so no tracker needs to exist for its connection to be probed.
 */
export const connectionPerProvider = async (api: TestApi, organizationId: string, token: string): Promise<Record<string, string>> => {
  const catalogue = (await api.http.call('GET', '/api/providers', { token })).json.data as Array<{ name: string; authModes: string[] }>;
  const connections: Record<string, string> = {};
  for (const { name, authModes } of catalogue) {
    for (const mode of authModes) connections[`${name}/${mode}`] = await storeConnection(api, organizationId, name, mode);
    connections[name] = connections[`${name}/${authModes[0]}`] ?? (await storeConnection(api, organizationId, name, 'none'));
  }
  return connections;
};

/** The providers the API serves: the connections' keys without an auth mode. */
export const servedProviders = (subjects: ProbeSubjects): ReadonlyArray<string> => Object.keys(subjects.connections).filter((key) => !key.includes('/'));

/**
 * The operation's path with its parameters filled in, for the body variant of `provider` when the
 * body is chosen by provider: `{provider}` is that provider, `{id}` a connection of it in `authMode`
 * (its first mode unless given; the first provider's otherwise), any other parameter its first
 * example in the document, or a fresh
 * UUID when it is one. Routes of other records (tasks, user mappings, deliveries) refuse query
 * fields before reading the record, so a UUID that names nothing serves them.
 */
export const probedPath = (operation: DocumentedOperation, subjects: ProbeSubjects, provider?: string, authMode?: string): string =>
  operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === 'provider' && provider !== undefined) return provider;
    const connection = provider === undefined ? servedProviders(subjects)[0]! : authMode === undefined ? provider : `${provider}/${authMode}`;
    if (name === 'id') return subjects.connections[connection] ?? `no-${connection}-connection`;
    const schema = operation.pathParameters.find((p) => p.name === name)?.schema;
    const example = schema?.examples?.[0] ?? (schema?.format === 'uuid' ? crypto.randomUUID() : undefined);
    if (example === undefined) throw new Error(`docs/openapi.yaml: give the path parameter ${name} of ${operation.method} ${operation.path} an example to probe it with`);
    return encodeURIComponent(String(example));
  });
