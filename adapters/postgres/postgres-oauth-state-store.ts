import { createHash, randomBytes } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { asOrganizationId, type Clock, type OAuthStateBinding, type OAuthStateStore, type PersistenceFailure, type ProviderName } from '../../core/index.js';
import { decodePendingClient } from './schema/json-columns.js';
import { attempt, type EntityManagerSource } from './database-call.js';
import { OAuthStateSchema } from './schema/oauth-state.schema.js';

/** Expired states are kept a while so a late callback is told "expired" rather than "unknown". */
const KEEP_EXPIRED_MS = 60 * 60_000;

const hashOf = (state: string) => createHash('sha256').update(state, 'utf8').digest('hex');

// Reading a state deletes it in the same statement: of two callbacks racing with one state, one wins.
const CONSUME = `
delete from oauth_states where state_hash = ?
returning organization_id, subject, provider, redirect_uri, client, expires_at`;

interface ConsumedRow {
  organization_id: string;
  subject: string;
  provider: ProviderName;
  redirect_uri: string;
  client: unknown;
  expires_at: Date;
}

const toBinding = (row: ConsumedRow): E.Either<PersistenceFailure, OAuthStateBinding> =>
  pipe(
    decodePendingClient(row.client),
    E.map((client) => ({
      organizationId: asOrganizationId(row.organization_id),
      subject: row.subject,
      provider: row.provider,
      redirectUri: row.redirect_uri,
      client,
      expiresAt: new Date(row.expires_at),
    })),
  );

/** States are 256 random bits; only their SHA-256 is stored, so the table alone lets no one complete an authorization. */
export const postgresOAuthStateStore = (em: EntityManagerSource, clock: Clock): OAuthStateStore => ({
  issue: (binding) => {
    const state = randomBytes(32).toString('base64url');
    const forgetBefore = new Date(clock.now().getTime() - KEEP_EXPIRED_MS);
    return pipe(
      attempt('Forgetting expired OAuth states', () => em().nativeDelete(OAuthStateSchema, { expiresAt: { $lt: forgetBefore } })),
      TE.chain(() => attempt('Saving the OAuth state', () => em().insert(OAuthStateSchema, { stateHash: hashOf(state), ...binding }))),
      TE.map(() => state),
    );
  },
  consume: (state) =>
    pipe(
      attempt('Reading the OAuth state', () => em().execute<ConsumedRow[]>(CONSUME, [hashOf(state)])),
      TE.chainEitherKW((rows) => (rows[0] === undefined ? E.right(null) : toBinding(rows[0]))),
    ),
});
