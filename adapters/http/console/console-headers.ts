import helmet from 'koa-helmet';
import type { Middleware } from 'koa';

/**
 * Security headers of every console response. The Content-Security-Policy allows only the console's
 * own files: no inline script or style, no eval, no other origin, no plugins, no <base>, and no
 * native form submission (forms are handled by the page). The page may be framed only by
 * `frameAncestors` (none by default). `upgrade-insecure-requests` is left out: in development the
 * console is served over plain http on loopback, where upgrading its own requests would break it.
 */
export const consoleHeaders = (frameAncestors: ReadonlyArray<string>): Middleware =>
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        manifestSrc: ["'self'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        objectSrc: ["'none'"],
        frameAncestors: frameAncestors.length === 0 ? ["'none'"] : [...frameAncestors],
      },
    },
    // CSP frame-ancestors decides framing; X-Frame-Options cannot name other origins, so it only says DENY when nobody may frame.
    xFrameOptions: frameAncestors.length === 0 ? { action: 'deny' } : false,
    referrerPolicy: { policy: 'no-referrer' },
  });
