import { expect } from 'chai';
import type { LookupAddress } from 'node:dns';
import { ADDRESS_BLOCKED, guardedLookup, type ResolveAll } from '../../adapters/net/index.js';

const resolvingTo =
  (...addresses: string[]): ResolveAll =>
  (_hostname, _options, callback) =>
    callback(
      null,
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );

type Outcome = { error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number };

const lookup = (allowPrivate: boolean, resolve: ResolveAll, all = false) =>
  new Promise<Outcome>((done) =>
    guardedLookup(allowPrivate, resolve)('jira.example.test', { all }, (error, address, family) => done({ error, address, family })),
  );

describe('guardedLookup (the socket-level SSRF check)', () => {
  it('refuses a host name that resolves to a loopback or private address', async () => {
    for (const address of ['127.0.0.1', '10.0.0.7', '::1', 'fd00::5']) {
      const { error } = await lookup(false, resolvingTo(address));
      expect(error?.code, address).to.equal(ADDRESS_BLOCKED);
      expect(error?.message).to.include('jira.example.test').and.include(address);
    }
  });

  it('refuses the name when any one of its addresses is internal (a mixed answer)', async () => {
    const { error } = await lookup(false, resolvingTo('104.192.136.1', '192.168.0.10'));
    expect(error?.code).to.equal(ADDRESS_BLOCKED);
  });

  it('answers a public address in both lookup shapes', async () => {
    expect(await lookup(false, resolvingTo('104.192.136.1'))).to.deep.equal({ error: null, address: '104.192.136.1', family: 4 });
    const all = await lookup(false, resolvingTo('104.192.136.1', '2600:1f18::1'), true);
    expect(all.error).to.equal(null);
    expect(all.address).to.deep.equal([
      { address: '104.192.136.1', family: 4 },
      { address: '2600:1f18::1', family: 6 },
    ]);
  });

  it('lets loopback through for local development but never a metadata address', async () => {
    expect((await lookup(true, resolvingTo('127.0.0.1'))).error).to.equal(null);
    const { error } = await lookup(true, resolvingTo('169.254.169.254'));
    expect(error?.code).to.equal(ADDRESS_BLOCKED);
    expect(error?.message).to.include('metadata');
  });

  it('passes DNS failures through unchanged', async () => {
    const failing: ResolveAll = (_h, _o, callback) => callback(Object.assign(new Error('nope'), { code: 'ENOTFOUND' }), []);
    const { error } = await lookup(false, failing);
    expect(error?.code).to.equal('ENOTFOUND');
  });
});
