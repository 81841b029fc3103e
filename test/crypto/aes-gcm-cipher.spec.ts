import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { aesGcmCipher, keyIdOf } from '../../adapters/crypto/aes-gcm-cipher.js';
import { left, right } from '../builders/harness.js';
import type { Ciphertext } from '../../core/index.js';

describe('AES-256-GCM cipher', () => {
  const key = randomBytes(32);
  const cipher = aesGcmCipher({ current: key });
  const context = 'taskport:org-a:conn-1:apiToken';

  it('round-trips a secret and never repeats a ciphertext', async () => {
    const a = await right(cipher.encrypt('s3cret-token', context));
    const b = await right(cipher.encrypt('s3cret-token', context));
    expect(a).not.to.equal(b);
    expect(a).not.to.contain('s3cret');
    expect(a.split('.')[1]).to.equal(keyIdOf(key));
    expect(await right(cipher.decrypt(a, context))).to.equal('s3cret-token');
  });

  it('refuses a ciphertext moved to another organization, connection or field', async () => {
    const sealed = await right(cipher.encrypt('s3cret-token', context));
    for (const elsewhere of ['taskport:org-b:conn-1:apiToken', 'taskport:org-a:conn-2:apiToken', 'taskport:org-a:conn-1:webhookSecret']) {
      expect(await left(cipher.decrypt(sealed, elsewhere))).to.include({ _tag: 'SecretUnreadable' });
    }
  });

  it('refuses an altered or truncated ciphertext', async () => {
    const sealed = await right(cipher.encrypt('s3cret-token', context));
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    const altered = [...parts.slice(0, 3), body.toString('base64url')].join('.') as Ciphertext;
    expect(await left(cipher.decrypt(altered, context))).to.include({ _tag: 'SecretUnreadable' });
    expect(await left(cipher.decrypt('v1.x.y' as Ciphertext, context))).to.include({ _tag: 'SecretUnreadable' });
  });

  it('still reads secrets sealed with a previous key after a rotation', async () => {
    const old = await right(cipher.encrypt('before-rotation', context));
    const rotated = aesGcmCipher({ current: randomBytes(32), previous: [key] });
    expect(await right(rotated.decrypt(old, context))).to.equal('before-rotation');
    const withoutOldKey = aesGcmCipher({ current: randomBytes(32) });
    expect(await left(withoutOldKey.decrypt(old, context))).to.include({ _tag: 'SecretUnreadable' });
  });

  it('tells a ciphertext of a retired key from one of the current key, reading no secret', async () => {
    const old = await right(cipher.encrypt('before-rotation', context));
    expect(cipher.needsReencryption(old)).to.equal(false);
    const rotated = aesGcmCipher({ current: randomBytes(32), previous: [key] });
    expect(rotated.needsReencryption(old)).to.equal(true);
    const again = await right(rotated.encrypt(await right(rotated.decrypt(old, context)), context));
    expect([rotated.needsReencryption(again), await right(rotated.decrypt(again, context))]).to.deep.equal([false, 'before-rotation']);
    expect(rotated.needsReencryption('not a ciphertext' as Ciphertext)).to.equal(true);
  });

  it('decrypts with the key the ciphertext names, and tries no other', async () => {
    const [first, second] = [randomBytes(32), randomBytes(32)];
    const ring = aesGcmCipher({ current: randomBytes(32), previous: [first, second] });
    const sealed = await right(aesGcmCipher({ current: second }).encrypt('made with the second', context));
    expect(await right(ring.decrypt(sealed, context))).to.equal('made with the second');
    const misnamed = [sealed.split('.')[0], keyIdOf(first), ...sealed.split('.').slice(2)].join('.') as Ciphertext;
    expect(await left(ring.decrypt(misnamed, context))).to.include({ _tag: 'SecretUnreadable' });
  });

  it('accepts the current key listed among the previous ones too', async () => {
    const both = aesGcmCipher({ current: key, previous: [key] });
    expect(await right(both.decrypt(await right(cipher.encrypt('same key', context)), context))).to.equal('same key');
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => aesGcmCipher({ current: randomBytes(16) })).to.throw('32 bytes');
  });
});
