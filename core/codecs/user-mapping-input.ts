import * as t from 'io-ts';
import { ProviderNameCodec } from '../domain/provider.js';
import { emailString, nonEmptyString, uuidString } from './primitives.js';
import { strictObject } from './strict-object.js';

export const CreateUserMappingInputCodec = strictObject(
  'CreateUserMappingInput',
  { externalSystem: ProviderNameCodec, externalEmail: emailString, resourceId: uuidString },
  { externalUserId: t.union([nonEmptyString(200), t.null]) },
);
export type CreateUserMappingInput = t.TypeOf<typeof CreateUserMappingInputCodec>;
