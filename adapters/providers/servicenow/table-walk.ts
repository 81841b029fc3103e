import { formatServiceNowDateTime } from './servicenow-time.js';

/** A walk's position in one table: the lower bound on `sys_updated_on` (inclusive) and the offset from it. */
export interface WalkPosition {
  readonly from: string | null;
  readonly offset: number;
}

/**
 * Where the page after this one starts, from the update times of the records it showed (in order).
 * The bound moves up to the last time shown, the offset counting only the records seen at exactly
 * that time: rows hidden by ACLs among them may be read again (and dropped as seen), never skipped.
 * A page whose rows all share the bound, or that showed nothing, moves the offset by the page size.
 */
export const nextPosition = (position: WalkPosition, limit: number, updatedOn: ReadonlyArray<Date>): WalkPosition => {
  const last = updatedOn[updatedOn.length - 1];
  if (last === undefined) return { from: position.from, offset: position.offset + limit };
  const lastText = formatServiceNowDateTime(last);
  if (position.from !== null && lastText <= position.from) return { from: position.from, offset: position.offset + limit };
  return { from: lastText, offset: updatedOn.filter((at) => at.getTime() === last.getTime()).length };
};
