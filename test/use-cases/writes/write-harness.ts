import { asEntityId, type OutboxEvent, type Write } from '../../../core/index.js';
import { TRACKER_BASE_URL } from '../../builders/connection-input-builder.js';
import { ORG_A, right, requester } from '../../builders/harness.js';
import { anIssue } from '../../builders/source-issue-builder.js';
import { webhookHarness } from '../webhooks/webhook-harness.js';

/** A fake-tracker connection of ORG_A with three synced items, and helpers to write and wait. */
export const writeHarness = async (connection: Record<string, unknown> = {}, options: { writeAttempts?: number } = {}) => {
  const w = await webhookHarness({ connection, ...options });
  const { h } = w;
  h.adapters.issueSource.setIssues(TRACKER_BASE_URL, [anIssue(1), anIssue(2), anIssue(3)]);
  await right(h.sync(ORG_A, w.connectionId));
  const task = (key: string) => w.tasks().find((t) => t.key === key)!;
  const settled = async (write: Write): Promise<Write> => right(h.getWrite(ORG_A, asEntityId(write.id), 5_000));
  const outbox = (): OutboxEvent[] => [...h.adapters.state.outbox.values()].sort((a, b) => a.seq - b.seq).map((row) => row.event);
  const patch = async (key: string, body: Record<string, unknown>, idempotencyKey: string | null = null) =>
    settled(await right(h.updateTask(requester(ORG_A), task(key).id, body, idempotencyKey)));
  const create = async (body: Record<string, unknown>, idempotencyKey: string | null = null) =>
    settled(await right(h.createTask(requester(ORG_A), { connectionId: w.connectionId, projectKey: 'PROJ', ...body }, idempotencyKey)));
  /** The tracker's item now. */
  const inTracker = (externalId: string) => h.adapters.issueSource.issuesAt(TRACKER_BASE_URL).find((i) => i.externalId === externalId)!;
  /** Someone edits the item in the tracker itself. */
  const editInTracker = (externalId: string, changes: Record<string, unknown>) => {
    const current = inTracker(externalId);
    const updatedAt = new Date(current.updatedAt.getTime() + 3_600_000);
    const edited = { ...current, ...changes, updatedAt, version: updatedAt.toISOString() };
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, [...h.adapters.issueSource.issuesAt(TRACKER_BASE_URL).filter((i) => i.externalId !== externalId), edited]);
    return edited;
  };
  return { ...w, task, settled, outbox, patch, create, inTracker, editInTracker };
};
