import type { Provider, ProviderRegistry } from '../../../core/index.js';

/** The providers of this server, by name; a name given twice is a wiring mistake. */
export const providerRegistry = (providers: ReadonlyArray<Provider>): ProviderRegistry => {
  const byName = new Map<string, Provider>();
  for (const provider of providers) {
    if (byName.has(provider.description.name)) throw new Error(`Two providers are named ${provider.description.name}`);
    byName.set(provider.description.name, provider);
  }
  return { find: (name) => byName.get(name), all: () => [...byName.values()] };
};
