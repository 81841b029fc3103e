import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { claimedDigests, hmacSigned, type HmacScheme } from '../../../adapters/providers/shared/hmac-signature.js';
import { JIRA_SIGNATURE } from '../../../adapters/providers/jira/facts.js';

const body = Buffer.from('{"webhookEvent":"jira:issue_updated"}');
const digest = (secret: string, algorithm = 'sha256') => createHmac(algorithm, secret).update(body);
const hex = (secret: string, algorithm = 'sha256') => digest(secret, algorithm).digest('hex');
const base64 = (secret: string) => digest(secret).digest('base64');

const verifierOf = (scheme: HmacScheme) => (rawBody: Buffer, headers: Record<string, string>, secrets: ReadonlyArray<string>) =>
  hmacSigned(rawBody, claimedDigests(headers, scheme), secrets);

describe('HMAC-SHA256 webhook signatures, by scheme', () => {
  describe("Jira's scheme", () => {
    const verify = verifierOf(JIRA_SIGNATURE);

    it('accepts sha256=<hex> in X-Hub-Signature and a bare hex digest in X-Jira-Signature, in either case', () => {
      expect(verify(body, { 'x-hub-signature': `sha256=${hex('s3cret')}` }, ['s3cret'])).to.equal(true);
      expect(verify(body, { 'x-hub-signature': `SHA256=${hex('s3cret').toUpperCase()}` }, ['s3cret'])).to.equal(true);
      expect(verify(body, { 'x-jira-signature': hex('s3cret') }, ['s3cret'])).to.equal(true);
    });

    it('accepts a signature made with any of the secrets, such as the previous one during a rotation', () => {
      expect(verify(body, { 'x-hub-signature': `sha256=${hex('old')}` }, ['new', 'old'])).to.equal(true);
      expect(verify(body, { 'x-hub-signature': `sha256=${hex('older')}` }, ['new', 'old'])).to.equal(false);
    });

    it('refuses missing, wrong, truncated, padded and other-algorithm signatures, base64 where hex is expected, and any signature with no secret', () => {
      const good = hex('s3cret');
      const attempts: Array<Record<string, string>> = [
        {},
        { 'x-hub-signature': `sha256=${hex('other')}` },
        { 'x-hub-signature': `sha256=${good.slice(0, -2)}` },
        { 'x-hub-signature': `sha256=${good}00` },
        { 'x-hub-signature': `sha1=${hex('s3cret', 'sha1')}` },
        { 'x-hub-signature': `sha512=${hex('s3cret', 'sha512')}` },
        { 'x-hub-signature': 'sha256=' },
        { 'x-hub-signature': `sha256=${base64('s3cret')}` },
        { 'x-jira-signature': `sha1=${hex('s3cret', 'sha1')}` },
      ];
      for (const headers of attempts) {
        expect(verify(body, headers, ['s3cret']), JSON.stringify(headers)).to.equal(false);
      }
      expect(verify(body, { 'x-hub-signature': `sha256=${good}` }, [])).to.equal(false);
    });
  });

  describe('a scheme that takes hex or base64 in one header', () => {
    const verify = verifierOf({ headers: [{ name: 'x-signature', encoding: 'hex-or-base64' }] });

    it('accepts the digest written either way, and nothing else', () => {
      expect(verify(body, { 'x-signature': hex('k') }, ['k'])).to.equal(true);
      expect(verify(body, { 'x-signature': base64('k') }, ['k'])).to.equal(true);
      expect(verify(body, { 'x-signature': base64('other') }, ['k'])).to.equal(false);
      expect(verify(body, { 'x-signature': base64('k').slice(0, -4) }, ['k'])).to.equal(false);
    });
  });
});
