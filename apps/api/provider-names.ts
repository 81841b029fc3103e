import { ProviderCodec } from '../../core/index.js';

/**
 * The providers the API knows, by name: each gets its own `integrations.<provider>` workspace module.
 * Read from the provider codec until the provider registry names them.
 */
export const API_PROVIDER_NAMES: ReadonlyArray<string> = Object.keys(ProviderCodec.keys);
