import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from '../../domain/audit-entry.js';
import type { JsonObject } from '../../domain/json.js';
import type { Requester } from '../../domain/requester.js';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { TransactionalPorts, UnitOfWork } from '../../ports/unit-of-work.js';

/** What audit entries and outbox events are stamped with: sortable ids and the time. */
export interface RecordingDeps {
  readonly eventIds: IdGenerator;
  readonly clock: Clock;
}

/** An entry saying that `requester` did `action` to the record `targetId`. */
export const auditEntryOf =
  (deps: RecordingDeps, requester: Requester) =>
  (action: AuditAction, targetId: string, summary: JsonObject = {}): AuditEntry => ({
    id: deps.eventIds.next(),
    organizationId: requester.organizationId,
    occurredAt: deps.clock.now(),
    actor: requester.actor,
    action,
    targetType: AUDIT_ACTIONS[action],
    targetId,
    summary,
    requestId: requester.requestId,
  });

/**
 * Writes a change and the audit entries its result calls for in one transaction: the change is
 * kept with its entries or not at all. Most changes audit one entry; one that changed nothing, none.
 */
export const audited = <E, A>(
  unitOfWork: UnitOfWork,
  change: (ports: TransactionalPorts) => TE.TaskEither<E, A>,
  entriesOf: (result: A) => ReadonlyArray<AuditEntry>,
) =>
  unitOfWork.transaction((ports) =>
    pipe(
      change(ports),
      TE.chainFirstW((result) => {
        const entries = entriesOf(result);
        return entries.length === 0 ? TE.right(undefined) : ports.audit.append(entries);
      }),
    ),
  );
