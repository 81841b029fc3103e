import type { ParameterizedContext } from 'koa';
import type { ServiceNowAccount } from './accounts.js';

export interface SnState {
  account?: ServiceNowAccount;
  fault?: string;
}

export type SnContext = ParameterizedContext<SnState>;

/** ServiceNow's error body: `{ error: { message, detail }, status: "failure" }`. */
export const sendError = (ctx: SnContext, status: number, message: string, detail: string | null = null): void => {
  ctx.status = status;
  ctx.body = { error: { message, detail }, status: 'failure' };
};

/** The instance URL as the client addressed it. */
export const instanceUrl = (ctx: SnContext): string => `${ctx.protocol}://${ctx.host}`;

/** The raw body, at most `limit` bytes; null when larger. */
export const readBody = async (ctx: SnContext, limit = 1_000_000): Promise<string | null> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
};

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
