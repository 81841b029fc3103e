import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { secretContext, type Connection } from '../domain/connection.js';
import { providerNotSupported, type ProviderNotSupported, type SecretUnreadable } from '../errors.js';
import type { Cipher } from '../ports/cipher.js';
import type { IssueSource, IssueSourceRegistry, SourceConnection } from '../ports/issue-source.js';

export interface ReachableSource {
  readonly source: IssueSource;
  readonly connection: SourceConnection;
}

/** The provider's adapter plus the connection with its secrets decrypted, ready for one call. */
export const reachSource =
  (deps: { readonly sources: IssueSourceRegistry; readonly cipher: Cipher }) =>
  (connection: Connection): TE.TaskEither<ProviderNotSupported | SecretUnreadable, ReachableSource> => {
    const source = deps.sources(connection.provider);
    if (source === undefined) return TE.left(providerNotSupported(connection.provider));
    const { credentials } = connection;
    return pipe(
      deps.cipher.decrypt(credentials.apiToken, secretContext(connection.organizationId, connection.id, 'apiToken')),
      TE.map((apiToken) => ({
        source,
        connection: {
          organizationId: connection.organizationId,
          connectionId: connection.id,
          provider: connection.provider,
          baseUrl: connection.baseUrl,
          access: { kind: 'api-token', email: credentials.email, apiToken },
        },
      })),
    );
  };
