import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import * as t from 'io-ts';
import { sourceUnavailable, writeRejected, type FieldIssue, type IssueWriteError, type SourceConnection, type SourceError, type SourceIssue } from '../../../core/index.js';
import type { HttpClient, HttpResponse } from '../../net/index.js';
import { describeNetFailure } from '../../net/index.js';
import { budgetKeyOf, SERVICENOW_BUDGET } from './facts.js';
import { carriedNames } from './referenced-names.js';
import { apiTarget } from './requests.js';
import { decodeBody, decodeEach, errorForStatus, ErrorBodyCodec, serviceNowSaid } from './responses.js';
import { ServiceNowRecordCodec, toSourceIssue } from './to-domain.js';
import { SERVICENOW_WRITES } from './write-facts.js';
import { recordWriteRequest, type RecordWrite } from './write-requests.js';

const SingleCodec = t.type({ result: t.UnknownRecord }, 'TableRecord');

/** A record the instance answered (or a list read found), mapped exactly as a sync and the business rule map it. */
export const answeredIssue = (connection: SourceConnection, table: string, raw: unknown, what: string): E.Either<SourceError, SourceIssue> =>
  E.chain(([record]: ReadonlyArray<t.TypeOf<typeof ServiceNowRecordCodec>>) => {
    const names = carriedNames(record!);
    return names === undefined ? E.left(sourceUnavailable(`ServiceNow's answer to ${what} lacks the assignee's e-mail or the group's name`)) : E.right(toSourceIssue(connection.baseUrl, table, record!, names));
  })(decodeEach(ServiceNowRecordCodec, [raw], what));

/** `short_description: must be at most 160 characters` as the write's field (`title`) and the instance's words. */
const fieldIssueOf = (part: string): FieldIssue => {
  const match = /^\s*([a-z_.]+):\s*(.+)$/i.exec(part);
  if (match === null) return { path: '', message: part.trim() };
  return { path: SERVICENOW_WRITES.fieldPaths[match[1]!] ?? match[1]!, message: `${match[1]!}: ${match[2]!.trim()}` };
};

/** The instance's field errors of a refused write (`detail` lists them, `; ` apart). */
const refusalOf = (response: HttpResponse): IssueWriteError => {
  const parsed = E.tryCatch(() => JSON.parse(response.body) as unknown, () => null);
  const body = E.isRight(parsed) ? ErrorBodyCodec.decode(parsed.right) : E.left([]);
  const detail = E.isRight(body) ? (body.right.error.detail ?? '') : '';
  const issues = detail.split(';').filter((part) => part.trim() !== '').map(fieldIssueOf);
  return writeRejected(`ServiceNow refused the write (${response.status}).${serviceNowSaid(response.body)}`, issues);
};

/**
 * One Table API write. A 400 is the instance refusing the fields (never retried); a create is sent
 * once (a lost answer is core's to resolve through `findCreated`), a change may be sent again.
 */
export const writeCall =
  (http: HttpClient) =>
  (connection: SourceConnection, write: RecordWrite): TE.TaskEither<IssueWriteError, SourceIssue> =>
  async () => {
    const what = `the ${write.table} ${write.sysId === null ? 'create (POST' : 'change (PATCH'} /api/now/table/${write.table})`;
    const target = apiTarget(connection);
    if (E.isLeft(target)) return target;
    const request = recordWriteRequest(target.right, write);
    if (E.isLeft(request)) return request;
    const outcome = await http.send(request.right, {
      connectionKey: `${connection.organizationId}/${connection.connectionId}`,
      idempotent: write.sysId !== null,
      budget: { key: budgetKeyOf(connection.baseUrl), policy: SERVICENOW_BUDGET },
    });
    if (E.isLeft(outcome)) return E.left(sourceUnavailable(describeNetFailure(outcome.left)));
    const response = outcome.right;
    if (response.status === 400) return E.left(refusalOf(response));
    if (response.status === 404) return E.left(writeRejected(`ServiceNow has no ${write.table} record ${write.sysId ?? ''} the account can change (404)`));
    if (response.status < 200 || response.status >= 300) return E.left(errorForStatus(response, http.retryAfterMs(response), what, target.right.auth));
    return E.chain((single: t.TypeOf<typeof SingleCodec>) => answeredIssue(connection, write.table, single.result, what))(decodeBody(SingleCodec, what)(response));
  };
