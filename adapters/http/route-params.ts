import type { Context } from 'koa';
import { asEntityId, isUuid, type EntityId } from '../../core/index.js';
import { sendError } from './respond.js';

/**
 * Every id taskport hands out is a UUID, so anything else cannot name a record: it is answered as
 * not found, exactly like another organization's id.
 */
export const idParam = (ctx: Context, notFound: { code: string; message: string }): EntityId | undefined => {
  const raw = String(ctx.params.id ?? '');
  if (isUuid(raw)) return asEntityId(raw.toLowerCase());
  sendError(ctx, 404, notFound.code, notFound.message);
  return undefined;
};

/** A sync run's id in the path (`:runId`), answered like `idParam` when it cannot name one. */
export const runIdParam = (ctx: Context): EntityId | undefined => {
  const raw = String(ctx.params.runId ?? '');
  if (isUuid(raw)) return asEntityId(raw.toLowerCase());
  sendError(ctx, 404, 'sync-run/not-found', 'No such sync run');
  return undefined;
};

export const CONNECTION_NOT_FOUND = { code: 'integration/not-found', message: 'No such integration' };
export const USER_MAPPING_NOT_FOUND = { code: 'user-mapping/not-found', message: 'No such user mapping' };
export const TASK_NOT_FOUND = { code: 'task/not-found', message: 'No such external task' };
