import { expect } from 'chai';
import { asEntityId, type Ciphertext, type ConnectionRepository } from '../../core/index.js';
import { aConnection } from '../support/builders/connection.js';
import { anId, anOrganization } from '../support/builders/ids.js';
import { expectLeft, expectRight } from '../support/either.js';

const at = (iso: string) => new Date(iso);

export const describeConnectionWebhookState = (setup: () => Promise<{ readonly connections: ConnectionRepository }>) =>
  describe('webhook state', () => {
    let connections: ConnectionRepository;
    beforeEach(async () => ({ connections } = await setup()));

    it('reads back the previous secret of a rotation and the statistics exactly', async () => {
      const connection = aConnection({
        webhookSecret: 'cipher-new' as Ciphertext,
        previousWebhookSecret: { secret: 'cipher-old' as Ciphertext, validUntil: at('2026-02-02T10:00:00.123Z') },
        webhookStats: { lastWebhookAt: at('2026-02-01T12:00:00.456Z'), accepted: 5_000_000_000, refused: 3 },
      });
      await expectRight(connections.insert(connection));
      expect(await expectRight(connections.findById(connection.organizationId, connection.id))).to.deep.equal(connection);
    });

    it('adds statistics up, moves lastWebhookAt only forward, and leaves an update of the connection to them', async () => {
      const connection = aConnection();
      await expectRight(connections.insert(connection));
      const add = (accepted: number, refused: number, lastWebhookAt: Date | null) =>
        expectRight(connections.addWebhookStats(connection.organizationId, connection.id, { accepted, refused, lastWebhookAt }));
      await add(3, 1, at('2026-02-03T00:00:00Z'));
      await add(2, 0, at('2026-02-02T00:00:00Z'));
      await add(0, 4, null);
      await Promise.all(Array.from({ length: 20 }, () => add(1, 1, null)));
      const expected = { lastWebhookAt: at('2026-02-03T00:00:00Z'), accepted: 25, refused: 25 };
      expect((await expectRight(connections.findById(connection.organizationId, connection.id)))?.webhookStats).to.deep.equal(expected);

      const edited = await expectRight(connections.update({ ...connection, name: 'Renamed', webhookStats: { lastWebhookAt: null, accepted: 0, refused: 0 } }));
      expect(edited.webhookStats).to.deep.equal(expected);
    });

    it("refuses to add to another organization's connection or one that does not exist", async () => {
      const connection = aConnection();
      await expectRight(connections.insert(connection));
      const delta = { accepted: 1, refused: 0, lastWebhookAt: null };
      for (const [organizationId, id] of [[anOrganization(), connection.id], [connection.organizationId, anId()], [connection.organizationId, asEntityId('nope')]] as const) {
        expect(await expectLeft(connections.addWebhookStats(organizationId, id, delta))).to.deep.equal({ _tag: 'ConnectionNotFound', connectionId: id });
      }
      expect((await expectRight(connections.findById(connection.organizationId, connection.id)))?.webhookStats.accepted).to.equal(0);
    });

    it('finds a connection for webhook authentication by its id alone, and nothing for an unknown id', async () => {
      const connection = aConnection();
      await expectRight(connections.insert(connection));
      expect(await expectRight(connections.findForWebhook(connection.id))).to.deep.equal(connection);
      expect(await expectRight(connections.findForWebhook(anId()))).to.equal(null);
      expect(await expectRight(connections.findForWebhook(asEntityId('not-a-uuid')))).to.equal(null);
    });
  });
