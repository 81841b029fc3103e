import { expect } from 'chai';
import { serverLog } from '../../adapters/postgres/embedded/server-log.js';

describe('serverLog: what PostgreSQL prints, at the level it deserves', () => {
  const capture = () => {
    const lines: Array<[string, string]> = [];
    const log = { info: (m: string) => lines.push(['info', m]), warn: (m: string) => lines.push(['warn', m]), error: (m: string) => lines.push(['error', m]) };
    return { lines, output: serverLog(log) };
  };

  it('reports FATAL and ERROR lines, with their details, at error; warnings at warn; routine lines not at all', () => {
    const { lines, output } = capture();
    output.write('2026-01-01 10:00:00 UTC [12] LOG:  database system is ready to accept connections\n');
    output.write('2026-01-01 10:00:01 UTC [13] FATAL:  password authentication failed for user "x"\n2026-01-01 10:00:01 UTC [13] DETAIL:  Connection matched');
    output.write(' file "pg_hba.conf" line 1\n2026-01-01 10:00:02 UTC [14] ERROR:  relation "missing" does not exist\n');
    output.write('2026-01-01 10:00:02 UTC [14] STATEMENT:  select * from missing\n2026-01-01 10:00:03 UTC [15] WARNING:  there is no transaction in progress\n');
    output.write('2026-01-01 10:00:04 UTC [16] LOG:  checkpoint starting: time\n2026-01-01 10:00:04 UTC [16] DETAIL:  routine\n');
    expect(lines.map(([level, message]) => [level, message.replace(/UTC \[\d+\] /, '')])).to.deep.equal([
      ['error', 'PostgreSQL: 2026-01-01 10:00:01 FATAL:  password authentication failed for user "x"'],
      ['error', 'PostgreSQL: 2026-01-01 10:00:01 DETAIL:  Connection matched file "pg_hba.conf" line 1'],
      ['error', 'PostgreSQL: 2026-01-01 10:00:02 ERROR:  relation "missing" does not exist'],
      ['error', 'PostgreSQL: 2026-01-01 10:00:02 STATEMENT:  select * from missing'],
      ['warn', 'PostgreSQL: 2026-01-01 10:00:03 WARNING:  there is no transaction in progress'],
    ]);
  });

  it('keeps the last lines, routine ones too, to explain a server that did not start', () => {
    const { output } = capture();
    for (let i = 0; i < 40; i += 1) output.write(`LOG:  line ${i}\n`);
    output.write('FATAL:  could not create lock file');
    const tail = output.tail().split('\n');
    expect([tail.length, tail[0], tail.at(-1)]).to.deep.equal([31, 'LOG:  line 10', 'FATAL:  could not create lock file']);
  });
});
