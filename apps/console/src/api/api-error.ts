/** One field the API refused, by its path in the request body (`baseUrl`, `status.Done`). */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** A failed call: the API's stable `area/reason` code, its message, and the per-field details of a 400. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ReadonlyArray<FieldIssue> = [],
    readonly requestId?: string,
  ) {
    super(message);
  }
}

/** The message of a field, when the API named it. */
export const issueAt = (error: unknown, path: string): string | undefined =>
  error instanceof ApiError ? error.details.find((d) => d.path === path)?.message : undefined;

/** What to tell a person about a failure. */
export const describeFailure = (error: unknown): string => {
  if (error instanceof ApiError) return error.requestId === undefined ? error.message : `${error.message} (request ${error.requestId})`;
  return error instanceof Error ? error.message : 'Something went wrong';
};
