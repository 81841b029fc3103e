import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { OrganizationId } from '../../domain/ids.js';
import { pendingClientSecretContext, type PendingOAuthClient } from '../../domain/oauth.js';
import type { SecretUnreadable } from '../../errors.js';
import type { Cipher } from '../../ports/cipher.js';
import type { OAuthClientContext } from '../../ports/oauth-provider.js';
import { decryptEach } from '../encrypt-secret.js';

/** The client of a pending authorization, its secrets decrypted for the calls that finish it. */
export const clientContextOf = (cipher: Cipher, organizationId: OrganizationId, client: PendingOAuthClient): TE.TaskEither<SecretUnreadable, OAuthClientContext> =>
  pipe(
    decryptEach(cipher, (field) => pendingClientSecretContext(organizationId, client.id, field))(client.secrets),
    TE.map((secrets) => ({ baseUrl: client.baseUrl, settings: client.settings, secrets })),
  );
