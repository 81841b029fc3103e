import type { JqlExpr, JqlQuery } from './jql-parse.js';

const EMPTY_WORD = /^(empty|null)$/i;

const projectValues = (expr: JqlExpr | null): ReadonlyArray<string> => {
  if (expr === null) return [];
  switch (expr.kind) {
    case 'and':
    case 'or':
      return expr.items.flatMap(projectValues);
    case 'not':
      return projectValues(expr.expr);
    case 'clause':
      return expr.field === 'project' && expr.op !== 'is' && expr.op !== 'is not' ? expr.values.filter((v) => !EMPTY_WORD.test(v)) : [];
  }
};

/**
 * Jira's validation of project values: a project that does not exist and one the caller may not see
 * get the same sentence (tenable/integration-jira-cloud#25), and fail the whole query with 400.
 */
export const projectValueErrors = (query: JqlQuery, visible: (keyOrId: string) => boolean): ReadonlyArray<string> =>
  [...new Set(projectValues(query.where))].filter((value) => !visible(value)).map((value) => `The value '${value}' does not exist for the field 'project'.`);
