import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import jwksRsa from 'jwks-rsa';
import type { Middleware } from 'koa';
import koaJwt from 'koa-jwt';
import { asOrganizationId, isUuid, nonEmptyString } from '../../../core/index.js';
import { sendError } from '../respond.js';

/** How tokens are verified, and how far ahead their expiry may be (`DEFAULT_JWT_MAX_LIFETIME_SECONDS` unless given). */
export type JwtVerification = (
  | { readonly kind: 'hs256'; readonly secret: string }
  | { readonly kind: 'jwks'; readonly jwksUrl: string }
) & { readonly maxLifetimeSeconds?: number };

export const DEFAULT_JWT_MAX_LIFETIME_SECONDS = 24 * 3600;
/** Issuers' clocks run a little ahead of ours; a token of exactly the maximum lifetime must still pass. */
const CLOCK_SKEW_SECONDS = 60;

/**
 * The claims taskport relies on. `exp` is required so no token lives forever; the organization is a
 * UUID, exactly as given, so `acme-corp` or a padded id cannot become a tenant of its own.
 */
const ClaimsCodec = t.type({
  organizationId: t.refinement(t.string, isUuid, 'OrganizationUuid'),
  sub: nonEmptyString(200),
  exp: t.number,
});

const verifier = (verification: JwtVerification) =>
  verification.kind === 'hs256'
    ? koaJwt({ secret: verification.secret, algorithms: ['HS256'], key: 'user' })
    : koaJwt({
        secret: jwksRsa.koaJwtSecret({ jwksUri: verification.jwksUrl, cache: true, rateLimit: true, jwksRequestsPerMinute: 10 }),
        algorithms: ['RS256'],
        key: 'user',
      });

const claims =
  (maxLifetimeSeconds: number): Middleware =>
  async (ctx, next) => {
    const decoded = ClaimsCodec.decode(ctx.state.user);
    if (E.isLeft(decoded)) {
      return sendError(ctx, 401, 'auth/unauthorized', 'The token must carry organizationId (a UUID), sub and exp');
    }
    if (decoded.right.exp - Date.now() / 1000 > maxLifetimeSeconds + CLOCK_SKEW_SECONDS) {
      return sendError(ctx, 401, 'auth/unauthorized', `The token must expire within ${maxLifetimeSeconds} seconds`);
    }
    ctx.state.principal = { organizationId: asOrganizationId(decoded.right.organizationId), subject: decoded.right.sub };
    return next();
  };

/**
 * Verifies the bearer token with a pinned algorithm (HS256 with a shared secret, or RS256 from a
 * JWKS), then decodes its claims. The organization of every request comes from here and nowhere else.
 */
export const jwtAuth = (verification: JwtVerification): Middleware => {
  const verify = verifier(verification);
  const checkClaims = claims(verification.maxLifetimeSeconds ?? DEFAULT_JWT_MAX_LIFETIME_SECONDS);
  return (ctx, next) => verify(ctx, () => checkClaims(ctx, next));
};
