import * as E from 'fp-ts/lib/Either.js';
import { sourceUnavailable, type SourceConnection, type SourceUnavailable } from '../../../core/index.js';
import { anyOf, isPlainValue, readFilter, type ReadFilter } from './encoded-query.js';
import { serviceNowSettingsOf, type ServiceNowSettings } from './settings.js';

/** A connection's settings and its filter, read once per call. */
export interface SearchScope {
  readonly settings: ServiceNowSettings;
  readonly filter: ReadFilter;
}

export const scopeOf = (connection: SourceConnection): E.Either<SourceUnavailable, SearchScope> =>
  E.chain((settings: ServiceNowSettings) => {
    const filter = settings.filter === null ? E.right<string, ReadFilter>([]) : readFilter(settings.filter);
    return E.bimap(
      (problem: string) => sourceUnavailable(`The connection's filter cannot be used: ${problem}; correct the filter`),
      (read: ReadFilter) => ({ settings, filter: read }),
    )(filter);
  })(serviceNowSettingsOf(connection.settings));

/** The project dimension is the assignment group, by name: `assignment_group.name=a^ORassignment_group.name=b`. */
export const groupCondition = (projectKeys: ReadonlyArray<string>): E.Either<SourceUnavailable, ReadonlyArray<string>> => {
  if (projectKeys.length === 0) return E.right([]);
  const unusable = projectKeys.find((key) => !isPlainValue(key.trim()));
  if (unusable !== undefined) return E.left(sourceUnavailable(`The project (assignment group) '${unusable.slice(0, 100)}' cannot be written into a ServiceNow query; rename its mapping`));
  return E.right([anyOf('assignment_group.name', projectKeys.map((key) => key.trim()))]);
};
