import type { ConsoleOptions } from '../../adapters/http/console/console-routes.js';
import type { Env } from './config.js';
import { CONSOLE_BUILD_DIR } from './console-directory.js';
import { DEMO_ORGANIZATION_ID, developmentToken } from './dev-token.js';

/**
 * The console as `npm start` serves it. Its development sign-in (a token for the demo organization
 * at the press of a button) exists only when NODE_ENV is not production and the JWT secret is the
 * generated development one: with a real secret or a JWKS, tokens come from the embedding product.
 */
export const consoleOptions = (config: Env, developmentJwtSecret: string | undefined, staticDir: string = CONSOLE_BUILD_DIR): ConsoleOptions => {
  const development = config.NODE_ENV !== 'production' && config.JWT_SECRET === undefined && config.JWT_JWKS_URL === undefined;
  const secret = development ? developmentJwtSecret : undefined;
  return {
    staticDir,
    frameAncestors: config.TASKPORT_CONSOLE_FRAME_ANCESTORS,
    ...(secret === undefined ? {} : { developmentToken: () => ({ token: developmentToken(secret), organizationId: DEMO_ORGANIZATION_ID }) }),
  };
};
