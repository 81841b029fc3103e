import * as E from 'fp-ts/lib/Either.js';
import { sourceUnavailable, type DomainError, type IssuePage } from '../../core/index.js';

export type FetchPage = (cursor: string | null) => Promise<E.Either<DomainError, IssuePage>>;
export type HandlePage<S> = (state: S, page: IssuePage) => Promise<E.Either<DomainError, S>>;

/**
 * The fetch-only programs' reader (a sync reads through core's pull-in-pages.ts, which also writes).
 * Walks the pages in order, fetching page n+1 while page n is handled. Only two pages are ever held.
 */
export const walkPages = async <S>(fetchPage: FetchPage, handle: HandlePage<S>, initial: S): Promise<E.Either<DomainError, S>> => {
  let state = initial;
  let cursor: string | null = null;
  let pending = fetchPage(null);
  for (;;) {
    const page = await pending;
    if (E.isLeft(page)) return page;
    const nextCursor = page.right.nextCursor;
    if (nextCursor !== null && nextCursor === cursor) {
      return E.left(sourceUnavailable('The provider returned the same page token twice; paging stopped'));
    }
    const next = nextCursor === null ? null : fetchPage(nextCursor);
    // The prefetch may be abandoned if this page fails; its outcome is still observed below when used.
    next?.catch(() => undefined);
    const handled = await handle(state, page.right);
    if (E.isLeft(handled)) return handled;
    state = handled.right;
    if (next === null) return E.right(state);
    cursor = nextCursor;
    pending = next;
  }
};
