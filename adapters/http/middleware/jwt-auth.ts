import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import jwksRsa from 'jwks-rsa';
import type { Middleware } from 'koa';
import koaJwt from 'koa-jwt';
import { nonEmptyString, OrganizationIdCodec } from '../../../core/index.js';
import { sendError } from '../respond.js';

export type JwtVerification =
  | { readonly kind: 'hs256'; readonly secret: string }
  | { readonly kind: 'jwks'; readonly jwksUrl: string };

/** The claims taskport relies on; `exp` is required so no token lives forever. */
const ClaimsCodec = t.type({ organizationId: OrganizationIdCodec, sub: nonEmptyString(200), exp: t.number });

const verifier = (verification: JwtVerification) =>
  verification.kind === 'hs256'
    ? koaJwt({ secret: verification.secret, algorithms: ['HS256'], key: 'user' })
    : koaJwt({
        secret: jwksRsa.koaJwtSecret({ jwksUri: verification.jwksUrl, cache: true, rateLimit: true, jwksRequestsPerMinute: 10 }),
        algorithms: ['RS256'],
        key: 'user',
      });

const claims: Middleware = async (ctx, next) => {
  const decoded = ClaimsCodec.decode(ctx.state.user);
  if (E.isLeft(decoded)) {
    return sendError(ctx, 401, 'auth/unauthorized', 'The token must carry organizationId, sub and exp');
  }
  ctx.state.principal = { organizationId: decoded.right.organizationId, subject: decoded.right.sub };
  return next();
};

/**
 * Verifies the bearer token with a pinned algorithm (HS256 with a shared secret, or RS256 from a
 * JWKS), then decodes its claims. The organization of every request comes from here and nowhere else.
 */
export const jwtAuth = (verification: JwtVerification): Middleware => {
  const verify = verifier(verification);
  return (ctx, next) => verify(ctx, () => claims(ctx, next));
};
