import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'koa';

/** How long the cookie lives: as long as a state does. */
const MAX_AGE_SECONDS = 5 * 60;

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');

/** One cookie per authorization, named after its state, so two started in one browser do not clash. */
const cookieName = (state: string) => `taskport_oauth_${digest(state).slice(0, 16)}`;

const cookieOptions = (ctx: Context, provider: string, maxAgeSeconds: number) => ({
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: ctx.secure,
  path: `/api/integrations/oauth/${provider}/callback`,
  maxAge: maxAgeSeconds * 1000,
  overwrite: true,
});

/**
 * Login CSRF: a random value for the browser that starts an authorization. Its digest goes with the
 * state; the value itself only into an HttpOnly, SameSite=Lax cookie scoped to the callback, which
 * the browser sends back when the provider redirects it there (a top-level navigation).
 */
export const newBrowserBinding = (): { readonly value: string; readonly digest: string } => {
  const value = randomBytes(32).toString('base64url');
  return { value, digest: digest(value) };
};

export const setBrowserBinding = (ctx: Context, provider: string, state: string, value: string): void => {
  ctx.cookies.set(cookieName(state), value, cookieOptions(ctx, provider, MAX_AGE_SECONDS));
};

/** The digest of the value this browser holds for `state`, or null when it holds none; the cookie is cleared. */
export const takeBrowserBinding = (ctx: Context, provider: string, state: string | undefined): string | null => {
  if (state === undefined) return null;
  const value = ctx.cookies.get(cookieName(state));
  if (value === undefined) return null;
  ctx.cookies.set(cookieName(state), null, cookieOptions(ctx, provider, 0));
  return digest(value);
};
