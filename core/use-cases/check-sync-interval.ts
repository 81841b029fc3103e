import * as E from 'fp-ts/lib/Either.js';
import { invalidInput, type InvalidInput } from '../errors.js';

/** A sync interval below the server's floor is refused, naming the floor; an absent one is left alone. */
export const checkSyncInterval =
  (floorSeconds: number) =>
  (seconds: number | undefined): E.Either<InvalidInput, void> =>
    seconds === undefined || seconds >= floorSeconds
      ? E.right(undefined)
      : E.left(invalidInput([{ path: 'syncIntervalSeconds', message: `must be at least ${floorSeconds} (seconds)` }]));
