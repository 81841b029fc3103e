import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { hmacKeyOf, signingKeys } from '../../../adapters/providers/connectwise/signing-keys.js';
import type { HttpClient, HttpRequest } from '../../../adapters/net/index.js';

const KEY_URL = 'https://api-na.myconnectwise.net/v4_6_release//system/callbackkey/index.rails?companyName=acme&id=k1';

/** A key server that answers after the test lets it, counting what it was asked. */
const keyServer = (status = 200) => {
  const asked: string[] = [];
  let answer: () => void = () => {};
  const answered = new Promise<void>((resolve) => (answer = resolve));
  const http: HttpClient = {
    send: async (request: HttpRequest) => {
      asked.push(`${request.url.toString()} ${request.headers?.clientid ?? ''}`);
      await answered;
      return E.right({ status, header: () => null, body: JSON.stringify({ signing_key: 'the-key' }) });
    },
    retryAfterMs: () => null,
    close: () => {},
  };
  return { http, asked, answer };
};

describe('ConnectWise signing keys', () => {
  it('fetches a key once for a burst of callbacks that arrive before it is cached, then answers from the cache', async () => {
    const server = keyServer();
    const keys = signingKeys(server.http, () => 0);
    const burst = Promise.all(Array.from({ length: 20 }, () => keys(KEY_URL, 'client-1')()));
    server.answer();
    expect(await burst).to.deep.equal(Array.from({ length: 20 }, () => E.right(hmacKeyOf('the-key'))));
    expect(await keys(KEY_URL, 'client-1')()).to.deep.equal(E.right(hmacKeyOf('the-key')));
    expect(server.asked).to.deep.equal([`${KEY_URL} client-1`]);
  });

  it('shares a failed fetch with the callbacks waiting on it, and tries again for the next one', async () => {
    const server = keyServer(503);
    const keys = signingKeys(server.http, () => 0);
    const burst = Promise.all([keys(KEY_URL, 'client-1')(), keys(KEY_URL, 'client-1')()]);
    server.answer();
    expect((await burst).map((r) => E.isLeft(r) && r.left._tag)).to.deep.equal(['SourceUnavailable', 'SourceUnavailable']);
    await keys(KEY_URL, 'client-1')();
    expect(server.asked).to.have.length(2);
  });
});
