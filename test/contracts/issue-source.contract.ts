import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import type { IdPage, IssuePage, IssueQuery, IssueSource, ProviderSettings, SourceConnection, SourceIssue } from '../../core/index.js';

/** An item as the tracker holds it, read from the tracker's own store (not through the adapter). */
export interface TrackerItem {
  readonly externalId: string;
  readonly projectKey: string;
  readonly updatedAt: Date;
}

/**
 * One provider's adapter against a tracker it can reach (the in-memory fake, or a simulator over
 * real HTTP), with a few ways to look at and change that tracker from outside the adapter.
 */
export interface IssueSourceSubject {
  readonly source: IssueSource;
  /** A connection with working credentials; `settings` are merged into its own. */
  readonly connection: (settings?: ProviderSettings) => SourceConnection;
  /** A connection whose credentials the tracker refuses. */
  readonly refusedConnection: () => SourceConnection;
  /** Every item the tracker holds, straight from its store. */
  readonly items: () => Promise<ReadonlyArray<TrackerItem>>;
  /** Settings whose own filter (the provider's query language) selects exactly the items of one project. */
  readonly filterSelecting: (projectKey: string) => ProviderSettings;
  /** Changes an item in the tracker, as a person would. */
  readonly edit: (externalId: string) => Promise<void>;
  /** Moves an item to another project in the tracker (its id stays; its key may change with it). */
  readonly move: (externalId: string, projectKey: string) => Promise<unknown>;
  /** Deletes an item in the tracker. */
  readonly remove: (externalId: string) => Promise<void>;
  /** How much earlier than `updatedSince` an adapter may start reading (its overlap). */
  readonly overlapMs: number;
}

const right = async <A>(task: () => Promise<E.Either<unknown, A>>): Promise<A> => {
  const outcome = await task();
  if (E.isLeft(outcome)) throw new Error(JSON.stringify(outcome.left));
  return outcome.right;
};

const FULL: IssueQuery = { updatedSince: null, projectKeys: [] };

const readAll = async (source: IssueSource, connection: SourceConnection, query: IssueQuery): Promise<SourceIssue[]> => {
  const issues: SourceIssue[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 1000; pages += 1) {
    const page: E.Either<unknown, IssuePage> = await source.searchIssues(connection, query, cursor)();
    if (E.isLeft(page)) throw new Error(`the search failed: ${JSON.stringify(page.left)}`);
    issues.push(...page.right.issues);
    cursor = page.right.nextCursor;
    if (cursor === null) return issues;
  }
  throw new Error('the search did not end after 1000 pages');
};

const walkAll = async (source: IssueSource, connection: SourceConnection, projectKeys: ReadonlyArray<string> = []): Promise<string[]> => {
  const walked: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 1000; pages += 1) {
    const page: E.Either<unknown, IdPage> = await source.walkIds(connection, { projectKeys }, cursor)();
    if (E.isLeft(page)) throw new Error(`the walk failed: ${JSON.stringify(page.left)}`);
    walked.push(...page.right.ids);
    cursor = page.right.nextCursor;
    if (cursor === null) return walked.sort();
  }
  throw new Error('the walk did not end after 1000 pages');
};


/** The first walk page with at least two ids (a walk may begin with short pages, such as one kind of item's). */
const firstPageOfTwo = async (source: IssueSource, connection: SourceConnection): Promise<IdPage> => {
  let cursor: string | null = null;
  do {
    const page: IdPage = await right(source.walkIds(connection, { projectKeys: [] }, cursor));
    if (page.ids.length >= 2) return page;
    cursor = page.nextCursor;
  } while (cursor !== null);
  throw new Error('no walk page holds two ids');
};

const ids = (items: ReadonlyArray<{ readonly externalId: string }>) => items.map((i) => i.externalId).sort();

/** What every provider's IssueSource does, whichever tracker is behind it. */
export const describeIssueSourceContract = (name: string, setup: () => Promise<IssueSourceSubject>, teardown: () => Promise<void> = async () => undefined) =>
  describe(`IssueSource contract (${name})`, () => {
    let subject: IssueSourceSubject;
    beforeEach(async () => (subject = await setup()));
    afterEach(teardown);

    it('reads every item exactly once across pages, each with a key, a title, a link and a version', async () => {
      const read = await readAll(subject.source, subject.connection(), FULL);
      expect(ids(read)).to.deep.equal(ids(await subject.items()));
      for (const issue of read) {
        expect([issue.key, issue.title, issue.url, issue.version].every((v) => typeof v === 'string' && v !== ''), issue.externalId).to.equal(true);
        expect(issue.url.startsWith('http'), issue.url).to.equal(true);
      }
    });

    it('reads, from a watermark, every item updated since, and nothing older than its overlap', async () => {
      const items = [...(await subject.items())].sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime());
      const since = items[Math.floor(items.length * 0.7)]!.updatedAt;
      const read = await readAll(subject.source, subject.connection(), { updatedSince: since, projectKeys: [] });
      const newer = items.filter((i) => i.updatedAt.getTime() >= since.getTime());
      expect(ids(read)).to.include.members(ids(newer));
      expect(read.every((i) => i.updatedAt.getTime() >= since.getTime() - subject.overlapMs)).to.equal(true);
      expect(read.length).to.be.lessThan(items.length);
    });

    it('narrows to the projects asked for, and to what the connection’s own filter selects', async () => {
      const items = await subject.items();
      const [first, second] = [...new Set(items.map((i) => i.projectKey))].sort();
      const inProjects = await readAll(subject.source, subject.connection(), { updatedSince: null, projectKeys: [first!] });
      expect(ids(inProjects)).to.deep.equal(ids(items.filter((i) => i.projectKey === first)));
      const filtered = await readAll(subject.source, subject.connection(subject.filterSelecting(second!)), FULL);
      expect(ids(filtered)).to.deep.equal(ids(items.filter((i) => i.projectKey === second)));
      const both = await readAll(subject.source, subject.connection(subject.filterSelecting(second!)), { updatedSince: null, projectKeys: [first!] });
      expect(both).to.deep.equal([]);
    });

    it('fetches items by id as a search reads them; ids it cannot answer are left out, those outside the filter too', async () => {
      const read = await readAll(subject.source, subject.connection(), FULL);
      const wanted = read.slice(0, 3);
      const fetched = await subject.source.fetchIssues(subject.connection(), [...ids(wanted), '999999999'])();
      if (E.isLeft(fetched)) return expect.fail(JSON.stringify(fetched.left));
      expect(ids(fetched.right)).to.deep.equal(ids(wanted));
      for (const issue of fetched.right) {
        expect(issue).to.deep.include({ version: wanted.find((w) => w.externalId === issue.externalId)!.version });
      }
      const outside = wanted[0]!;
      const other = (await subject.items()).find((i) => i.externalId !== outside.externalId && i.projectKey !== outside.projectKey)!;
      const narrowed = await subject.source.fetchIssues(subject.connection(subject.filterSelecting(other.projectKey)), [outside.externalId])();
      expect(E.isRight(narrowed) && narrowed.right).to.deep.equal([]);
    });

    it('gives an edited item a newer version and update time', async () => {
      const [before] = await readAll(subject.source, subject.connection(), FULL);
      await subject.edit(before!.externalId);
      const fetched = await subject.source.fetchIssues(subject.connection(), [before!.externalId])();
      if (E.isLeft(fetched)) return expect.fail(JSON.stringify(fetched.left));
      const after = fetched.right[0]!;
      expect(after.version).to.not.equal(before!.version);
      expect(after.updatedAt.getTime()).to.be.greaterThan(before!.updatedAt.getTime());
    });

    it('says whether the credentials work, and refuses reads with refused ones as an authentication failure', async () => {
      expect(await subject.source.testConnection(subject.connection())()).to.deep.include({ connected: true });
      expect(await subject.source.testConnection(subject.refusedConnection())()).to.deep.include({ connected: false });
      const refused = await subject.source.searchIssues(subject.refusedConnection(), FULL, null)();
      expect(E.isLeft(refused) && refused.left._tag).to.equal('SourceAuthRejected');
      // An id the tracker really has: an adapter may skip ids that cannot name an item without a call.
      const [known] = await readAll(subject.source, subject.connection(), FULL);
      const fetch = await subject.source.fetchIssues(subject.refusedConnection(), [known!.externalId])();
      expect(E.isLeft(fetch) && fetch.left._tag).to.equal('SourceAuthRejected');
      const walk = await subject.source.walkIds(subject.refusedConnection(), { projectKeys: [] }, null)();
      expect(E.isLeft(walk) && walk.left._tag).to.equal('SourceAuthRejected');
      const lookUp = await subject.source.lookUpIssues(subject.refusedConnection(), [known!.externalId])();
      expect(E.isLeft(lookUp) && lookUp.left._tag).to.equal('SourceAuthRejected');
    });

    it('walks the ids of every item the connection syncs, exactly once, narrowed by its filter and by projects', async () => {
      const all = await subject.items();
      expect(await walkAll(subject.source, subject.connection())).to.deep.equal(ids(all));
      const [first] = all;
      const inProject = ids(all.filter((i) => i.projectKey === first!.projectKey));
      expect(await walkAll(subject.source, subject.connection(), [first!.projectKey])).to.deep.equal(inProject);
      expect(await walkAll(subject.source, subject.connection(subject.filterSelecting(first!.projectKey)))).to.deep.equal(inProject);
    });

    it('looks items up wherever they now are: a moved one with its new key and project, a deleted one not at all', async () => {
      const all = await subject.items();
      const [moved, removed] = all;
      const elsewhere = all.find((i) => i.projectKey !== moved!.projectKey)!.projectKey;
      const scoped = subject.connection(subject.filterSelecting(moved!.projectKey));
      const [before] = await right(subject.source.fetchIssues(scoped, [moved!.externalId]));
      await subject.move(moved!.externalId, elsewhere);
      await subject.remove(removed!.externalId);
      expect(await walkAll(subject.source, scoped)).to.not.include(moved!.externalId);
      const found = await right(subject.source.lookUpIssues(scoped, [moved!.externalId, removed!.externalId]));
      expect(found.map((i) => [i.externalId, i.projectKey])).to.deep.equal([[moved!.externalId, elsewhere]]);
      // As the tracker has it now: the move is a change, and the key is today's (a new one where keys name the project).
      const current = (await readAll(subject.source, subject.connection(), FULL)).find((i) => i.externalId === moved!.externalId);
      expect(found[0]).to.deep.include({ key: current!.key, version: current!.version });
      expect(found[0]!.version).to.not.equal(before!.version);
    });

    it('reads stretches of its walk by range where it can: every walked item still there, a deleted one not, nothing outside the filter', async function () {
      const reads = subject.source.rangeReads;
      if (reads === undefined) return this.skip();
      const all = await subject.items();
      const project = all[0]!.projectKey;
      const scoped = subject.connection(subject.filterSelecting(project));
      // Consecutive ids of one walk page, in its order, with its context: what a sync hands a range read.
      const page = await firstPageOfTwo(subject.source, scoped);
      const stretch = page.ids.slice(0, reads.idsPerRead);
      const removed = stretch[1]!;
      await subject.remove(removed);
      const read = await right(reads.fetchRange(scoped, stretch, page.context ?? null));
      const answered = ids(read);
      expect(answered).to.include.members(stretch.filter((id) => id !== removed));
      expect(answered).to.not.include(removed);
      expect(new Set(answered).size).to.equal(answered.length);
      const inProject = new Set(all.filter((i) => i.projectKey === project).map((i) => i.externalId));
      expect(answered.filter((id) => !inProject.has(id))).to.deep.equal([]);
      expect(read.map((i) => i.projectKey)).to.satisfy((keys: ReadonlyArray<string | null>) => keys.every((key) => key === project));
    });
  });
