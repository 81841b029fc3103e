import * as t from 'io-ts';
import { envelope } from './codecs';
import { transport } from './transport';

const anonymous = transport({ token: () => undefined, onUnauthorized: () => undefined });

/** Whether the server offers development sign-in (never in production). */
export const devSignInAvailable = (): Promise<boolean> =>
  anonymous.call('GET', '/console/dev-sign-in', envelope(t.type({ available: t.boolean }))).then(
    (answer) => answer.data.available,
    () => false,
  );

/** A token for the demo organization, minted by the development server. */
export const devSignIn = async (): Promise<string> =>
  (await anonymous.call('POST', '/console/dev-sign-in', envelope(t.type({ token: t.string, organizationId: t.string })))).data.token;
