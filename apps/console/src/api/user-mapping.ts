import * as t from 'io-ts';
import { nullable } from './codecs';

export const UserMappingCodec = t.intersection([
  t.type({ id: t.string, externalSystem: t.string, externalEmail: t.string, resourceId: t.string }),
  t.partial({ externalUserId: nullable(t.string), createdAt: t.string }),
]);
export type UserMapping = t.TypeOf<typeof UserMappingCodec>;

export interface NewUserMapping {
  readonly externalSystem: string;
  readonly externalEmail: string;
  readonly resourceId: string;
  readonly externalUserId?: string;
}
