import { expect } from 'chai';
import type { SourceIssue } from '../../core/index.js';
import { TRACKER_BASE_URL } from '../builders/connection-input-builder.js';
import { ORG_A, right } from '../builders/harness.js';
import { version, webhookHarness, type WebhookHarness } from './webhooks/webhook-harness.js';

/**
 * Trackers whose versions are counters (a modification count) may report two edits within the
 * same update time: the higher version is the newer, compared as numbers ("12" after "7").
 */
describe('item versions of the same update time', () => {
  let w: WebhookHarness;
  beforeEach(async () => (w = await webhookHarness()));

  const edit = (count: string): SourceIssue => version(1, 0, { version: count, title: `edit number ${count}` });
  const deliver = async (issue: SourceIssue) => {
    expect(await right(w.send(w.upsert(issue)))).to.include({ outcome: 'accepted' });
    return w.drain();
  };
  const task = () => w.tasks()[0]!;

  it('never lets a lower version delivered late overwrite a higher one', async () => {
    await deliver(edit('12'));
    expect(await deliver(edit('7'))).to.deep.equal([{ claimed: 1, applied: 1, duplicate: 0, ignored: 0, dropped: 0, failed: 0, postponed: 0, deadLettered: [] }]);

    expect(w.tasks()).to.have.length(1);
    expect(task()).to.include({ title: 'edit number 12', sourceVersion: '12' });
    expect(w.h.adapters.domainEvents.published.map((e) => e.change)).to.deep.equal(['created']);
  });

  it('lets a higher version replace a lower one', async () => {
    await deliver(edit('7'));
    await deliver(edit('12'));

    expect(task()).to.include({ title: 'edit number 12', sourceVersion: '12' });
    expect(w.h.adapters.domainEvents.published.map((e) => [e.change, e.task.sourceVersion])).to.deep.equal([
      ['created', '7'],
      ['updated', '12'],
    ]);
  });

  it('keeps the higher version when a sync reads the lower one, which is processed (a new version) but changes nothing', async () => {
    w.h.adapters.issueSource.setIssues(TRACKER_BASE_URL, [edit('12')]);
    expect(await right(w.h.sync(ORG_A, w.connectionId))).to.include({ created: 1 });
    w.h.adapters.issueSource.setIssues(TRACKER_BASE_URL, [edit('7')]);

    expect(await right(w.h.sync(ORG_A, w.connectionId, { mode: 'full' }))).to.include({ issuesProcessed: 1, unchanged: 1, updated: 0, skipped: 0 });
    expect(task()).to.include({ title: 'edit number 12', sourceVersion: '12' });
  });
});
