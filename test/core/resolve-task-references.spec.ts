import { expect } from 'chai';
import { createInMemoryAdapters } from '../../adapters/memory/index.js';
import { asOrganizationId, REFERENCE_LIMITS, resolveTaskReferences, type TaskDraft } from '../../core/index.js';
import { anId } from '../support/builders/ids.js';
import { aTaskDraft } from '../support/builders/task-draft.js';
import { expectLeft, expectRight } from '../support/either.js';

const ORG = asOrganizationId('org-references');

const setup = async (drafts: ReadonlyArray<Partial<TaskDraft>>, organizationId = ORG) => {
  const adapters = createInMemoryAdapters();
  const stored = await expectRight(adapters.tasks.upsertMany(organizationId, drafts.map((d) => aTaskDraft({ organizationId, ...d }))));
  return { resolve: resolveTaskReferences(adapters), tasks: stored.map((r) => r.task) };
};

describe('resolving the issue keys a pull request names', () => {
  it('answers every key in order with its task, or null when no task has it', async () => {
    const { resolve, tasks } = await setup([{ key: 'WEB-1' }, { key: 'WEB-2' }]);
    const references = await expectRight(resolve(ORG, { title: 'WEB-2: totals, UTF-8 safe', branch: 'feature/WEB-1-totals', texts: ['WEB-2 again'] }));
    expect(references).to.deep.equal([
      { key: 'WEB-2', task: tasks[1], otherTaskIds: [] },
      { key: 'UTF-8', task: null, otherTaskIds: [] },
      { key: 'WEB-1', task: tasks[0], otherTaskIds: [] },
    ]);
  });

  it('picks the same task every time when several connections hold the key: live first, then changed last, then smallest id', async () => {
    const at = (day: number) => new Date(Date.UTC(2026, 0, day));
    const { resolve, tasks } = await setup([
      { key: 'OPS-7', connectionId: anId(), externalUpdatedAt: at(3), deletedAt: at(4) },
      { key: 'OPS-7', connectionId: anId(), externalUpdatedAt: at(1) },
      { key: 'OPS-7', externalSystem: 'servicenow', externalUpdatedAt: at(2) },
      { key: 'OPS-7', connectionId: anId(), externalUpdatedAt: at(2) },
    ]);
    const [deleted, oldest, tiedA, tiedB] = tasks.map((task) => task!);
    const [first, second] = [tiedA!, tiedB!].sort((a, b) => (a.id < b.id ? -1 : 1));
    const [reference] = await expectRight(resolve(ORG, { title: 'OPS-7 fix cron' }));
    expect(reference).to.deep.equal({ key: 'OPS-7', task: first, otherTaskIds: [second!.id, oldest!.id, deleted!.id] });
  });

  it("never links another organization's task", async () => {
    const { resolve } = await setup([{ key: 'SEC-1' }], asOrganizationId('org-other'));
    expect(await expectRight(resolve(ORG, { branch: 'SEC-1' }))).to.deep.equal([{ key: 'SEC-1', task: null, otherTaskIds: [] }]);
  });

  it('answers an empty list when the texts name no key', async () => {
    const { resolve } = await setup([]);
    expect(await expectRight(resolve(ORG, { title: 'Bump lodash', branch: 'renovate/lodash-4.x' }))).to.deep.equal([]);
  });

  it('refuses an empty body with one clear message', async () => {
    const { resolve } = await setup([]);
    for (const body of [undefined, null, {}, { title: '' }, { title: '  ', branch: '', texts: [''] }, { texts: [] }]) {
      const error = await expectLeft(resolve(ORG, body));
      expect(error).to.deep.include({ _tag: 'InvalidInput', message: 'Give a title, a branch name or texts to look for issue keys in' });
    }
  });

  it('refuses oversized or malformed input, naming the field', async () => {
    const { resolve } = await setup([]);
    const paths = async (body: unknown) => {
      const error = await expectLeft(resolve(ORG, body));
      return error._tag === 'InvalidInput' ? error.details.map((d) => d.path) : error._tag;
    };
    expect(await paths({ title: 'x'.repeat(REFERENCE_LIMITS.title + 1) })).to.deep.equal(['title']);
    expect(await paths({ branch: 'x'.repeat(REFERENCE_LIMITS.branch + 1) })).to.deep.equal(['branch']);
    expect(await paths({ texts: Array.from({ length: REFERENCE_LIMITS.texts + 1 }, () => 'a') })).to.deep.equal(['texts']);
    expect(await paths({ texts: ['ok', 'x'.repeat(REFERENCE_LIMITS.textLength + 1)] })).to.deep.equal(['texts.1']);
    expect(await paths({ title: 42, texts: 'WEB-1' })).to.deep.equal(['title', 'texts']);
    expect(await paths({ title: 'WEB-1', organizationId: 'org-b' })).to.deep.equal(['organizationId']);
    const manyKeys = Array.from({ length: REFERENCE_LIMITS.keys + 1 }, (_, i) => `KEY-${i}`).join(' ');
    expect(await paths({ texts: [manyKeys] })).to.deep.equal(['(root)']);
  });
});
