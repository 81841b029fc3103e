import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { EventSubscriptions } from '../../core/index.js';
import { executeBound } from './bound-statement.js';
import { attempt, type EntityManagerSource } from './database-call.js';

// Created on first use; taken only when free, already ours, or its lease has ended.
const LEASE = `
insert into event_subscriptions (name, position, holder, lease_until, updated_at) values (?, null, ?, ?::timestamptz, ?::timestamptz)
on conflict (name) do update set holder = excluded.holder, lease_until = excluded.lease_until, updated_at = excluded.updated_at
where event_subscriptions.holder is null or event_subscriptions.holder = excluded.holder or event_subscriptions.lease_until <= ?::timestamptz
returning position`;

const ADVANCE = 'update event_subscriptions set position = ?::bigint, updated_at = now() where name = ? and holder = ? returning name';
const RELEASE = 'update event_subscriptions set holder = null, lease_until = null where name = ? and holder = ?';

export const postgresEventSubscriptions = (em: EntityManagerSource): EventSubscriptions => ({
  lease: (name, holder, now, until) =>
    pipe(
      attempt('Leasing an event subscription', () => executeBound<{ position: string | null }>(em(), LEASE, [name, holder, until, now, now])),
      TE.map(([row]) => (row === undefined ? { leased: false as const } : { leased: true as const, position: row.position === null ? null : String(row.position) })),
    ),
  advance: (name, holder, position) =>
    pipe(
      attempt('Advancing an event subscription', () => executeBound(em(), ADVANCE, [position, name, holder])),
      TE.map((rows) => rows.length > 0),
    ),
  release: (name, holder) =>
    pipe(
      attempt('Releasing an event subscription', () => executeBound(em(), RELEASE, [name, holder])),
      TE.map(() => undefined),
    ),
});
