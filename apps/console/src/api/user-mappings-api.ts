import * as t from 'io-ts';
import { envelope } from './codecs';
import { NoContent } from './connections-api';
import { UserMappingCodec, type NewUserMapping } from './user-mapping';
import type { Transport } from './transport';

/** `/api/external-user-mappings`: who an external e-mail is inside the product. */
export const userMappingsApi = (http: Transport) => ({
  list: async () => (await http.call('GET', '/api/external-user-mappings', envelope(t.array(UserMappingCodec)))).data,
  create: async (mapping: NewUserMapping) => (await http.call('POST', '/api/external-user-mappings', envelope(UserMappingCodec), mapping)).data,
  remove: (id: string) => http.call('DELETE', `/api/external-user-mappings/${encodeURIComponent(id)}`, NoContent),
});
