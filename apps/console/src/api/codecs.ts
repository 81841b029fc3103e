import * as t from 'io-ts';

/** `T | null`, as the API writes absent values. */
export const nullable = <C extends t.Mixed>(codec: C) => t.union([codec, t.null]);

/** `{ data: A }`: every success of the API. */
export const envelope = <C extends t.Mixed>(data: C) => t.type({ data });

export const FieldIssueCodec = t.type({ path: t.string, message: t.string });

/** `{ error: { code, message, details?, requestId? } }`: every failure of the API. */
export const ErrorBodyCodec = t.type({
  error: t.intersection([
    t.type({ code: t.string, message: t.string }),
    t.partial({ details: t.array(FieldIssueCodec), requestId: t.string }),
  ]),
});
