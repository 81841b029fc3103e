import * as t from 'io-ts';
import type { FieldIssue } from '../errors.js';

const isContainerOfMembers = (type: t.Decoder<unknown, unknown>): boolean =>
  type instanceof t.IntersectionType || type instanceof t.UnionType;

const pathOf = (context: t.Context): string =>
  context
    .filter((entry, i) => i > 0 && !isContainerOfMembers(context[i - 1]!.type))
    .map((entry) => entry.key)
    .filter((key) => key !== '')
    .join('.');

const describeExpected = (context: t.Context): string => {
  const last = context[context.length - 1];
  return last === undefined ? 'is invalid' : `must be ${last.type.name}`;
};

/** Turns io-ts failures into one issue per offending field, each with a readable message. */
export const toFieldIssues = (errors: t.Errors): ReadonlyArray<FieldIssue> => {
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  for (const error of errors) {
    const path = pathOf(error.context) || '(root)';
    if (seen.has(path)) continue;
    seen.add(path);
    issues.push({ path, message: error.message ?? describeExpected(error.context) });
  }
  return issues;
};
