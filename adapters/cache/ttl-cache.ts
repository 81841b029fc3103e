/** A small map whose entries expire after `ttlMs` and whose oldest entries go first when it is full. */
export const ttlCache = <V>(options: { readonly ttlMs: number; readonly maxEntries: number; readonly now?: () => number }) => {
  const now = options.now ?? (() => performance.now());
  const entries = new Map<string, { readonly value: V; readonly until: number }>();
  return {
    get: (key: string): { readonly value: V } | undefined => {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      if (entry.until > now()) return entry;
      entries.delete(key);
      return undefined;
    },
    set: (key: string, value: V): void => {
      entries.delete(key);
      if (entries.size >= options.maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(key, { value, until: now() + options.ttlMs });
    },
    delete: (key: string): void => void entries.delete(key),
  };
};
