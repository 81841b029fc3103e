import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';

export type Resource<A> =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly error: unknown }
  | { readonly state: 'ready'; readonly value: A };

type Loaded<A> = Resource<A> & { readonly generation: number };

let generations = 0;

/**
 * Loads `load()` when `key` changes; `reload()` loads again, keeping the shown value until the answer.
 * A value loaded for an earlier key is never shown for a new one: it reads as loading until the new
 * answer comes (no page of results under the wrong page number, even for one frame).
 */
export const useResource = <A>(load: () => Promise<A>, key: ReadonlyArray<unknown>) => {
  const generation = useMemo(() => ++generations, key);
  const [loaded, setLoaded] = useState<Loaded<A>>({ state: 'loading', generation });
  const latest = useRef(0);
  const run = useCallback(() => {
    const ticket = ++latest.current;
    return load().then(
      (value) => {
        if (ticket === latest.current) setLoaded({ state: 'ready', value, generation });
      },
      (error: unknown) => {
        if (ticket === latest.current) setLoaded({ state: 'failed', error, generation });
      },
    );
  }, [generation]);
  useEffect(() => {
    void run();
  }, [run]);
  const resource: Resource<A> = loaded.generation === generation ? loaded : { state: 'loading' };
  return { resource, reload: run, replace: (value: A) => setLoaded({ state: 'ready', value, generation }) };
};
