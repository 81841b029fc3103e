import { expect } from 'chai';
import { jiraTimestamp, offsetMinutes } from '../../apps/simulator/jira/time-zone.js';

const offsetNames = new Map<string, Intl.DateTimeFormat>();

/** The offset as Intl names it for this very instant. */
const exactOffset = (instantMs: number, zone: string): number => {
  const format = offsetNames.get(zone) ?? new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  offsetNames.set(zone, format);
  const name = format.formatToParts(new Date(instantMs)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return match === null ? 0 : (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
};

describe('Jira simulator time zones', () => {
  it('gives every instant of the days a zone changes its offset the offset of that instant', () => {
    const days: ReadonlyArray<readonly [string, string]> = [
      ['America/Los_Angeles', '2026-03-07T00:00:00Z'],
      ['America/Los_Angeles', '2026-10-31T00:00:00Z'],
      ['Europe/London', '2026-03-28T00:00:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T00:00:00Z'],
      ['Asia/Kathmandu', '2026-06-01T00:00:00Z'],
    ];
    for (const [zone, from] of days) {
      // Three days, every seven minutes and a few seconds, so each transition falls between two of them.
      for (let at = Date.parse(from); at < Date.parse(from) + 3 * 86_400_000; at += 7 * 60_000 + 3_000) {
        expect(offsetMinutes(at, zone), `${zone} at ${new Date(at).toISOString()}`).to.equal(exactOffset(at, zone));
      }
    }
  });

  it('renders a timestamp as Jira does, in the zone asked, without a colon in the offset', () => {
    expect(jiraTimestamp(Date.parse('2026-03-08T09:59:59.123Z'), 'America/Los_Angeles')).to.equal('2026-03-08T01:59:59.123-0800');
    expect(jiraTimestamp(Date.parse('2026-03-08T10:00:00.000Z'), 'America/Los_Angeles')).to.equal('2026-03-08T03:00:00.000-0700');
  });
});
