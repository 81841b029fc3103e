import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { hmacSha256WebhookVerifier } from '../../adapters/crypto/hmac-sha256-webhook-verifier.js';

const body = Buffer.from('{"webhookEvent":"jira:issue_updated"}');
const hex = (secret: string, algorithm = 'sha256') => createHmac(algorithm, secret).update(body).digest('hex');

describe('HMAC-SHA256 webhook verifier', () => {
  const verify = hmacSha256WebhookVerifier().verify;

  it('accepts sha256=<hex> in X-Hub-Signature and a bare hex digest in X-Jira-Signature, in either case', () => {
    expect(verify(body, { 'x-hub-signature': `sha256=${hex('s3cret')}` }, ['s3cret'])).to.equal(true);
    expect(verify(body, { 'x-hub-signature': `SHA256=${hex('s3cret').toUpperCase()}` }, ['s3cret'])).to.equal(true);
    expect(verify(body, { 'x-jira-signature': hex('s3cret') }, ['s3cret'])).to.equal(true);
  });

  it('accepts a signature made with any of the secrets, such as the previous one during a rotation', () => {
    expect(verify(body, { 'x-hub-signature': `sha256=${hex('old')}` }, ['new', 'old'])).to.equal(true);
    expect(verify(body, { 'x-hub-signature': `sha256=${hex('older')}` }, ['new', 'old'])).to.equal(false);
  });

  it('refuses missing, wrong, truncated, padded and other-algorithm signatures, and any signature with no secret', () => {
    const good = hex('s3cret');
    const attempts: Array<Record<string, string>> = [
      {},
      { 'x-hub-signature': `sha256=${hex('other')}` },
      { 'x-hub-signature': `sha256=${good.slice(0, -2)}` },
      { 'x-hub-signature': `sha256=${good}00` },
      { 'x-hub-signature': `sha1=${hex('s3cret', 'sha1')}` },
      { 'x-hub-signature': `sha512=${hex('s3cret', 'sha512')}` },
      { 'x-hub-signature': 'sha256=' },
      { 'x-jira-signature': `sha1=${hex('s3cret', 'sha1')}` },
    ];
    for (const headers of attempts) {
      expect(verify(body, headers, ['s3cret']), JSON.stringify(headers)).to.equal(false);
    }
    expect(verify(body, { 'x-hub-signature': `sha256=${good}` }, [])).to.equal(false);
  });
});
