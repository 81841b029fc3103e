import type { SnRecord } from './record-store.js';

/**
 * Records the API account may not read, as a table's ACLs would hide them: they count in
 * X-Total-Count and take their place in a page (the limit is applied before ACLs), but are never
 * shown, so pages come back short or empty with more after them.
 */
export interface AclControl {
  /** Hides about one record in `n` of the synced tables (0: none), chosen by sys_id so the choice is stable. */
  readonly hideEvery: (n: number) => void;
  readonly hide: (sysIds: ReadonlyArray<string>) => void;
  /** Tables the account may not read at all: every read of them answers 403, as a table ACL does. */
  readonly refuseTables: (tables: ReadonlyArray<string>) => void;
  readonly refuses: (table: string) => boolean;
  readonly reset: () => void;
  readonly hidden: (record: SnRecord) => boolean;
  readonly settings: () => { readonly hideEvery: number; readonly hidden: number };
}

export const aclControl = (initialEvery = 0): AclControl => {
  let every = initialEvery;
  const explicit = new Set<string>();
  const refused = new Set<string>();
  return {
    hideEvery: (n) => {
      every = n;
    },
    hide: (ids) => ids.forEach((id) => explicit.add(id)),
    refuseTables: (tables) => tables.forEach((table) => refused.add(table)),
    refuses: (table) => refused.has(table),
    reset: () => {
      every = 0;
      explicit.clear();
      refused.clear();
    },
    hidden: (record) => {
      const id = record.sys_id ?? '';
      return explicit.has(id) || (every > 0 && Number.parseInt(id.slice(-6), 16) % every === 0);
    },
    settings: () => ({ hideEvery: every, hidden: explicit.size }),
  };
};
