/** Values kept for a while, per key; what expired is read again. Small and per process. */
export interface TtlCache<V> {
  readonly get: (key: string) => V | undefined;
  readonly set: (key: string, value: V) => void;
}

export const ttlCache = <V>(ttlMs: number, now: () => number, maxEntries = 10_000): TtlCache<V> => {
  const entries = new Map<string, { readonly value: V; readonly until: number }>();
  return {
    get: (key) => {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      if (entry.until > now()) return entry.value;
      entries.delete(key);
      return undefined;
    },
    set: (key, value) => {
      // The oldest entry goes first when full: a Map iterates in insertion order.
      if (entries.size >= maxEntries && !entries.has(key)) entries.delete(entries.keys().next().value as string);
      entries.delete(key);
      entries.set(key, { value, until: now() + ttlMs });
    },
  };
};
