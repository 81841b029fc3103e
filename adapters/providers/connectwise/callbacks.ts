import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { SourceConnection, SourceError } from '../../../core/index.js';
import type { WarnLogger } from '../../net/index.js';
import type { ConnectWiseCall } from './connectwise-call.js';
import { reachOf } from './connectwise-issue-source.js';
import { quoteCondition } from './conditions.js';
import { callbacksRequest, deleteCallbackRequest, registerCallbackRequest } from './requests.js';
import { CallbackEntryCodec, decodeList } from './responses.js';

export interface CallbackRegistrationOptions {
  /** TASKPORT_PUBLIC_URL: where ConnectWise reaches this API; without it nothing is registered. */
  readonly publicUrl: string | undefined | (() => string | undefined);
  readonly logger?: WarnLogger;
}

/** Where ConnectWise sends a connection's callbacks. */
export const callbackUrlOf = (publicUrl: string, connectionId: string): string => `${publicUrl.replace(/\/+$/, '')}/api/webhooks/connectwise/${encodeURIComponent(connectionId)}`;

const CALLBACKS = 'the callbacks (/system/callbacks)';

/**
 * `registerCallbacks: true` registers one ticket callback when the connection is created and
 * removes every callback with its URL when it is deleted. The URL is the callback's identity, so
 * nothing else need be stored; both are best effort and only logged when they fail.
 */
export const callbackRegistration = (call: ConnectWiseCall, options: CallbackRegistrationOptions) => {
  const wanted = (connection: SourceConnection) => {
    const reach = reachOf(connection);
    const publicUrl = typeof options.publicUrl === 'function' ? options.publicUrl() : options.publicUrl;
    return publicUrl === undefined || E.isLeft(reach) || !reach.right.settings.registerCallbacks ? null : { reach: reach.right, url: callbackUrlOf(publicUrl, connection.connectionId) };
  };
  const report = (what: string) => (error: SourceError) => async () => options.logger?.warn({ error: error.message }, `ConnectWise ${what} failed`);

  const onConnectionCreated = (connection: SourceConnection) => {
    const plan = wanted(connection);
    if (plan === null) return async () => undefined;
    return pipe(
      call(connection, plan.reach.settings, registerCallbackRequest(plan.reach.target, plan.url), CALLBACKS, { idempotent: false, maxAttempts: 2 }),
      TE.match(report('callback registration'), () => async () => undefined),
      (task) => async () => (await task())(),
    );
  };

  const onConnectionDeleted = (connection: SourceConnection) => {
    const plan = wanted(connection);
    if (plan === null) return async () => undefined;
    const { settings, target } = plan.reach;
    return pipe(
      call(connection, settings, callbacksRequest(target, plan.url, quoteCondition), CALLBACKS),
      TE.chainEitherKW(decodeList(CallbackEntryCodec, CALLBACKS)),
      TE.chain((callbacks) => TE.traverseSeqArray((id: number) => call(connection, settings, deleteCallbackRequest(target, id), CALLBACKS))(callbacks.filter((c) => c.url === undefined || c.url === plan.url).map((c) => c.id))),
      TE.match(report('callback removal'), () => async () => undefined),
      (task) => async () => (await task())(),
    );
  };

  return { onConnectionCreated, onConnectionDeleted };
};
