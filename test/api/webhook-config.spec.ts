import { expect } from 'chai';
import { readEnv } from '../../apps/api/config.js';

describe('API configuration of webhooks', () => {
  it('accepts bodies up to 1 MB and keeps a rotated secret 24 hours by default', () => {
    expect(readEnv({})).to.include({ TASKPORT_WEBHOOK_BODY_LIMIT: 1024 * 1024, TASKPORT_WEBHOOK_SECRET_GRACE_HOURS: 24 });
  });

  it('reads both settings, a zero grace included, and names a bad value', () => {
    expect(readEnv({ TASKPORT_WEBHOOK_BODY_LIMIT: '65536', TASKPORT_WEBHOOK_SECRET_GRACE_HOURS: '0' })).to.include({
      TASKPORT_WEBHOOK_BODY_LIMIT: 65536,
      TASKPORT_WEBHOOK_SECRET_GRACE_HOURS: 0,
    });
    expect(() => readEnv({ TASKPORT_WEBHOOK_BODY_LIMIT: '1mb' })).to.throw(/TASKPORT_WEBHOOK_BODY_LIMIT must be an integer/);
    expect(() => readEnv({ TASKPORT_WEBHOOK_SECRET_GRACE_HOURS: '-1' })).to.throw(/TASKPORT_WEBHOOK_SECRET_GRACE_HOURS must be an integer/);
  });

  it('tries a delivery five times, 30 s apart at first, unless told otherwise, and never zero times', () => {
    expect(readEnv({})).to.include({ TASKPORT_WEBHOOK_MAX_ATTEMPTS: 5, TASKPORT_WEBHOOK_RETRY_DELAY_SECONDS: 30 });
    expect(readEnv({ TASKPORT_WEBHOOK_MAX_ATTEMPTS: '8', TASKPORT_WEBHOOK_RETRY_DELAY_SECONDS: '5' })).to.include({ TASKPORT_WEBHOOK_MAX_ATTEMPTS: 8, TASKPORT_WEBHOOK_RETRY_DELAY_SECONDS: 5 });
    expect(() => readEnv({ TASKPORT_WEBHOOK_MAX_ATTEMPTS: '0' })).to.throw(/TASKPORT_WEBHOOK_MAX_ATTEMPTS must be an integer/);
  });
});
