import { expect } from 'chai';
import { cachedSecretCipher } from '../../adapters/cache/cached-secret-cipher.js';
import { memoryCipher } from '../../adapters/memory/index.js';
import { asEntityId, asOrganizationId, secretContext, type Cipher } from '../../core/index.js';
import { left, right } from '../builders/harness.js';

describe('cached secret cipher', () => {
  const org = asOrganizationId('org-a');
  const connection = asEntityId('0a0a0a0a-0000-4000-8000-000000000001');
  const counting = () => {
    const inner = memoryCipher();
    let decrypts = 0;
    const cipher: Cipher = { ...inner, decrypt: (c, aad) => ((decrypts += 1), inner.decrypt(c, aad)) };
    return { inner, cached: cachedSecretCipher(cipher), decrypts: () => decrypts };
  };

  it('decrypts a webhook secret once for repeated deliveries', async () => {
    const { inner, cached, decrypts } = counting();
    const context = secretContext(org, connection, 'webhookSecret');
    const sealed = await right(inner.encrypt('whsec', context));
    for (let i = 0; i < 5; i += 1) expect(await right(cached.decrypt(sealed, context))).to.equal('whsec');
    expect(decrypts()).to.equal(1);
  });

  it('keeps no copy of other secrets, and never serves a secret under another context', async () => {
    const { inner, cached, decrypts } = counting();
    const tokenContext = secretContext(org, connection, 'apiToken');
    const token = await right(inner.encrypt('api-token', tokenContext));
    await right(cached.decrypt(token, tokenContext));
    await right(cached.decrypt(token, tokenContext));
    expect(decrypts()).to.equal(2);

    const webhookContext = secretContext(org, connection, 'webhookSecret');
    const sealed = await right(inner.encrypt('whsec', webhookContext));
    await right(cached.decrypt(sealed, webhookContext));
    const elsewhere = secretContext(asOrganizationId('org-b'), connection, 'webhookSecret');
    expect(await left(cached.decrypt(sealed, elsewhere))).to.include({ _tag: 'SecretUnreadable' });
  });
});
