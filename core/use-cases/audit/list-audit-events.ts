import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeQuery } from '../../codecs/decode.js';
import { AuditQueryCodec, type AuditQuery } from '../../codecs/event-input.js';
import { decodeAuditCursor, encodeAuditCursor, type AuditCursor, type AuditEntry } from '../../domain/audit-entry.js';
import type { OrganizationId } from '../../domain/ids.js';
import { invalidQuery, type InvalidQuery, type PersistenceFailure } from '../../errors.js';
import type { AuditFilter, AuditLog } from '../../ports/audit-log.js';

export const DEFAULT_AUDIT_PAGE_SIZE = 50;

export interface AuditListPage {
  readonly items: ReadonlyArray<AuditEntry>;
  /** Opaque; pass it back as `cursor` for the next page. */
  readonly nextCursor: string | null;
}

const toFilter = (q: AuditQuery): AuditFilter => ({
  ...(q.action === undefined ? {} : { action: q.action }),
  ...(q.targetId === undefined ? {} : { targetId: q.targetId }),
  ...(q.actor === undefined ? {} : { actor: q.actor }),
  ...(q.since === undefined ? {} : { since: q.since }),
  ...(q.until === undefined ? {} : { until: q.until }),
});

const parseCursor = (cursor: string | undefined): E.Either<InvalidQuery, AuditCursor | null> => {
  if (cursor === undefined) return E.right(null);
  const decoded = decodeAuditCursor(cursor);
  return decoded === null ? E.left(invalidQuery([{ path: 'cursor', message: 'is not a cursor this API returned' }])) : E.right(decoded);
};

/** The organization's audit log, newest first, filtered and paged by an opaque cursor. */
export const listAuditEvents =
  (deps: { readonly auditLog: AuditLog }) =>
  (organizationId: OrganizationId, query: unknown): TE.TaskEither<InvalidQuery | PersistenceFailure, AuditListPage> =>
    pipe(
      TE.fromEither(decodeQuery(AuditQueryCodec)(query)),
      TE.bindTo('q'),
      TE.bind('after', ({ q }) => TE.fromEither(parseCursor(q.cursor))),
      TE.chainW(({ q, after }) => deps.auditLog.list(organizationId, toFilter(q), { limit: q.limit ?? DEFAULT_AUDIT_PAGE_SIZE, after })),
      TE.map((page) => ({ items: page.items, nextCursor: page.next === null ? null : encodeAuditCursor(page.next) })),
    );
