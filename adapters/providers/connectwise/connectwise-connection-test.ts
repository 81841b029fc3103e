import * as E from 'fp-ts/lib/Either.js';
import type * as T from 'fp-ts/lib/Task.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { ConnectionTestResult, SourceConnection } from '../../../core/index.js';
import type { ConnectWiseCall } from './connectwise-call.js';
import { reachOf } from './connection-reach.js';
import { systemInfoRequest } from './requests.js';
import { decodeObject, SystemInfoCodec } from './responses.js';

const SYSTEM_INFO = 'the connection check (GET /system/info)';

/** `GET /system/info`: a cheap authenticated read. Never fails: a refusal is `connected: false` with ConnectWise's reason. */
export const connectWiseConnectionTest =
  (call: ConnectWiseCall, attempts: number) =>
  (connection: SourceConnection): T.Task<ConnectionTestResult> =>
  async () => {
    try {
      const info = await pipe(
        TE.fromEither(reachOf(connection)),
        TE.chain((reach) => call(connection, reach.settings, systemInfoRequest(reach.target), SYSTEM_INFO, { maxAttempts: attempts })),
        TE.chainEitherKW(decodeObject(SystemInfoCodec, SYSTEM_INFO)),
      )();
      if (E.isLeft(info)) return { connected: false, message: info.left.message };
      return { connected: true, message: `Connected to ConnectWise PSA${info.right.version === undefined ? '' : ` ${info.right.version}`}` };
    } catch {
      // The port promises an answer, never a rejection; every expected failure is handled above.
      return { connected: false, message: 'The connection test failed unexpectedly; try again, and report it if it persists' };
    }
  };
