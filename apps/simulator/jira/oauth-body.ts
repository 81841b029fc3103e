import type { SimContext } from './http-helpers.js';

/**
 * A token request's parameters: Atlassian documents a JSON body, and OAuth clients send
 * application/x-www-form-urlencoded; both are accepted. Anything else, or a malformed body, is null.
 */
export const readTokenParams = async (ctx: SimContext, limit = 64 * 1024): Promise<Record<string, string> | null> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (ctx.is('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  if (!ctx.is('application/json')) return null;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return null;
  }
};
