import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeInput } from '../codecs/decode.js';
import { REFERENCE_LIMITS, ResolveReferencesInputCodec, type ResolveReferencesInput } from '../codecs/reference-input.js';
import type { OrganizationId } from '../domain/ids.js';
import { referencedIssueKeys } from '../domain/issue-keys.js';
import { toTaskReferences, type TaskReference } from '../domain/task-reference.js';
import { invalidInput, type InvalidInput, type PersistenceFailure } from '../errors.js';
import type { TaskRepository } from '../ports/task-repository.js';

const nothingToRead = invalidInput(
  [{ path: '(root)', message: 'needs a non-empty title, branch or texts' }],
  'Give a title, a branch name or texts to look for issue keys in',
);

const hasText = (input: ResolveReferencesInput): boolean =>
  [input.title ?? '', input.branch ?? '', ...(input.texts ?? [])].some((text) => text.trim().length > 0);

const decode = (body: unknown): E.Either<InvalidInput, ResolveReferencesInput> =>
  body === undefined || body === null
    ? E.left(nothingToRead)
    : pipe(
        decodeInput(ResolveReferencesInputCodec)(body),
        E.filterOrElseW(hasText, () => nothingToRead),
      );

const boundedKeys = (keys: ReadonlyArray<string>): E.Either<InvalidInput, ReadonlyArray<string>> =>
  keys.length <= REFERENCE_LIMITS.keys
    ? E.right(keys)
    : E.left(invalidInput([{ path: '(root)', message: `names more than ${REFERENCE_LIMITS.keys} different issue keys` }]));

/**
 * The issue keys a pull request or commit names (title, then branch, then texts) and, for each, the
 * organization's task with that key from any connection, or null: one lookup for all the keys.
 */
export const resolveTaskReferences =
  (deps: { readonly tasks: TaskRepository }) =>
  (organizationId: OrganizationId, body: unknown): TE.TaskEither<InvalidInput | PersistenceFailure, ReadonlyArray<TaskReference>> =>
    pipe(
      TE.fromEither(pipe(decode(body), E.map(referencedIssueKeys), E.chainW(boundedKeys))),
      TE.chainW((keys) =>
        pipe(
          keys.length === 0 ? TE.right([]) : deps.tasks.findByKeys(organizationId, keys),
          TE.map((tasks) => toTaskReferences(keys, tasks)),
        ),
      ),
    );
