import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { sourceUnavailable, type ProviderSettings, type SourceUnavailable } from '../../../core/index.js';
import { DEFAULT_TABLES, SERVICENOW_TABLES, type ServiceNowTable } from './facts.js';

const TableCodec = t.keyof(Object.fromEntries(SERVICENOW_TABLES.map((table) => [table, null])) as Record<ServiceNowTable, null>, 'ServiceNowTable');

/** A ServiceNow connection's settings as the connection codec (or the OAuth start) stored them. */
export const ServiceNowSettingsCodec = t.partial(
  { username: t.string, clientId: t.string, tables: t.readonlyArray(TableCodec), filter: t.string },
  'ServiceNowSettings',
);
export type StoredServiceNowSettings = t.TypeOf<typeof ServiceNowSettingsCodec>;

/** The settings with their defaults applied: at least one table, and no filter as null. */
export interface ServiceNowSettings {
  readonly username: string | null;
  readonly clientId: string | null;
  readonly tables: ReadonlyArray<ServiceNowTable>;
  readonly filter: string | null;
}

export const serviceNowSettingsOf = (settings: ProviderSettings): E.Either<SourceUnavailable, ServiceNowSettings> =>
  E.bimap(
    () => sourceUnavailable('The stored ServiceNow settings of this connection are unreadable; save the connection again'),
    (stored: StoredServiceNowSettings): ServiceNowSettings => ({
      username: stored.username ?? null,
      clientId: stored.clientId ?? null,
      tables: stored.tables === undefined || stored.tables.length === 0 ? DEFAULT_TABLES : stored.tables,
      filter: stored.filter === undefined || stored.filter.trim() === '' ? null : stored.filter.trim(),
    }),
  )(ServiceNowSettingsCodec.decode(settings));
