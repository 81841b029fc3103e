import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export type Resource<A> =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly error: unknown }
  | { readonly state: 'ready'; readonly value: A };

/** Loads `load()` when `key` changes; `reload()` loads again, keeping the shown value until the answer. */
export const useResource = <A>(load: () => Promise<A>, key: ReadonlyArray<unknown>) => {
  const [resource, setResource] = useState<Resource<A>>({ state: 'loading' });
  const latest = useRef(0);
  const run = useCallback(() => {
    const ticket = ++latest.current;
    return load().then(
      (value) => {
        if (ticket === latest.current) setResource({ state: 'ready', value });
      },
      (error: unknown) => {
        if (ticket === latest.current) setResource({ state: 'failed', error });
      },
    );
  }, key);
  useEffect(() => {
    setResource({ state: 'loading' });
    void run();
  }, [run]);
  return { resource, reload: run, replace: (value: A) => setResource({ state: 'ready', value }) };
};
