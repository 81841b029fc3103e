import type { IdGenerator } from '../../core/index.js';

/** Deterministic UUID-shaped ids: 00000000-0000-4000-8000-000000000001, ...002, and so on. */
export const sequentialIds = (prefix = '00000000'): IdGenerator => {
  let n = 0;
  return {
    next: () => {
      n += 1;
      return `${prefix}-0000-4000-8000-${n.toString().padStart(12, '0')}`;
    },
  };
};
