import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import { readEnv } from '../../apps/api/config.js';
import { consoleOptions } from '../../apps/api/console-options.js';
import { DEMO_ORGANIZATION_ID } from '../../apps/api/dev-token.js';

const DEV_SECRET = 'generated-development-secret-0123456789abcdef';
const KEY = Buffer.alloc(32, 7).toString('base64');

describe('API: console options', () => {
  it('offers development sign-in with the generated secret outside production, for the demo organization', () => {
    const options = consoleOptions(readEnv({}), DEV_SECRET, '/built');
    expect(options.staticDir).to.equal('/built');
    const minted = options.developmentToken?.();
    expect(minted?.organizationId).to.equal(DEMO_ORGANIZATION_ID);
    expect((jwt.verify(minted!.token, DEV_SECRET) as jwt.JwtPayload).organizationId).to.equal(DEMO_ORGANIZATION_ID);
  });

  it('offers none in production, with a configured secret, or with a JWKS', () => {
    const production = readEnv({ NODE_ENV: 'production', JWT_SECRET: 'a-real-secret-of-at-least-32-characters!', TASKPORT_ENCRYPTION_KEY: KEY });
    expect(consoleOptions(production, DEV_SECRET).developmentToken).to.equal(undefined);
    // Even if a caller handed over a development secret, production never mints.
    expect(consoleOptions({ ...readEnv({}), NODE_ENV: 'production' }, DEV_SECRET).developmentToken).to.equal(undefined);
    expect(consoleOptions(readEnv({ JWT_SECRET: 'a-real-secret-of-at-least-32-characters!' }), DEV_SECRET).developmentToken).to.equal(undefined);
    expect(consoleOptions(readEnv({ JWT_JWKS_URL: 'https://issuer.example/jwks.json' }), DEV_SECRET).developmentToken).to.equal(undefined);
    expect(consoleOptions(readEnv({}), undefined).developmentToken).to.equal(undefined);
  });

  it('lets only the configured origins frame the console, and refuses anything but an origin', () => {
    expect(consoleOptions(readEnv({}), undefined).frameAncestors).to.deep.equal([]);
    const framed = readEnv({ TASKPORT_CONSOLE_FRAME_ANCESTORS: 'https://app.example.com, https://admin.example.com:8443/' });
    expect(consoleOptions(framed, undefined).frameAncestors).to.deep.equal(['https://app.example.com', 'https://admin.example.com:8443']);
    expect(() => readEnv({ TASKPORT_CONSOLE_FRAME_ANCESTORS: 'https://app.example.com/console' })).to.throw(/TASKPORT_CONSOLE_FRAME_ANCESTORS/);
    expect(() => readEnv({ TASKPORT_CONSOLE_FRAME_ANCESTORS: "'self' *" })).to.throw(/TASKPORT_CONSOLE_FRAME_ANCESTORS/);
  });
});
