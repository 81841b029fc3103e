import { v7 as uuidv7 } from 'uuid';
import type { IdGenerator } from '../../core/index.js';

/**
 * UUIDv7: unique, and sortable by creation (a millisecond timestamp first, then a counter within the
 * millisecond), so events and audit entries can be ordered and paged by id.
 */
export const sortableIds = (): IdGenerator => ({ next: () => uuidv7() });
