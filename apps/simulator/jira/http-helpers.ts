import type { ParameterizedContext } from 'koa';
import type { SimulatorAccount } from './accounts.js';

/** Per-request state the routes share. */
export interface SimState {
  account?: SimulatorAccount;
  /** Bad credentials let through as Jira's anonymous user (see SiteSettings.badCredentials). */
  anonymous?: boolean;
  jql?: string;
  fault?: string;
}

export type SimContext = ParameterizedContext<SimState>;

/** Jira's ErrorCollection body. */
export const sendError = (ctx: SimContext, status: number, errorMessages: ReadonlyArray<string>, errors: Record<string, string> = {}): void => {
  ctx.status = status;
  ctx.body = { errorMessages, errors };
};

export const INVALID_JSON = Symbol('invalid-json');

/** Reads a JSON body (at most `limit` bytes); an empty body is `undefined`. */
export const readJson = async (ctx: SimContext, limit = 1_000_000): Promise<unknown> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) return INVALID_JSON;
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return INVALID_JSON;
  }
};

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The site URL as the client addressed it; Koa 3's `ctx.origin` is the Origin header instead. */
export const siteUrl = (ctx: SimContext): string => `${ctx.protocol}://${ctx.host}`;
