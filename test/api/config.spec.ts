import { expect } from 'chai';
import { readEnv } from '../../apps/api/config.js';

const KEY = Buffer.alloc(32, 7).toString('base64');

describe('API configuration', () => {
  it('applies the documented defaults', () => {
    const config = readEnv({});
    expect(config).to.include({ PORT: 3000, HOST: '0.0.0.0', TASKPORT_SHUTDOWN_TIMEOUT_SECONDS: 20, TASKPORT_DATA_DIR: '.data', TASKPORT_ALLOW_PRIVATE_NETWORK: false, TASKPORT_MIGRATE_ON_START: true, LOG_LEVEL: 'info' });
    expect(config.DATABASE_URL).to.equal(undefined);
  });

  it('decodes every variable it reads', () => {
    const config = readEnv({
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@db:5432/taskport',
      TASKPORT_ENCRYPTION_KEY: KEY,
      TASKPORT_ALLOW_PRIVATE_NETWORK: 'true',
      JWT_JWKS_URL: 'https://auth.example.com/.well-known/jwks.json',
      LOG_LEVEL: 'debug',
    });
    expect(config).to.include({ PORT: 8080, TASKPORT_ALLOW_PRIVATE_NETWORK: true, LOG_LEVEL: 'debug' });
    expect(config.TASKPORT_ENCRYPTION_KEY?.length).to.equal(32);
  });

  it('stops with a message naming each bad variable', () => {
    expect(() => readEnv({ PORT: 'eighty', TASKPORT_ENCRYPTION_KEY: 'c2hvcnQ=', LOG_LEVEL: 'loud' })).to.throw(
      /PORT must be an integer from 0 to 65535.*TASKPORT_ENCRYPTION_KEY must be 32 bytes.*LOG_LEVEL/,
    );
    expect(() => readEnv({ TASKPORT_ALLOW_PRIVATE_NETWORK: 'yes' })).to.throw(/TASKPORT_ALLOW_PRIVATE_NETWORK must be true or false/);
  });

  it('says a DATABASE_URL that is not postgres:// must be one, without repeating it (it may hold a password)', () => {
    for (const url of ['mysql://admin:hunter2@db/taskport', 'https://admin:hunter2@db/taskport', 'not a url']) {
      expect(() => readEnv({ DATABASE_URL: url })).to.throw(
        'Invalid configuration: DATABASE_URL must be a postgres:// (or postgresql://) URL such as postgres://user:password@host:5432/taskport',
      );
    }
    expect(readEnv({ DATABASE_URL: 'postgresql://u:p@db/taskport' }).DATABASE_URL).to.equal('postgresql://u:p@db/taskport');
  });

  it('reads the retired encryption keys, naming a bad one by its position and never by its value', () => {
    const other = Buffer.alloc(32, 9).toString('base64');
    expect(readEnv({ TASKPORT_ENCRYPTION_PREVIOUS_KEYS: ` ${KEY}, ${other} ` }).TASKPORT_ENCRYPTION_PREVIOUS_KEYS.map((k) => k.toString('base64'))).to.deep.equal([KEY, other]);
    expect(readEnv({}).TASKPORT_ENCRYPTION_PREVIOUS_KEYS).to.deep.equal([]);
    const refusal = () => readEnv({ TASKPORT_ENCRYPTION_PREVIOUS_KEYS: `${KEY},c2VjcmV0LXNob3J0` });
    expect(refusal).to.throw('TASKPORT_ENCRYPTION_PREVIOUS_KEYS must be comma-separated keys of 32 bytes, base64-encoded (key 2 is not one)');
    expect(refusal).not.to.throw(/c2VjcmV0/);
  });

  it('refuses a postgres:// URL where an http(s) one is expected', () => {
    expect(() => readEnv({ JWT_JWKS_URL: 'postgres://db/x' })).to.throw('Invalid configuration: JWT_JWKS_URL must be an http:// or https:// URL');
  });

  it('requires real secrets in production and refuses weak or ambiguous JWT settings', () => {
    expect(() => readEnv({ NODE_ENV: 'production' })).to.throw(/JWT_SECRET or JWT_JWKS_URL and TASKPORT_ENCRYPTION_KEY required/);
    expect(() => readEnv({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), TASKPORT_ENCRYPTION_KEY: KEY })).not.to.throw();
    expect(() => readEnv({ JWT_SECRET: 'short' })).to.throw(/at least 32 characters/);
    expect(() => readEnv({ JWT_SECRET: 'x'.repeat(40), JWT_JWKS_URL: 'https://a.example/jwks' })).to.throw(/not both/);
  });
});

describe('API configuration: Jira OAuth', () => {
  const CLIENT = { JIRA_CLIENT_ID: 'client-id', JIRA_CLIENT_SECRET: 'client-secret' };

  it("points at Atlassian's real endpoints unless told otherwise, and needs no client", () => {
    const config = readEnv({});
    expect(config).to.include({
      JIRA_OAUTH_AUTHORIZE_URL: 'https://auth.atlassian.com/authorize',
      JIRA_OAUTH_TOKEN_URL: 'https://auth.atlassian.com/oauth/token',
      JIRA_API_GATEWAY_URL: 'https://api.atlassian.com',
      JIRA_CLIENT_ID: undefined,
      JIRA_OAUTH_FRONTEND_URL: undefined,
    });
    expect(config.JIRA_OAUTH_REDIRECT_URIS).to.deep.equal([]);
  });

  it('reads the client, the allowed redirect URIs in order, the front end and other endpoints', () => {
    const config = readEnv({
      ...CLIENT,
      JIRA_OAUTH_REDIRECT_URIS: 'https://api.example.com/api/integrations/oauth/jira/callback, https://staging.example.com/api/integrations/oauth/jira/callback',
      JIRA_OAUTH_FRONTEND_URL: 'https://app.example.com/integrations',
      JIRA_OAUTH_TOKEN_URL: 'http://127.0.0.1:3100/oauth/token',
    });
    expect(config.JIRA_OAUTH_REDIRECT_URIS).to.deep.equal([
      'https://api.example.com/api/integrations/oauth/jira/callback',
      'https://staging.example.com/api/integrations/oauth/jira/callback',
    ]);
    expect(config).to.include({ JIRA_OAUTH_FRONTEND_URL: 'https://app.example.com/integrations', JIRA_OAUTH_TOKEN_URL: 'http://127.0.0.1:3100/oauth/token' });
  });

  it('refuses half a client, a client without redirect URIs, and a redirect URI that is not a URL', () => {
    expect(() => readEnv({ JIRA_CLIENT_ID: 'client-id' })).to.throw(/both JIRA_CLIENT_ID and JIRA_CLIENT_SECRET/);
    expect(() => readEnv(CLIENT)).to.throw(/JIRA_OAUTH_REDIRECT_URIS is required/);
    expect(() => readEnv({ ...CLIENT, JIRA_OAUTH_REDIRECT_URIS: 'https://ok.example/cb,not a url' })).to.throw(/JIRA_OAUTH_REDIRECT_URIS must be a comma-separated list of URLs/);
  });
});

describe('API configuration: token lifetime and HTTP timeouts', () => {
  it('defaults to a day of token lifetime and bounded timeouts at every stage of a connection', () => {
    expect(readEnv({})).to.include({
      JWT_MAX_LIFETIME_SECONDS: 86_400,
      TASKPORT_HTTP_HEADERS_TIMEOUT_SECONDS: 20,
      TASKPORT_HTTP_REQUEST_TIMEOUT_SECONDS: 60,
      TASKPORT_HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: 5,
      TASKPORT_HTTP_IDLE_SOCKET_TIMEOUT_SECONDS: 30,
    });
  });

  it('reads each of them, and refuses none at all or headers allowed longer than the whole request', () => {
    const config = readEnv({ JWT_MAX_LIFETIME_SECONDS: '3600', TASKPORT_HTTP_HEADERS_TIMEOUT_SECONDS: '10', TASKPORT_HTTP_IDLE_SOCKET_TIMEOUT_SECONDS: '15' });
    expect(config).to.include({ JWT_MAX_LIFETIME_SECONDS: 3600, TASKPORT_HTTP_HEADERS_TIMEOUT_SECONDS: 10, TASKPORT_HTTP_IDLE_SOCKET_TIMEOUT_SECONDS: 15 });
    expect(() => readEnv({ TASKPORT_HTTP_IDLE_SOCKET_TIMEOUT_SECONDS: '0' })).to.throw(/TASKPORT_HTTP_IDLE_SOCKET_TIMEOUT_SECONDS must be an integer from 1 to 3600/);
    expect(() => readEnv({ JWT_MAX_LIFETIME_SECONDS: '0' })).to.throw(/JWT_MAX_LIFETIME_SECONDS must be an integer from 60/);
    expect(() => readEnv({ TASKPORT_HTTP_HEADERS_TIMEOUT_SECONDS: '90' })).to.throw(/must not exceed TASKPORT_HTTP_REQUEST_TIMEOUT_SECONDS/);
  });
});
