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

/** The values a type allows when it is a closed set (keyof, literals, unions of them); undefined otherwise. */
const allowedValues = (type: t.Decoder<unknown, unknown>): ReadonlyArray<string> | undefined => {
  if (type instanceof t.KeyofType) return Object.keys(type.keys as Record<string, unknown>);
  if (type instanceof t.LiteralType) return [String(type.value)];
  if (type instanceof t.UnionType) {
    const members = (type.types as ReadonlyArray<t.Decoder<unknown, unknown>>).map(allowedValues);
    return members.every((m) => m !== undefined) ? members.flatMap((m) => m!) : undefined;
  }
  return undefined;
};

/** What a value of `type` must be, as a noun phrase a caller understands (never a TypeScript type). */
const expectedValue = (type: t.Decoder<unknown, unknown>): string => {
  const values = allowedValues(type);
  if (values !== undefined) return values.length === 1 ? String(values[0]) : `one of ${values.join(', ')}`;
  if (type instanceof t.DictionaryType) return `an object whose values are each ${expectedValue(type.codomain as t.Decoder<unknown, unknown>)}`;
  if (type instanceof t.StringType) return 'a string';
  if (type instanceof t.NumberType) return 'a number';
  if (type instanceof t.BooleanType) return 'true or false';
  if (type instanceof t.ArrayType || type instanceof t.ReadonlyArrayType) return 'a list';
  if (type instanceof t.InterfaceType || type instanceof t.PartialType || type instanceof t.IntersectionType || type instanceof t.ExactType) return 'an object';
  if (type instanceof t.RefinementType) return expectedValue(type.type as t.Decoder<unknown, unknown>);
  return `a valid ${type.name}`;
};

const describeExpected = (context: t.Context): string => {
  const last = context[context.length - 1];
  return last === undefined ? 'is invalid' : `must be ${expectedValue(last.type)}`;
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
