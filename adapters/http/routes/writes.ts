import Router from '@koa/router';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Context } from 'koa';
import { decodeQuery, MAX_WRITE_WAIT_MS, publicWrite, WriteWaitQueryCodec, type DomainError, type OrganizationId, type Write } from '../../../core/index.js';
import type { ApiUseCases } from '../api-use-cases.js';
import { principalOf } from '../principal.js';
import { requesterOf } from '../requester.js';
import { respond, sendDomainError, sendError } from '../respond.js';
import { TASK_NOT_FOUND, idParam } from '../route-params.js';

const WRITE_NOT_FOUND = { code: 'write/not-found', message: 'No such write' };
const MAX_KEY_LENGTH = 255;

/** `?wait=true` waits (bounded) for the outcome; a bad query is refused before anything is written. */
const waitOf = (ctx: Context): E.Either<DomainError, number> =>
  pipe(
    decodeQuery(WriteWaitQueryCodec)({ ...ctx.query }),
    E.map((query) => (query.wait === 'true' ? MAX_WRITE_WAIT_MS : 0)),
  );

/** The `Idempotency-Key` header: printable ASCII, at most 255 characters; absent means none. */
const idempotencyKeyOf = (ctx: Context): string | null | undefined => {
  const key = ctx.get('Idempotency-Key');
  if (key === '') return null;
  return key.length <= MAX_KEY_LENGTH && /^[\x21-\x7e]+$/.test(key) ? key : undefined;
};

/** Queues the write and answers 202 with it; with `wait`, the write once settled (or as it stands when the wait ends). */
const accepted = async (ctx: Context, useCases: ApiUseCases, organizationId: OrganizationId, waitMs: number, write: (key: string | null) => TE.TaskEither<DomainError, Write>) => {
  const key = idempotencyKeyOf(ctx);
  if (key === undefined) return sendError(ctx, 400, 'validation/invalid-header', `Idempotency-Key must be 1 to ${MAX_KEY_LENGTH} printable ASCII characters`);
  const settle = (queued: Write) => (waitMs > 0 ? useCases.getWrite(organizationId, queued.id, waitMs) : TE.right<DomainError, Write>(queued));
  return respond(ctx, pipe(write(key), TE.chainW(settle)), {
    status: 202,
    data: (w) => (waitMs > 0 ? publicWrite(w) : { writeId: w.id, status: w.status === 'queued' ? 'queued' : w.status }),
  });
};

/** Writing back to trackers: create and change items (queued as writes), and each write's outcome. */
export const writeRoutes = (useCases: ApiUseCases): Router => {
  const router = new Router();
  router.post('/api/external-tasks', async (ctx) => {
    const wait = waitOf(ctx);
    if (E.isLeft(wait)) return sendDomainError(ctx, wait.left);
    const requester = requesterOf(ctx);
    return accepted(ctx, useCases, requester.organizationId, wait.right, (key) => useCases.createTask(requester, ctx.state.body, key));
  });
  router.patch('/api/external-tasks/:id', async (ctx) => {
    const wait = waitOf(ctx);
    if (E.isLeft(wait)) return sendDomainError(ctx, wait.left);
    const id = idParam(ctx, TASK_NOT_FOUND);
    if (id === undefined) return undefined;
    const requester = requesterOf(ctx);
    return accepted(ctx, useCases, requester.organizationId, wait.right, (key) => useCases.updateTask(requester, id, ctx.state.body, key));
  });
  router.get('/api/writes/:id', async (ctx) => {
    const wait = waitOf(ctx);
    if (E.isLeft(wait)) return sendDomainError(ctx, wait.left);
    const id = idParam(ctx, WRITE_NOT_FOUND);
    if (id !== undefined) await respond(ctx, useCases.getWrite(principalOf(ctx).organizationId, id, wait.right), { data: publicWrite });
  });
  return router;
};
