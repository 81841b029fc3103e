import * as E from 'fp-ts/lib/Either.js';
import type { Connection } from '../../domain/connection.js';
import { toPublicConnection, type PublicConnection } from '../../domain/public-connection.js';
import type { ProviderDescription } from '../../domain/provider-description.js';
import {
  invalidInput,
  providerNotFound,
  providerNotSupported,
  type FieldIssue,
  type InvalidInput,
  type ProviderNotFound,
  type ProviderNotSupported,
} from '../../errors.js';
import type { Provider, ProviderRegistry } from '../../ports/provider.js';

/** The provider of a stored connection: one this server no longer speaks to cannot be reached. */
export const providerOf = (registry: ProviderRegistry, name: string): E.Either<ProviderNotSupported, Provider> => {
  const found = registry.find(name);
  return found === undefined ? E.left(providerNotSupported(name)) : E.right(found);
};

/** The provider a request path names: an unknown one is simply not there. */
export const providerNamed = (registry: ProviderRegistry, name: string): E.Either<ProviderNotFound, Provider> => {
  const found = registry.find(name);
  return found === undefined ? E.left(providerNotFound(name)) : E.right(found);
};

/** What a body naming an unknown provider is told, with the names it could have used. */
export const unknownProviderIssue = (registry: ProviderRegistry, path: string): FieldIssue => ({
  path,
  message: `must be one of ${registry
    .all()
    .map((p) => p.description.name)
    .join(', ')}`,
});

/** A description with no fields, for a connection whose provider is no longer registered: it can still be listed. */
const bareDescription = (name: string): ProviderDescription => ({ name, displayName: name, authModes: [], fields: [] });

export const describeProvider = (registry: ProviderRegistry, name: string): ProviderDescription =>
  registry.find(name)?.description ?? bareDescription(name);

/** The public view of a connection, with its provider's fields. */
export const publicConnectionOf =
  (registry: ProviderRegistry) =>
  (connection: Connection): PublicConnection =>
    toPublicConnection(describeProvider(registry, connection.provider))(connection);

/**
 * A decoded body, with the provider named at `path` checked against the registry too: an unknown
 * one is reported beside every other bad field, not only once the rest is valid.
 */
export const withKnownProvider =
  (registry: ProviderRegistry, path: string, raw: unknown) =>
  <A>(decoded: E.Either<InvalidInput, A>): E.Either<InvalidInput, A> => {
    const value = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[path] : undefined;
    if (typeof value !== 'string' || registry.find(value) !== undefined) return decoded;
    const issue = unknownProviderIssue(registry, path);
    if (E.isRight(decoded)) return E.left(invalidInput([issue]));
    return E.left(invalidInput([...decoded.left.details.filter((d) => d.path !== path), issue]));
  };
