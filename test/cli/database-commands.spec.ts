import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { aesGcmCipher, keyIdOf } from '../../adapters/crypto/aes-gcm-cipher.js';
import { sortableIds } from '../../adapters/ids/sortable-ids.js';
import { networkBaseUrlPolicy } from '../../adapters/net/index.js';
import { createOrm, createPostgresAdapters, migrate, type MikroORM } from '../../adapters/postgres/index.js';
import { migrationsList } from '../../adapters/postgres/migrations/index.js';
import { jiraProvider } from '../../adapters/providers/jira/index.js';
import { providerRegistry } from '../../adapters/providers/shared/registry.js';
import { startJiraSimulator, type JiraSimulator } from '../../apps/simulator/jira/index.js';
import { asEntityId, asOrganizationId, createConnection, createEventEndpoint, decryptSecrets, secretContext, signingSecretContext, WEBHOOK_SECRET_FIELD, type Ciphertext } from '../../core/index.js';
import { runCli } from '../support/child-programs.js';
import { scratchDatabase } from '../support/test-database.js';

const SIGNING_SECRET = 'whsec_known-signing-secret';

describe('taskport CLI: the commands that work on the database', function () {
  this.timeout(180_000);
  let database: Awaited<ReturnType<typeof scratchDatabase>>;
  let orm: MikroORM;
  let simulator: JiraSimulator;
  const jira = jiraProvider({ allowPrivateNetwork: true, timeoutMs: 5_000 });
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  before(async () => {
    database = await scratchDatabase();
    await migrate(database.url);
    orm = await createOrm(database.url, { poolSize: 2 });
    simulator = await startJiraSimulator({ issues: 2 });
  });
  after(async () => {
    jira.close();
    await simulator.close();
    await orm.close();
    await database.stop();
  });

  /** Three connections (an API token and a webhook secret each) and an event endpoint, encrypted with `oldKey`. */
  const storeSecretsUnderOldKey = async () => {
    const deps = {
      ...createPostgresAdapters(orm),
      cipher: aesGcmCipher({ current: oldKey }),
      clock: { now: () => new Date() },
      ids: { next: () => randomUUID() },
      baseUrlPolicy: networkBaseUrlPolicy({ allowPrivateNetwork: true }),
      providers: providerRegistry([jira]),
      minSyncIntervalSeconds: 60,
      eventIds: sortableIds(),
      signingSecrets: { next: () => SIGNING_SECRET },
    };
    const account = simulator.accounts[0]!;
    const requesterOf = (organizationId: string) => ({ organizationId: asOrganizationId(organizationId), actor: 'cli-test', requestId: null });
    const organizations = ['org-keys-1', 'org-keys-2', 'org-keys-3'];
    const connections = await Promise.all(
      organizations.map(async (organizationId) => {
        const created = await createConnection(deps)(requesterOf(organizationId), { type: 'jira', baseUrl: simulator.url, email: account.email, apiToken: account.apiToken, webhookSecret: `whsec-${organizationId}` })();
        if (created._tag === 'Left') throw new Error(JSON.stringify(created.left));
        return { organizationId: asOrganizationId(organizationId), id: asEntityId(created.right.id) };
      }),
    );
    const endpoint = await createEventEndpoint(deps)(requesterOf('org-keys-1'), { url: 'http://127.0.0.1:9/events' })();
    if (endpoint._tag === 'Left') throw new Error(JSON.stringify(endpoint.left));
    return { connections, endpointId: endpoint.right.id, apiToken: account.apiToken };
  };

  it('keys rotate re-encrypts every stored secret with the current key in batches, after which the previous key can go', async () => {
    const stored = await storeSecretsUnderOldKey();
    const [oldId, newId] = [keyIdOf(oldKey), keyIdOf(newKey)];
    const keys = (previous: Buffer[]) => ({ DATABASE_URL: database.url, TASKPORT_ENCRYPTION_KEY: newKey.toString('base64'), TASKPORT_ENCRYPTION_PREVIOUS_KEYS: previous.map((k) => k.toString('base64')).join(',') });

    const withoutOldKey = await runCli(['keys', 'rotate'], keys([]));
    expect(withoutOldKey.code).to.equal(1);
    expect(withoutOldKey.stderr).to.contain('7 stored secret(s) cannot be read with the configured keys').and.contain(`key ${oldId} is not configured`);

    const rotated = await runCli(['keys', 'rotate', '--batch-size', '2'], keys([oldKey]));
    expect(rotated.code, rotated.stderr).to.equal(0);
    expect(rotated.stdout).to.contain(`Re-encrypting stored secrets with key ${newId} (previous: ${oldId}), 2 rows a batch`);
    expect(rotated.stdout).to.match(/^ {2}integration_connections: 4 secrets examined, 4 re-encrypted$/m);
    expect(rotated.stdout).to.contain('Re-encrypted 7 of 7 secret(s); 0 changed meanwhile');
    expect(rotated.stdout).to.contain(`Every stored secret now uses key ${newId}: ${oldId} can be removed from TASKPORT_ENCRYPTION_PREVIOUS_KEYS`);

    // The new key alone now reads every secret, each still bound to its place.
    const newOnly = aesGcmCipher({ current: newKey });
    const adapters = createPostgresAdapters(orm);
    for (const { organizationId, id } of stored.connections) {
      const found = await adapters.connections.findById(organizationId, id)();
      const connection = found._tag === 'Right' ? found.right : null;
      expect(await decryptSecrets(newOnly, organizationId, id)(connection!.credentials.secrets)()).to.deep.equal({ _tag: 'Right', right: { apiToken: stored.apiToken } });
      expect(await newOnly.decrypt(connection!.webhookSecret!, secretContext(organizationId, id, WEBHOOK_SECRET_FIELD))()).to.deep.equal({ _tag: 'Right', right: `whsec-${organizationId}` });
    }
    const [endpoint] = await orm.em.fork().execute<[{ signing_secret: string }]>('select signing_secret from event_endpoints');
    expect(await newOnly.decrypt(endpoint.signing_secret as Ciphertext, signingSecretContext(asOrganizationId('org-keys-1'), asEntityId(stored.endpointId)))()).to.deep.equal({ _tag: 'Right', right: SIGNING_SECRET });

    const again = await runCli(['keys', 'rotate'], keys([]));
    expect([again.code, again.stdout]).to.satisfy(([code, out]: [number, string]) => code === 0 && out.includes('Re-encrypted 0 of 7 secret(s)'));
  });

  it('migrate applies the migrations to DATABASE_URL, then says the schema is up to date', async () => {
    const scratch = await scratchDatabase();
    try {
      const first = await runCli(['migrate'], { DATABASE_URL: scratch.url });
      expect(first.code, first.stderr).to.equal(0);
      expect(first.stdout).to.contain(`Applied ${migrationsList.length} migration(s)`).and.contain("The job queue's schema (taskport_jobs) is up to date");
      const second = await runCli(['migrate'], { DATABASE_URL: scratch.url });
      expect([second.code, second.stdout.split('\n')[0]]).to.deep.equal([0, 'The database schema is up to date']);
    } finally {
      await scratch.stop();
    }
  });

  it('keys rotate refuses a configuration without a valid current key, in one line', async () => {
    const refused = await runCli(['keys', 'rotate'], { DATABASE_URL: database.url, TASKPORT_ENCRYPTION_KEY: 'short' });
    expect([refused.code, refused.stderr.trim()]).to.deep.equal([2, 'Invalid configuration: TASKPORT_ENCRYPTION_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)']);
  });
});
