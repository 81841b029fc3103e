import { expect } from 'chai';
import { reachSourceRepeatedly } from '../../core/use-cases/source-connection.js';
import type { Cipher } from '../../core/index.js';
import { TRACKER_API_TOKEN, aConnectionInput } from '../builders/connection-input-builder.js';
import { ORG_A, createHarness, id, right, requester } from '../builders/harness.js';

describe('reaching a source page after page (reachSourceRepeatedly)', () => {
  const setUp = async () => {
    const h = createHarness();
    const created = await right(h.createConnection(requester(ORG_A), aConnectionInput()));
    let decrypted = 0;
    const counting: Cipher = {
      ...h.adapters.cipher,
      decrypt: (ciphertext, associatedData) => {
        decrypted += 1;
        return h.adapters.cipher.decrypt(ciphertext, associatedData);
      },
    };
    const reach = reachSourceRepeatedly({ ...h.adapters, cipher: counting });
    return { h, connectionId: id(created.id), reach, decrypted: () => decrypted, stored: () => h.adapters.state.connections.get(created.id)! };
  };

  it('decrypts the secrets once for the calls on one connection, each call given them', async () => {
    const { reach, decrypted, stored } = await setUp();
    const connection = stored();
    const first = await right(reach(connection));
    const afterFirst = decrypted();
    const again = await Promise.all([right(reach(connection)), right(reach(connection))]);
    expect(first.connection.secrets).to.deep.include({ apiToken: TRACKER_API_TOKEN });
    expect(again.map((reached) => reached.connection.secrets)).to.deep.equal([first.connection.secrets, first.connection.secrets]);
    expect(again.map((reached) => reached.current)).to.deep.equal([connection, connection]);
    expect(afterFirst).to.be.greaterThan(0);
    expect(decrypted()).to.equal(afterFirst);
  });

  it('decrypts again for another connection, such as one whose token was rotated meanwhile', async () => {
    const { h, connectionId, reach, decrypted, stored } = await setUp();
    await right(reach(stored()));
    const afterFirst = decrypted();
    await right(h.updateConnection(requester(ORG_A), connectionId, { apiToken: 'rotated-token' }));
    const reached = await right(reach(stored()));
    expect(reached.connection.secrets).to.deep.include({ apiToken: 'rotated-token' });
    expect(decrypted()).to.be.greaterThan(afterFirst);
  });
});
