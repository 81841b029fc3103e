import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import Koa from 'koa';
import pino from 'pino';
import { createApiRouter, type RouterAuth } from '../../adapters/http/index.js';
import { asOrganizationId, type UseCases } from '../../core/index.js';
import { aConnectionInput } from '../builders/connection-input-builder.js';
import { createHarness, requester } from '../builders/harness.js';
import { httpClient, type HttpClient } from './support/http-client.js';
import { ORG_A, ORG_B, TEST_JWT_SECRET, tokenFor } from './support/tokens.js';

/** A host's app: taskport's router first, then the host's own routes, which must still be reached. */
const hostApp = async (useCases: UseCases, auth: RouterAuth): Promise<{ server: Server; client: HttpClient }> => {
  const router = createApiRouter({ useCases, logger: pino({ level: 'silent' }), auth });
  const app = new Koa().use(router.routes()).use(router.allowedMethods());
  app.use((ctx) => {
    ctx.body = { host: ctx.path };
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { server, client: httpClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`) };
};

describe('the API as a Koa router mounted on a host app', () => {
  let server: Server;
  let connectionId: string;

  const setUp = async (auth: RouterAuth) => {
    const harness = createHarness();
    const created = await harness.createConnection(requester(asOrganizationId(ORG_A)), aConnectionInput())();
    if (created._tag === 'Left') throw new Error(created.left._tag);
    connectionId = created.right.id;
    const mounted = await hostApp(harness, auth);
    server = mounted.server;
    return mounted.client;
  };

  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  describe('behind the API JWT', () => {
    let client: HttpClient;
    beforeEach(async () => (client = await setUp({ jwt: { kind: 'hs256', secret: TEST_JWT_SECRET } })));

    it('serves an organization its own records only, and another tenant’s as not found', async () => {
      const own = await client.call('GET', '/api/integrations', { token: tokenFor(ORG_A) });
      const other = await client.call('GET', '/api/integrations', { token: tokenFor(ORG_B) });
      const foreign = await client.call('GET', `/api/integrations/${connectionId}`, { token: tokenFor(ORG_B) });
      expect(own.json.data.map((c: { id: string }) => c.id)).to.deep.equal([connectionId]);
      expect(other.json.data).to.deep.equal([]);
      expect(foreign.status).to.equal(404);
      expect(foreign.json.error.code).to.equal('integration/not-found');
    });

    it('refuses a missing or forged token, and an organization named in the body', async () => {
      const anonymous = await client.call('GET', '/api/integrations');
      const forged = await client.call('GET', '/api/integrations', { token: tokenFor(ORG_A, {}, 'another-secret-of-at-least-32-characters') });
      const override = await client.call('POST', '/api/integrations', { token: tokenFor(ORG_A), body: { ...aConnectionInput(), organizationId: ORG_B } });
      expect([anonymous.status, forged.status, override.status]).to.deep.equal([401, 401, 400]);
      expect(override.json.error.code).to.equal('validation/invalid-body');
    });

    it('lets the host’s own paths through, and authenticates webhook deliveries their own way', async () => {
      const hostRoute = await client.call('GET', '/reports/weekly');
      const webhook = await client.call('POST', `/api/webhooks/tracker/${connectionId}`, { body: { event: 'updated' } });
      expect(hostRoute.json).to.deep.equal({ host: '/reports/weekly' });
      expect(webhook.status).to.equal(401);
      expect(webhook.json.error.code).to.match(/^webhook\//);
    });
  });

  describe('behind the host’s own sign-in', () => {
    let client: HttpClient;
    beforeEach(async () => {
      client = await setUp({
        principal: (ctx) => (ctx.get('x-session') === 'a' ? { organizationId: asOrganizationId(ORG_A), subject: 'alice' } : ctx.get('x-session') === 'b' ? { organizationId: asOrganizationId(ORG_B), subject: 'bob' } : undefined),
      });
    });

    it('takes the organization from the host, with the same tenancy', async () => {
      const own = await client.call('GET', `/api/integrations/${connectionId}`, { headers: { 'x-session': 'a' } });
      const foreign = await client.call('GET', `/api/integrations/${connectionId}`, { headers: { 'x-session': 'b' } });
      const anonymous = await client.call('GET', `/api/integrations/${connectionId}`);
      expect([own.status, foreign.status, anonymous.status]).to.deep.equal([200, 404, 401]);
      expect(anonymous.json.error.code).to.equal('auth/unauthorized');
    });

    it('audits changes under the subject the host named', async () => {
      const deleted = await client.call('DELETE', `/api/integrations/${connectionId}`, { headers: { 'x-session': 'a' } });
      const audit = await client.call('GET', '/api/audit-events', { headers: { 'x-session': 'a' } });
      expect(deleted.status).to.equal(204);
      expect(audit.json.data.map((entry: { actor: string; action: string }) => `${entry.actor} ${entry.action}`)).to.include('alice connection.deleted');
    });
  });
});
