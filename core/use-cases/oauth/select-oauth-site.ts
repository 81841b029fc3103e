import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeInput } from '../../codecs/decode.js';
import { selectSiteInputCodec } from '../../codecs/oauth-input.js';
import { asEntityId, type EntityId, type OrganizationId } from '../../domain/ids.js';
import { selectionSecretContext, type PendingSiteSelection } from '../../domain/oauth.js';
import type { PublicConnection } from '../../domain/public-connection.js';
import { oauthFailed, type DomainError } from '../../errors.js';
import type { Clock } from '../../ports/clock.js';
import type { ProviderRegistry } from '../../ports/provider.js';
import type { SiteSelectionStore } from '../../ports/site-selection-store.js';
import { publicConnectionOf } from '../providers/find-provider.js';
import { createOAuthConnection, type OAuthConnectionDeps } from './create-oauth-connection.js';
import { oauthTargetOf, type OAuthTarget } from './oauth-profile-of.js';
import { toPublicSiteSelection, type PublicSiteSelection } from './oauth-outcome.js';
import { clientContextOf } from './pending-client.js';
import type { OAuthRequester } from './start-oauth.js';

export interface SiteSelectionDeps extends OAuthConnectionDeps {
  readonly siteSelections: SiteSelectionStore;
}

const notFound = () =>
  oauthFailed('selection-not-found', 'No pending site selection of this organization offers that site (it may have expired or been used); start the authorization again');

const decryptTokens = (deps: SiteSelectionDeps, selection: PendingSiteSelection) => {
  const context = (field: 'oauthAccessToken' | 'oauthRefreshToken') => selectionSecretContext(selection.organizationId, selection.id, field);
  return pipe(
    TE.Do,
    TE.apS('accessToken', deps.cipher.decrypt(selection.tokens.accessToken, context('oauthAccessToken'))),
    TE.apS('refreshToken', deps.cipher.decrypt(selection.tokens.refreshToken, context('oauthRefreshToken'))),
    TE.map((plain) => ({ ...plain, expiresAt: selection.tokens.expiresAt, scopes: selection.tokens.scopes })),
  );
};

const connectChosen = (deps: SiteSelectionDeps, target: OAuthTarget, selection: PendingSiteSelection, siteId: string, requester: OAuthRequester) => {
  const site = selection.sites.find((s) => s.id === siteId);
  if (site === undefined) return TE.left(notFound());
  return pipe(
    TE.Do,
    TE.apS('tokens', decryptTokens(deps, selection)),
    TE.apS('client', clientContextOf(deps.cipher, selection.organizationId, selection.client)),
    TE.chainW(({ tokens, client }) => createOAuthConnection(deps, target)({ organizationId: selection.organizationId, site, tokens, client, origin: { actor: requester.actor, requestId: requester.requestId } })),
  );
};

/**
 * Completes a pending selection with the site a person of the same organization picked. The
 * selection is taken in the same step, so one grant never becomes two connections.
 */
export const selectOAuthSite =
  (deps: SiteSelectionDeps) =>
  (providerName: string, requester: OAuthRequester, body: unknown): TE.TaskEither<DomainError, PublicConnection> =>
    pipe(
      TE.fromEither(oauthTargetOf(deps.providers, providerName)),
      TE.bindTo('target'),
      TE.bindW('choice', ({ target }) => TE.fromEither(decodeInput(selectSiteInputCodec(target.oauth.siteIdField))(body))),
      TE.bindW('selection', ({ choice }) =>
        pipe(
          deps.siteSelections.take(requester.organizationId, {
            selectionId: choice.selectionId === undefined ? null : asEntityId(choice.selectionId),
            siteId: choice.siteId,
            now: deps.clock.now(),
          }),
          TE.chainW((selection) => (selection === null || selection.provider !== providerName ? TE.left(notFound()) : TE.right(selection))),
        ),
      ),
      TE.chainW(({ target, selection, choice }) => connectChosen(deps, target, selection, choice.siteId, requester)),
      TE.map(publicConnectionOf(deps.providers)),
    );

/** The sites of a pending selection of the caller's organization. */
export const getSiteSelection =
  (deps: { readonly siteSelections: SiteSelectionStore; readonly clock: Clock; readonly providers: ProviderRegistry }) =>
  (providerName: string, organizationId: OrganizationId, id: EntityId): TE.TaskEither<DomainError, PublicSiteSelection> =>
    pipe(
      TE.fromEither(oauthTargetOf(deps.providers, providerName)),
      TE.bindTo('target'),
      TE.bindW('selection', () => deps.siteSelections.find(organizationId, id, deps.clock.now())),
      TE.chainW(({ target, selection }) =>
        selection === null || selection.provider !== providerName ? TE.left(notFound()) : TE.right(toPublicSiteSelection(target.oauth.siteIdField)(selection)),
      ),
    );
