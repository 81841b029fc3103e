import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Clock, SiteSelectionStore } from '../../core/index.js';
import { attempt, isUuid, type EntityManagerSource } from './database-call.js';
import { fromSelectionRow, toSelectionRecord, toSiteSelection, type SelectionRow } from './schema/site-selection.mapper.js';
import { SiteSelectionSchema } from './schema/site-selection.schema.js';

// The newest live selection that matches, deleted as it is read: one grant becomes at most one connection.
const TAKE = `
delete from oauth_site_selections where id = (
  select id from oauth_site_selections
  where organization_id = ? and valid_until > ? and (?::uuid is null or id = ?::uuid) and sites @> ?::jsonb
  order by created_at desc, id desc
  limit 1
  for update skip locked
)
returning *`;

/** Selections hold tokens: expired ones are deleted whenever a selection is saved or taken. */
export const postgresSiteSelectionStore = (em: EntityManagerSource, clock: Clock): SiteSelectionStore => {
  const purge = () => attempt('Forgetting expired site selections', () => em().nativeDelete(SiteSelectionSchema, { validUntil: { $lte: clock.now() } }));
  return {
    save: (selection) =>
      pipe(
        purge(),
        TE.chain(() => attempt('Saving the site selection', () => em().insert(SiteSelectionSchema, toSelectionRecord(selection)))),
        TE.map(() => undefined),
      ),
    find: (organizationId, id, now) =>
      pipe(
        attempt('Reading the site selection', () =>
          isUuid(id)
            ? em().findOne(SiteSelectionSchema, { id, organizationId, validUntil: { $gt: now } }, { disableIdentityMap: true })
            : Promise.resolve(null),
        ),
        TE.chainEitherKW((record) => (record === null ? E.right(null) : toSiteSelection(record))),
      ),
    take: (organizationId, query) => {
      if (query.selectionId !== null && !isUuid(query.selectionId)) return TE.right(null);
      const offering = JSON.stringify([{ id: query.siteId }]);
      return pipe(
        purge(),
        TE.chain(() =>
          attempt('Taking the site selection', () =>
            em().execute<SelectionRow[]>(TAKE, [organizationId, query.now, query.selectionId, query.selectionId, offering]),
          ),
        ),
        TE.chainEitherKW((rows) => (rows[0] === undefined ? E.right(null) : toSiteSelection(fromSelectionRow(rows[0])))),
      );
    },
  };
};
