/**
 * How the instance reads queries, where a real one can differ: an operator it cannot read in a
 * condition is silently ignored, the whole condition dropped (providers.md 2.1), as happens on an
 * instance whose release or property (`glide.invalid_query.returns_no_rows`) makes it so. Tests tell
 * the simulator to ignore an operator to prove a client never trusts a condition blindly.
 */
export interface QueryQuirks {
  /** Conditions with these operators (`>=`, `<=`, `IN`...) are dropped from every query until reset. */
  readonly ignoreOperators: (operators: ReadonlyArray<string>) => void;
  readonly ignoredOperators: () => ReadonlySet<string>;
  readonly reset: () => void;
}

export const queryQuirks = (): QueryQuirks => {
  let ignored: ReadonlySet<string> = new Set();
  return {
    ignoreOperators: (operators) => {
      ignored = new Set(operators);
    },
    ignoredOperators: () => ignored,
    reset: () => {
      ignored = new Set();
    },
  };
};
