import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { writeRejected, type FieldIssue, type IssueWriteError, type SourceConnection, type SourceError } from '../../../core/index.js';
import type { HttpClient, HttpRequest, HttpResponse } from '../../net/index.js';
import { connectWiseExchange } from './connectwise-call.js';
import { CONNECTWISE_WRITES } from './facts.js';
import { connectWiseSaid, errorForStatus } from './responses.js';
import type { ConnectWiseSettings } from './settings.js';

/** `{ code, message, errors: [{ code, message, field }] }`: a 400 `InvalidObject` lists the fields it refuses. */
const RefusalCodec = t.intersection([
  t.type({ code: t.string, message: t.string }),
  t.partial({ errors: t.array(t.partial({ code: t.string, message: t.string, field: t.string })) }),
]);

const parsed = (body: string): unknown => {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return null;
  }
};

/** ConnectWise's field as the write API names it (`summary` is `title`); a field taskport does not write keeps its name. */
const fieldIssueOf = (error: { readonly field?: string | undefined; readonly message?: string | undefined; readonly code?: string | undefined }): FieldIssue => {
  const field = error.field ?? '';
  return { path: CONNECTWISE_WRITES.fieldNames[field] ?? (field === '' ? 'ticket' : field), message: error.message ?? error.code ?? 'refused' };
};

/**
 * ConnectWise's refusal of a write: a 400 (the ticket's fields) or a 404 (the ticket is gone) are
 * final, so `WriteRejected` with its field errors; anything else is the read's SourceError.
 */
export const writeErrorOf = (response: HttpResponse, retryAfterMs: number | null, what: string): IssueWriteError => {
  if (response.status === 404) return writeRejected(`ConnectWise has no such ticket (404 for ${what})`, [{ path: 'externalId', message: 'the ticket no longer exists in ConnectWise' }]);
  if (response.status !== 400) return errorForStatus(response, retryAfterMs, what);
  const decoded = RefusalCodec.decode(parsed(response.body));
  const errors = E.isRight(decoded) ? (decoded.right.errors ?? []) : [];
  return writeRejected(`ConnectWise refused ${what} (400).${connectWiseSaid(response.body)}`, errors.map(fieldIssueOf));
};

/**
 * A write to ConnectWise: a 2xx answers the response, a refusal is `WriteRejected`. A create is
 * sent once (`idempotent: false`): an answer lost on the way is found again by its marker.
 */
export const connectWiseWriteCall =
  (http: HttpClient) =>
  (connection: SourceConnection, settings: ConnectWiseSettings, request: E.Either<SourceError, HttpRequest>, what: string, idempotent: boolean) =>
  async (): Promise<E.Either<IssueWriteError, HttpResponse>> => {
    const answered = await connectWiseExchange(http)(connection, settings, request, { idempotent })();
    if (E.isLeft(answered)) return answered;
    const response = answered.right;
    return response.status >= 200 && response.status < 300 ? E.right(response) : E.left(writeErrorOf(response, http.retryAfterMs(response), what));
  };

export type ConnectWiseWriteCall = ReturnType<typeof connectWiseWriteCall>;
