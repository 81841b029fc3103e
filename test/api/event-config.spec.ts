import { expect } from 'chai';
import { readEnv } from '../../apps/api/config.js';

describe('event configuration', () => {
  it('keeps events 7 days unless TASKPORT_EVENT_RETENTION_DAYS says otherwise, and refuses no retention at all', () => {
    expect(readEnv({}).TASKPORT_EVENT_RETENTION_DAYS).to.equal(7);
    expect(readEnv({ TASKPORT_EVENT_RETENTION_DAYS: '30' }).TASKPORT_EVENT_RETENTION_DAYS).to.equal(30);
    expect(() => readEnv({ TASKPORT_EVENT_RETENTION_DAYS: '0' })).to.throw(/TASKPORT_EVENT_RETENTION_DAYS must be an integer from 1 to 3650/);
  });
});
