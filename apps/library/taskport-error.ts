import { describeError, type DomainError } from '../../core/index.js';
import { ERROR_STATUS } from '../../adapters/http/error-status.js';

/**
 * How a Promise-based use case of an embedded taskport fails on an expected error: the promise
 * rejects with this, carrying core's tagged error as it is (`error`, with `error._tag`), and the
 * stable `area/reason` code and HTTP status the API would answer with.
 */
export class TaskportError extends Error {
  override readonly name = 'TaskportError';
  readonly code: string;
  readonly status: number;

  constructor(readonly error: DomainError) {
    super(describeError(error));
    this.code = ERROR_STATUS[error._tag].code;
    this.status = ERROR_STATUS[error._tag].status;
  }
}

/** Whether `value` is a TaskportError, and (given `tag`) of that tag, which then narrows `error`. */
export const isTaskportError = <T extends DomainError['_tag'] = DomainError['_tag']>(
  value: unknown,
  tag?: T,
): value is TaskportError & { readonly error: Extract<DomainError, { _tag: T }> } => value instanceof TaskportError && (tag === undefined || value.error._tag === tag);
