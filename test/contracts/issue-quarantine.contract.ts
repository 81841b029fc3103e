import { expect } from 'chai';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { IssueQuarantine, QuarantinedIssue, UnitOfWork } from '../../core/index.js';
import { anId, anOrganization } from '../support/builders/ids.js';
import { expectRight } from '../support/either.js';

export interface IssueQuarantineSubject {
  readonly quarantine: IssueQuarantine;
  readonly unitOfWork: UnitOfWork;
}

const at = (minute: number) => new Date(Date.UTC(2026, 1, 1, 10, minute));

export const describeIssueQuarantineContract = (name: string, setup: () => Promise<IssueQuarantineSubject>) =>
  describe(`IssueQuarantine contract (${name})`, () => {
    let subject: IssueQuarantineSubject;
    const organizationId = anOrganization();
    let connectionId = anId();
    const entry = (externalId: string, minute: number, overrides: Partial<QuarantinedIssue> = {}): QuarantinedIssue => ({
      organizationId,
      connectionId,
      externalId,
      key: `OPS-${externalId}`,
      version: `v${minute}`,
      reason: `refused at minute ${minute}`,
      runId: anId(),
      firstQuarantinedAt: at(minute),
      quarantinedAt: at(minute),
      ...overrides,
    });
    beforeEach(async () => {
      subject = await setup();
      connectionId = anId();
    });

    it('keeps one entry per item, latest first, the first time kept when an item is quarantined again', async () => {
      const [first, second] = [entry('1', 1), entry('2', 2)];
      await expectRight(subject.quarantine.hold([first, second]));
      const again = entry('1', 5, { reason: 'still refused' });
      await expectRight(subject.quarantine.hold([again]));
      expect(await expectRight(subject.quarantine.list(organizationId, connectionId, 10))).to.deep.equal([{ ...again, firstQuarantinedAt: at(1) }, second]);
      expect(await expectRight(subject.quarantine.list(organizationId, connectionId, 1))).to.have.length(1);
    });

    it('forgets the items stored since, and only those of that connection', async () => {
      const other = anId();
      await expectRight(subject.quarantine.hold([entry('1', 1), entry('2', 2), entry('1', 3, { connectionId: other })]));
      await expectRight(subject.quarantine.release(organizationId, connectionId, ['1', 'unknown']));
      expect((await expectRight(subject.quarantine.list(organizationId, connectionId, 10))).map((e) => e.externalId)).to.deep.equal(['2']);
      expect((await expectRight(subject.quarantine.list(organizationId, other, 10))).map((e) => e.externalId)).to.deep.equal(['1']);
    });

    it("forgets every entry of a deleted connection, and only that connection's", async () => {
      const other = anId();
      await expectRight(subject.quarantine.hold([entry('1', 1), entry('2', 2), entry('1', 3, { connectionId: other })]));
      await expectRight(subject.quarantine.forgetConnection(anOrganization(), connectionId));
      expect(await expectRight(subject.quarantine.list(organizationId, connectionId, 10))).to.have.length(2);
      await expectRight(subject.quarantine.forgetConnection(organizationId, connectionId));
      expect(await expectRight(subject.quarantine.list(organizationId, connectionId, 10))).to.deep.equal([]);
      expect((await expectRight(subject.quarantine.list(organizationId, other, 10))).map((e) => e.externalId)).to.deep.equal(['1']);
    });

    it('is scoped by organization: another organization sees nothing and releases nothing', async () => {
      await expectRight(subject.quarantine.hold([entry('1', 1)]));
      const stranger = anOrganization();
      expect(await expectRight(subject.quarantine.list(stranger, connectionId, 10))).to.deep.equal([]);
      await expectRight(subject.quarantine.release(stranger, connectionId, ['1']));
      expect(await expectRight(subject.quarantine.list(organizationId, connectionId, 10))).to.have.length(1);
    });

    it('writes with the unit of work: a rolled-back transaction keeps neither a hold nor a release', async () => {
      await expectRight(subject.quarantine.hold([entry('1', 1)]));
      const undone = await subject.unitOfWork.transaction((ports) =>
        pipe(
          ports.quarantine.hold([entry('2', 2)]),
          TE.chainW(() => ports.quarantine.release(organizationId, connectionId, ['1'])),
          TE.chainW(() => TE.left('undo')),
        ),
      )();
      expect(undone).to.deep.equal({ _tag: 'Left', left: 'undo' });
      expect((await expectRight(subject.quarantine.list(organizationId, connectionId, 10))).map((e) => e.externalId)).to.deep.equal(['1']);
    });
  });
