import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { toFieldIssues } from '../../codecs/report.js';
import { isPlainObject, splitFields } from '../../codecs/split-fields.js';
import { invalidInput, type FieldIssue, type InvalidInput } from '../../errors.js';

export type ProviderPartDecoder<P> = (rest: Readonly<Record<string, unknown>>) => E.Either<ReadonlyArray<FieldIssue>, P>;

const firstPerPath = (issues: ReadonlyArray<FieldIssue>): ReadonlyArray<FieldIssue> =>
  issues.filter((issue, i) => issues.findIndex((other) => other.path === issue.path) === i);

/**
 * Decodes a body split between core and a provider: core's codec reads `names`, the provider reads
 * the rest. Every bad field of both is reported in one answer; `extra` adds core's own findings
 * (such as an unknown provider, whose part then cannot be judged: `provider` is null).
 */
export const decodeSplitBody = <C, P>(
  body: unknown,
  common: { readonly names: ReadonlyArray<string>; readonly codec: t.Decoder<unknown, C> },
  provider: ProviderPartDecoder<P> | null,
  extra: ReadonlyArray<FieldIssue> = [],
): E.Either<InvalidInput, { readonly common: C; readonly provider: P }> => {
  if (!isPlainObject(body)) return E.left(invalidInput([{ path: '(root)', message: 'must be an object' }]));
  const parts = splitFields(body, common.names);
  const decodedCommon = common.codec.decode(parts.common);
  const decodedProvider = provider === null ? null : provider(parts.rest);
  const issues = firstPerPath([
    ...extra,
    ...(E.isLeft(decodedCommon) ? toFieldIssues(decodedCommon.left) : []),
    ...(decodedProvider !== null && E.isLeft(decodedProvider) ? decodedProvider.left : []),
  ]);
  if (issues.length > 0 || E.isLeft(decodedCommon) || decodedProvider === null || E.isLeft(decodedProvider)) {
    return E.left(invalidInput(issues.length > 0 ? issues : [{ path: '(root)', message: 'is invalid' }]));
  }
  return E.right({ common: decodedCommon.right, provider: decodedProvider.right });
};
