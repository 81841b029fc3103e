import * as E from 'fp-ts/lib/Either.js';
import { DEFAULT_KEY } from '../../domain/field-mappings.js';
import { invalidInput, type FieldIssue, type InvalidInput } from '../../errors.js';

type RuleTables = { readonly status: Readonly<Record<string, unknown>>; readonly priority: Readonly<Record<string, unknown>> };
type PartialRuleTables = { readonly status?: Readonly<Record<string, unknown>>; readonly priority?: Readonly<Record<string, unknown>> };

const TABLES = ['status', 'priority'] as const;

const hasDefault = (rules: Readonly<Record<string, unknown>>): boolean => Object.keys(rules).some((k) => k.toLowerCase() === DEFAULT_KEY);

const orRefused = <A>(value: A, issues: ReadonlyArray<FieldIssue>): E.Either<InvalidInput, A> => (issues.length === 0 ? E.right(value) : E.left(invalidInput(issues)));

/** The fallbacks are what keep every task mappable, so a replacement must keep them. */
export const requireDefaults = <A extends RuleTables>(input: A): E.Either<InvalidInput, A> =>
  orRefused(
    input,
    TABLES.filter((table) => !hasDefault(input[table])).map((table) => ({ path: `${table}.${DEFAULT_KEY}`, message: 'the default mapping cannot be removed' })),
  );

/** A merge may change a default but never remove it. */
export const refuseDefaultRemoval = <A extends PartialRuleTables>(input: A): E.Either<InvalidInput, A> =>
  orRefused(
    input,
    TABLES.flatMap((table) =>
      Object.entries(input[table] ?? {})
        .filter(([key, value]) => key.toLowerCase() === DEFAULT_KEY && value === null)
        .map(([key]) => ({ path: `${table}.${key}`, message: 'the default mapping cannot be removed; give it another value instead' })),
    ),
  );

/** `Done` and `done` would be one rule with two answers; which won would depend on key order. */
export const refuseCaseDuplicates = <A extends PartialRuleTables>(input: A): E.Either<InvalidInput, A> =>
  orRefused(
    input,
    TABLES.flatMap((table) => {
      const seen = new Map<string, string>();
      return Object.keys(input[table] ?? {}).flatMap((key) => {
        const earlier = seen.get(key.toLowerCase());
        seen.set(key.toLowerCase(), key);
        return earlier === undefined ? [] : [{ path: `${table}.${key}`, message: `duplicates ${earlier}: rules are case-insensitive` }];
      });
    }),
  );
