import { expect } from 'chai';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { createInMemoryAdapters } from '../../adapters/memory/index.js';
import { aesGcmCipher } from '../../adapters/crypto/aes-gcm-cipher.js';
import { createLogger } from '../../adapters/logging/pino-logger.js';
import { startApiServer, type RunningApi } from '../../apps/api/server.js';
import { ORG_A } from './support/tokens.js';

describe('HTTP authentication with RS256 from a JWKS', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'key-1';
  let jwks: Server;
  let api: RunningApi;

  before(async () => {
    jwks = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' }] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const memory = createInMemoryAdapters();
    api = await startApiServer(
      {
        logger: createLogger('silent'),
        persistence: { ...memory, ready: async () => true },
        cipher: aesGcmCipher({ current: randomBytes(32) }),
        providers: memory.providers,
        baseUrlPolicy: memory.baseUrlPolicy,
        syncQueue: memory.syncQueue,
        writeQueue: memory.writeQueue,
      },
      { port: 0, host: '127.0.0.1', jwt: { kind: 'jwks', jwksUrl: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json` } },
    );
  });
  after(async () => {
    await api.close();
    jwks.close();
  });

  const get = (token: string) => fetch(`${api.url}/api/integrations`, { headers: { authorization: `Bearer ${token}` } });

  it('accepts a token signed by a key of the JWKS', async () => {
    const token = jwt.sign({ organizationId: ORG_A }, privateKey, { algorithm: 'RS256', keyid: kid, subject: 'u', expiresIn: '5m' });
    expect((await get(token)).status).to.equal(200);
  });

  it('refuses an HS256 token keyed with the public key (algorithm confusion)', async () => {
    const pem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const forged = jwt.sign({ organizationId: ORG_A }, pem, { algorithm: 'HS256', keyid: kid, subject: 'u', expiresIn: '5m' } as jwt.SignOptions);
    expect((await get(forged)).status).to.equal(401);
  });

  it('refuses a token signed by another key', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const token = jwt.sign({ organizationId: ORG_A }, other, { algorithm: 'RS256', keyid: kid, subject: 'u', expiresIn: '5m' });
    expect((await get(token)).status).to.equal(401);
  });
});
