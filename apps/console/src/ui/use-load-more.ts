import { useEffect, useRef, useState } from 'preact/hooks';

interface Page<A> {
  readonly data: ReadonlyArray<A>;
  readonly meta: { readonly nextCursor: string | null };
}

interface Loaded<A> {
  readonly items: ReadonlyArray<A>;
  readonly nextCursor: string | null;
  readonly state: 'loading' | 'ready' | 'failed';
  readonly error?: unknown;
}

/**
 * A list read a page at a time by cursor, each page added below the ones before ("load more").
 * The first page loads at once; the owner is keyed by its filters, so new filters start again.
 */
export const useLoadMore = <A>(load: (cursor: string | null) => Promise<Page<A>>) => {
  const [loaded, setLoaded] = useState<Loaded<A>>({ items: [], nextCursor: null, state: 'loading' });
  const alive = useRef(true);
  const fetchPage = async (cursor: string | null) => {
    setLoaded((shown) => ({ ...shown, state: 'loading', error: undefined }));
    try {
      const page = await load(cursor);
      if (alive.current) setLoaded((shown) => ({ items: [...(cursor === null ? [] : shown.items), ...page.data], nextCursor: page.meta.nextCursor, state: 'ready' }));
    } catch (error) {
      if (alive.current) setLoaded((shown) => ({ ...shown, state: 'failed', error }));
    }
  };
  useEffect(() => {
    void fetchPage(null);
    return () => {
      alive.current = false;
    };
  }, []);
  return { ...loaded, loadMore: () => (loaded.nextCursor === null ? Promise.resolve() : fetchPage(loaded.nextCursor)) };
};
