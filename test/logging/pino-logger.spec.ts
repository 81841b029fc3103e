import { expect } from 'chai';
import { Writable } from 'node:stream';
import { createLogger } from '../../adapters/logging/pino-logger.js';

describe('the logger', () => {
  it('redacts secrets wherever they sit in a logged object', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.info(
      {
        apiToken: 'tok-1',
        body: { apiToken: 'tok-2', webhookSecret: 'whs-3', name: 'kept' },
        req: { headers: { authorization: 'Bearer eyJ-4' } },
        oauth: { accessToken: 'at-5', refreshToken: 'rt-6' },
      },
      'with secrets',
    );
    const line = lines.join('');
    for (const secret of ['tok-1', 'tok-2', 'whs-3', 'eyJ-4', 'at-5', 'rt-6']) expect(line).not.to.contain(secret);
    expect(JSON.parse(line)).to.deep.include({ msg: 'with secrets', body: { apiToken: '[redacted]', webhookSecret: '[redacted]', name: 'kept' } });
  });

  it('redacts secrets nested deeper than the fixed paths reach, and snake_case names', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    createLogger('info', sink).info(
      {
        connection: { previousWebhookSecret: { secret: 'prev-1' }, name: 'kept' },
        selection: { tokens: { accessToken: 'at-2', refreshToken: 'rt-3' } },
        a: { b: { apiToken: 'tok-4' } },
        oauth: [{ access_token: 'at-5', refresh_token: 'rt-6', client_secret: 'cs-7' }],
        err: { config: { headers: { Authorization: 'Bearer eyJ-8' } } },
      },
      'nested',
    );
    const line = lines.join('');
    for (const secret of ['prev-1', 'at-2', 'rt-3', 'tok-4', 'at-5', 'rt-6', 'cs-7', 'eyJ-8']) expect(line).not.to.contain(secret);
    expect(JSON.parse(line).connection.name).to.equal('kept');
  });
});

