import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as t from 'io-ts';

/**
 * Where an id walk's page was read: its table and the assignment-group conditions of the walk's
 * scope. Carried as the page's context (`IdPage.context`) so a range read of its ids asks the same
 * table with the same conditions; an external id is a bare sys_id and names neither.
 */
export const WalkContextCodec = t.readonly(t.type({ table: t.string, groups: t.readonlyArray(t.string) }));
export type WalkContext = t.TypeOf<typeof WalkContextCodec>;

export const encodeWalkContext = (context: WalkContext): string => JSON.stringify(context);

/** The context a walk page carried; null when there is none or it is not one (read the ids instead). */
export const decodeWalkContext = (context: string | null): WalkContext | null => {
  if (context === null) return null;
  try {
    return pipe(
      WalkContextCodec.decode(JSON.parse(context)),
      E.getOrElseW(() => null),
    );
  } catch {
    return null;
  }
};
