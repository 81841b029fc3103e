import { expect } from 'chai';
import { readEnv } from '../../apps/api/config.js';

const KEY = Buffer.alloc(32, 7).toString('base64');

describe('API configuration', () => {
  it('applies the documented defaults', () => {
    const config = readEnv({});
    expect(config).to.include({ PORT: 3000, TASKPORT_DATA_DIR: '.data', TASKPORT_ALLOW_PRIVATE_NETWORK: false, TASKPORT_MIGRATE_ON_START: true, LOG_LEVEL: 'info' });
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

  it('requires real secrets in production and refuses weak or ambiguous JWT settings', () => {
    expect(() => readEnv({ NODE_ENV: 'production' })).to.throw(/JWT_SECRET or JWT_JWKS_URL and TASKPORT_ENCRYPTION_KEY required/);
    expect(() => readEnv({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), TASKPORT_ENCRYPTION_KEY: KEY })).not.to.throw();
    expect(() => readEnv({ JWT_SECRET: 'short' })).to.throw(/at least 32 characters/);
    expect(() => readEnv({ JWT_SECRET: 'x'.repeat(40), JWT_JWKS_URL: 'https://a.example/jwks' })).to.throw(/not both/);
  });
});
