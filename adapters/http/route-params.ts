import type { Context } from 'koa';
import { asEntityId, type EntityId } from '../../core/index.js';
import { sendError } from './respond.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every id taskport hands out is a UUID, so anything else cannot name a record: it is answered as
 * not found, exactly like another organization's id.
 */
export const idParam = (ctx: Context, notFound: { code: string; message: string }): EntityId | undefined => {
  const raw = String(ctx.params.id ?? '');
  if (UUID.test(raw)) return asEntityId(raw.toLowerCase());
  sendError(ctx, 404, notFound.code, notFound.message);
  return undefined;
};

export const CONNECTION_NOT_FOUND = { code: 'integration/not-found', message: 'No such integration' };
export const USER_MAPPING_NOT_FOUND = { code: 'user-mapping/not-found', message: 'No such user mapping' };
export const TASK_NOT_FOUND = { code: 'task/not-found', message: 'No such external task' };
