import { createHmac } from 'node:crypto';
import type { Delivery } from './webhook-deliveries.js';

const ANCHOR = Date.parse('2026-01-01T00:00:00.000Z');
const GROUPS = ['Service Desk', 'Network', 'Hardware', 'Database'];
const PEOPLE = ['abel.tuter', 'beth.anglin', 'charlie.whitherspoon', 'david.loo'];

/** ServiceNow's `2026-01-22 14:12:37` (UTC). */
const snTime = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
const sysIdOf = (i: number) => i.toString(16).padStart(32, '0');

/** An incident as the documented business rule puts it in `record`: Table API strings, references as sys_ids, the two names dot-walked. */
const recordOf = (i: number, version: number) => ({
  sys_id: sysIdOf(i + 1),
  number: `INC${String(10_001 + i).padStart(7, '0')}`,
  short_description: `Incident ${i + 1}: the VPN drops every few minutes`,
  description: `Reported by the caller on the phone. ${'Steps tried so far: restarted the client, re-entered the credentials, switched networks. '.repeat(6)}`,
  state: String(1 + (i % 3)),
  priority: String(1 + (i % 5)),
  impact: String(1 + (i % 3)),
  urgency: String(1 + ((i + 1) % 3)),
  active: 'true',
  assigned_to: sysIdOf(100_000 + (i % PEOPLE.length)),
  assignment_group: sysIdOf(200_000 + (i % GROUPS.length)),
  due_date: '',
  sys_created_on: snTime(ANCHOR - 86_400_000),
  sys_updated_on: snTime(ANCHOR + version * 1000),
  sys_mod_count: String(version),
  sys_class_name: 'incident',
  'assigned_to.email': `${PEOPLE[i % PEOPLE.length]}@example.com`,
  'assignment_group.name': GROUPS[i % GROUPS.length],
});

/**
 * Signed business-rule deliveries in the shape the ServiceNow simulator's rule sends (the record
 * carried, `X-Taskport-Delivery`, base64 HMAC-SHA256 in `X-ServiceNow-Signature`), over `records`
 * incidents in turn; delivery n carries sys_mod_count n, so every one is a newer version.
 */
export const serviceNowDeliveries =
  (records: number, secret: string) =>
  (n: number): Delivery => {
    const body = Buffer.from(
      JSON.stringify({ table: 'incident', sys_id: sysIdOf((n % records) + 1), operation: 'update', sys_mod_count: String(n + 1), occurred_at: snTime(ANCHOR + (n + 1) * 1000), record: recordOf(n % records, n + 1) }),
    );
    const id = `bench-${n}`;
    return {
      id,
      body,
      headers: { 'content-type': 'application/json', 'user-agent': 'ServiceNow/1.0', 'x-taskport-delivery': id, 'x-servicenow-signature': createHmac('sha256', secret).update(body).digest('base64') },
    };
  };
