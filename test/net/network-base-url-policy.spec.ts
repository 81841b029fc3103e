import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import sinon from 'sinon';
import { classifyAddress, networkBaseUrlPolicy } from '../../adapters/net/index.js';

const strict = networkBaseUrlPolicy({ allowPrivateNetwork: false });
const local = networkBaseUrlPolicy({ allowPrivateNetwork: true });

const refusal = (policy: typeof strict, url: string): string => {
  const result = policy.check(url);
  if (E.isRight(result)) expect.fail(`${url} was accepted as ${result.right}`);
  return result.left;
};

describe('networkBaseUrlPolicy', () => {
  it('normalizes an https site URL to origin plus path without a trailing slash', () => {
    expect(strict.check('https://Acme.Atlassian.net/')).to.deep.equal(E.right('https://acme.atlassian.net'));
    expect(strict.check(' https://api.atlassian.com/ex/jira/1324a887/ ')).to.deep.equal(E.right('https://api.atlassian.com/ex/jira/1324a887'));
    expect(strict.check('https://acme.atlassian.net:443')).to.deep.equal(E.right('https://acme.atlassian.net'));
  });

  it('refuses http, credentials, queries, fragments and garbage', () => {
    expect(refusal(strict, 'http://acme.atlassian.net')).to.equal('must use https');
    expect(refusal(strict, 'https://me:secret@acme.atlassian.net')).to.equal('must not contain credentials');
    expect(refusal(strict, 'https://acme.atlassian.net/?x=1')).to.equal('must not have a query or fragment');
    expect(refusal(strict, 'https://acme.atlassian.net/#top')).to.equal('must not have a query or fragment');
    expect(refusal(strict, 'not a url')).to.equal('must be a valid URL');
    expect(refusal(local, 'ftp://acme.example')).to.equal('must use http or https');
  });

  const internal: ReadonlyArray<readonly [string, string]> = [
    ['https://127.0.0.1', 'loopback'],
    ['https://2130706433', 'loopback'],
    ['https://0x7f.1', 'loopback'],
    ['https://[::1]', 'loopback'],
    ['https://localhost', 'loopback host name'],
    ['https://api.localhost', 'loopback host name'],
    ['https://10.1.2.3', 'private'],
    ['https://172.16.0.9', 'private'],
    ['https://192.168.1.1', 'private'],
    ['https://100.64.0.1', 'private'],
    ['https://[fd12:3456::1]', 'private'],
    ['https://[::ffff:10.0.0.1]', 'private'],
    ['https://169.254.10.10', 'link-local'],
    ['https://[fe80::1]', 'link-local'],
    ['https://169.254.169.254', 'metadata'],
    ['https://[fd00:ec2::254]', 'metadata'],
    ['https://[::ffff:169.254.169.254]', 'metadata'],
    ['https://[64:ff9b::a9fe:a9fe]', 'metadata'],
    ['https://0.0.0.0', 'reserved'],
    ['https://[::]', 'reserved'],
    ['https://224.0.0.1', 'reserved'],
  ];
  for (const [url, kind] of internal) {
    it(`refuses ${url} (${kind}) without DNS`, () => {
      expect(refusal(strict, url)).to.include(kind);
    });
  }

  it('accepts public IP literals', () => {
    expect(strict.check('https://104.192.136.1')).to.deep.equal(E.right('https://104.192.136.1'));
    expect(strict.check('https://[2600:1f18::1]')).to.deep.equal(E.right('https://[2600:1f18::1]'));
  });

  describe('with private network allowed (local development)', () => {
    it('accepts http, loopback and private addresses', () => {
      expect(local.check('http://127.0.0.1:3100/')).to.deep.equal(E.right('http://127.0.0.1:3100'));
      expect(local.check('http://localhost:3100')).to.deep.equal(E.right('http://localhost:3100'));
      expect(local.check('https://10.0.0.5')).to.deep.equal(E.right('https://10.0.0.5'));
      expect(local.check('http://[fd12::1]:8080')).to.deep.equal(E.right('http://[fd12::1]:8080'));
    });

    it('still refuses cloud metadata and link-local addresses', () => {
      expect(refusal(local, 'http://169.254.169.254/latest/meta-data')).to.include('metadata');
      expect(refusal(local, 'http://[fd00:ec2::254]')).to.include('metadata');
      expect(refusal(local, 'http://100.100.100.200')).to.include('metadata');
      expect(refusal(local, 'http://169.254.1.1')).to.include('link-local');
    });

    it('logs a warning when created, and none when private network is off', () => {
      const warn = sinon.spy();
      networkBaseUrlPolicy({ allowPrivateNetwork: true, logger: { warn } });
      networkBaseUrlPolicy({ allowPrivateNetwork: false, logger: { warn } });
      expect(warn.callCount).to.equal(1);
      expect(warn.firstCall.args[1]).to.include('TASKPORT_ALLOW_PRIVATE_NETWORK');
    });
  });
});

describe('classifyAddress', () => {
  it('sees through IPv4-mapped and NAT64 IPv6 forms', () => {
    expect(classifyAddress('::ffff:7f00:1')).to.equal('loopback');
    expect(classifyAddress('::ffff:192.168.0.1')).to.equal('private');
    expect(classifyAddress('64:ff9b::10.0.0.1')).to.equal('private');
    expect(classifyAddress('64:ff9b::8.8.8.8')).to.equal('public');
  });

  it('treats zone-scoped link-local and public addresses correctly', () => {
    expect(classifyAddress('fe80::1%eth0')).to.equal('link-local');
    expect(classifyAddress('8.8.8.8')).to.equal('public');
    expect(classifyAddress('2a00:1450:4001::1')).to.equal('public');
  });
});
