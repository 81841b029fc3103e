import type { Router } from '@koa/router';
import { INVALID_JSON, isRecord, readJson, sendError, type SimContext, type SimState } from './http-helpers.js';
import { compileJql } from './jql-compile.js';
import { parseJql, type JqlExpr, type JqlQuery } from './jql-parse.js';
import { projectValueErrors } from './jql-validate.js';
import type { SimulatorDeps } from './simulator-deps.js';

const EMPTY_WORD = /^(empty|null)$/i;

/** Jira's syntax tree of a clause (`JqlQueryClause`), as far as the simulator's JQL goes. */
const clauseStructure = (expr: JqlExpr): unknown => {
  switch (expr.kind) {
    case 'and':
    case 'or':
      return { operator: expr.kind, clauses: expr.items.map(clauseStructure) };
    case 'not':
      return { operator: 'not', clauses: [clauseStructure(expr.expr)] };
    case 'clause': {
      const operand =
        expr.values.length === 1 && EMPTY_WORD.test(expr.values[0] ?? '')
          ? { keyword: 'empty' }
          : expr.op === 'in' || expr.op === 'not in'
            ? { values: expr.values.map((value) => ({ value })) }
            : { value: expr.values[0] };
      return { field: { name: expr.field }, operator: expr.op, operand };
    }
  }
};

const structureOf = (query: JqlQuery) => ({
  ...(query.where === null ? {} : { where: clauseStructure(query.where) }),
  ...(query.orderBy.length === 0 ? {} : { orderBy: { fields: query.orderBy.map((term) => ({ field: { name: term.field }, direction: term.direction })) } }),
});

type Validation = 'strict' | 'warn' | 'none';

/** One query as `POST /rest/api/3/jql/parse` answers it: errors in the caller's context (projects it may see), and the tree unless strict validation failed. */
const parsedQuery = (deps: SimulatorDeps, ctx: SimContext, query: string, validation: Validation) => {
  const parsed = parseJql(query);
  if (typeof parsed === 'string') return { query, errors: [parsed] };
  if (validation === 'none') return { query, structure: structureOf(parsed) };
  const anonymous = ctx.state.anonymous === true;
  const compiled = compileJql(parsed, { zone: ctx.state.account?.timeZone ?? 'UTC', now: deps.now(), store: deps.store, anonymous });
  const errors = [...projectValueErrors(parsed, (key) => !anonymous && deps.store.project(key) !== undefined), ...(typeof compiled === 'string' ? [compiled] : [])];
  if (errors.length === 0) return { query, structure: structureOf(parsed) };
  return validation === 'strict' ? { query, errors } : { query, structure: structureOf(parsed), errors };
};

/** `POST /rest/api/3/jql/parse?validation=strict|warn|none`: checks queries without running them. */
export const addJqlParseRoutes = (router: Router<SimState>, deps: SimulatorDeps): void => {
  router.post('/rest/api/3/jql/parse', async (ctx) => {
    const validation = ctx.query.validation ?? 'strict';
    if (validation !== 'strict' && validation !== 'warn' && validation !== 'none') return sendError(ctx, 400, [`The value '${String(validation)}' is invalid for validation.`]);
    const body = await readJson(ctx);
    const queries = body !== INVALID_JSON && isRecord(body) ? body.queries : undefined;
    if (!Array.isArray(queries) || queries.length === 0 || queries.some((q) => typeof q !== 'string')) return sendError(ctx, 400, ["'queries' must be a non-empty list of JQL queries."]);
    ctx.body = { queries: (queries as string[]).map((query) => parsedQuery(deps, ctx, query, validation)) };
  });
};
