import type { Context } from 'koa';
import type { OrganizationId } from '../../core/index.js';

/** Who is calling, as proven by the verified token. */
export interface Principal {
  readonly organizationId: OrganizationId;
  readonly subject: string;
}

/** Only the auth middleware sets this; a route reaching here without it is a wiring bug. */
export const principalOf = (ctx: Context): Principal => {
  const principal = ctx.state.principal as Principal | undefined;
  if (principal === undefined) throw new Error('Route is not behind the authentication middleware');
  return principal;
};
