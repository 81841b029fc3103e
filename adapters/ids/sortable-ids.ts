import { randomFillSync } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { IdGenerator } from '../../core/index.js';

const POOL_BYTES = 4096;
const ID_BYTES = 16;

/** uuid's v7 draws its random bytes one id at a time (a system call each); a pool refilled once per 256 ids draws the same bytes for less. */
const randomBytesPool = () => {
  const pool = new Uint8Array(POOL_BYTES);
  let next = POOL_BYTES;
  return (): Uint8Array => {
    if (next + ID_BYTES > POOL_BYTES) {
      randomFillSync(pool);
      next = 0;
    }
    return pool.subarray(next, (next += ID_BYTES));
  };
};

/**
 * UUIDv7: unique, and sortable by creation (a millisecond timestamp first, then a counter within the
 * millisecond), so events and audit entries can be ordered and paged by id. The counter is kept here
 * as uuid keeps it (a random start each millisecond, one more for each id within it), since uuid
 * keeps its own only when it draws the random bytes itself.
 */
export const sortableIds = (): IdGenerator => {
  const random = randomBytesPool();
  let msecs = -Infinity;
  let seq = 0;
  return {
    next: () => {
      const bytes = random();
      const now = Date.now();
      if (now > msecs) {
        seq = ((bytes[6]! & 0x7f) << 24) | (bytes[7]! << 16) | (bytes[8]! << 8) | bytes[9]!;
        msecs = now;
      } else {
        seq = (seq + 1) | 0;
        if (seq === 0) msecs += 1;
      }
      return uuidv7({ random: bytes, msecs, seq });
    },
  };
};
