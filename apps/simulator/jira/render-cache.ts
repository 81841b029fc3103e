import type { IssueRecord } from './model.js';
import { renderIssue, type RenderContext } from './render.js';

interface Rendered {
  readonly version: number;
  readonly json: Buffer;
}

/** Sites, zones and field sets kept at once: a bench or a demo asks in one or two. */
const CONTEXTS_KEPT = 4;

/**
 * Issues as `renderIssue` answers them, kept as UTF-8 JSON per render context (site, zone, fields)
 * until the issue changes. A real site renders on its own servers; this one shares the cores of the
 * sync it serves, and rendering and serializing an issue costs it about 130 µs.
 */
export interface RenderCache {
  /** Each issue's JSON, rendered again only when the store's version of it has moved since. */
  readonly issuesJson: (issues: ReadonlyArray<IssueRecord>, ctx: RenderContext, fields: ReadonlyArray<string> | null) => ReadonlyArray<Buffer>;
}

const contextKey = (ctx: RenderContext, fields: ReadonlyArray<string> | null) => `${ctx.site}\n${ctx.zone}\n${fields === null ? '(ids)' : fields.join(',')}`;

export const renderCache = (): RenderCache => {
  // Most recently used last; weak, so a deleted issue's renders go with it.
  const contexts = new Map<string, WeakMap<IssueRecord, Rendered>>();
  const rendersFor = (key: string) => {
    const renders = contexts.get(key) ?? new WeakMap<IssueRecord, Rendered>();
    contexts.delete(key);
    contexts.set(key, renders);
    if (contexts.size > CONTEXTS_KEPT) contexts.delete(contexts.keys().next().value as string);
    return renders;
  };
  return {
    issuesJson: (issues, ctx, fields) => {
      const renders = rendersFor(contextKey(ctx, fields));
      return issues.map((issue) => {
        const version = ctx.store.version(issue);
        const cached = renders.get(issue);
        if (cached !== undefined && cached.version === version) return cached.json;
        const json = Buffer.from(JSON.stringify(renderIssue(issue, ctx, fields)));
        renders.set(issue, { version, json });
        return json;
      });
    },
  };
};

const COMMA = Buffer.from(',');

/**
 * An answer whose `issues` come first and are already JSON: the same bytes Koa would send for the
 * object `{ issues, ...rest }`, without serializing the issues again.
 */
export const issuesFirstJson = (issues: ReadonlyArray<Buffer>, rest: Readonly<Record<string, unknown>>): Buffer => {
  const tail = JSON.stringify(rest);
  const pieces: Buffer[] = [Buffer.from('{"issues":[')];
  issues.forEach((json, i) => pieces.push(...(i === 0 ? [json] : [COMMA, json])));
  pieces.push(Buffer.from(tail === '{}' ? ']}' : `],${tail.slice(1)}`));
  return Buffer.concat(pieces);
};
