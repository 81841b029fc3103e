import helmet from 'koa-helmet';
import type { Middleware } from 'koa';

/**
 * Security headers of the API documentation page. Scripts, styles and requests stay on this origin;
 * images also come from `data:` URLs, which is how Swagger UI's stylesheet draws its icons. No inline
 * script or style, no eval, no plugins, no <base>, no form submission, and no page may frame it.
 */
export const docsHeaders = (): Middleware =>
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
