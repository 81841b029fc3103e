import { randomBytes } from 'node:crypto';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { OAuthStateStore } from '../../core/index.js';
import type { MemoryState } from './memory-state.js';

export const memoryOAuthStateStore = (state: MemoryState): OAuthStateStore => ({
  issue: (binding) => {
    const value = randomBytes(32).toString('base64url');
    state.oauthStates.set(value, binding);
    return TE.right(value);
  },
  consume: (value) => {
    const binding = state.oauthStates.get(value) ?? null;
    state.oauthStates.delete(value);
    return TE.right(binding);
  },
});
