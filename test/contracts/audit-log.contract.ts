import { expect } from 'chai';
import type { AuditEntry } from '../../core/index.js';
import { anOrganization } from '../support/builders/ids.js';
import { anAuditEntry } from '../support/builders/events.js';
import { expectRight } from '../support/either.js';
import type { EventPortsSubject } from './event-ports.js';

export const describeAuditLogContract = (name: string, setup: () => Promise<EventPortsSubject>) =>
  describe(`AuditLog contract (${name})`, () => {
    let subject: EventPortsSubject;
    const organizationId = anOrganization();
    beforeEach(async () => (subject = await setup()));
    const append = (entries: ReadonlyArray<AuditEntry>) => expectRight(subject.unitOfWork.transaction((ports) => ports.audit.append(entries)));
    const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
    const list = (filter = {}, limit = 50) => expectRight(subject.auditLog.list(organizationId, filter, { limit, after: null }));

    it('can only be appended to and read', () => {
      expect(Object.keys(subject.auditLog).sort()).to.deep.equal(['append', 'list']);
    });

    it('reads entries back exactly, newest first, then by id, and none of another organization', async () => {
      const entries = [anAuditEntry({ organizationId, occurredAt: at(1) }), anAuditEntry({ organizationId, occurredAt: at(3), requestId: null }), anAuditEntry({ organizationId, occurredAt: at(3) })];
      await append(entries);
      await append([anAuditEntry({ occurredAt: at(2) })]);
      expect((await list()).items).to.deep.equal([entries[2], entries[1], entries[0]]);
      expect((await expectRight(subject.auditLog.list(anOrganization(), {}, { limit: 50, after: null }))).items).to.deep.equal([]);
    });

    it('filters by action, target, actor and time, and pages through everything exactly once', async () => {
      const entries = Array.from({ length: 7 }, (_, i) =>
        anAuditEntry({ organizationId, occurredAt: at(i % 3), action: i % 2 === 0 ? 'connection.updated' : 'user_mapping.created', actor: i < 4 ? 'ann' : 'system:scheduler' }),
      );
      await append(entries);
      expect((await list({ action: 'user_mapping.created' })).items.map((e) => e.id).sort()).to.deep.equal(entries.filter((_, i) => i % 2 === 1).map((e) => e.id).sort());
      expect((await list({ targetId: entries[3]!.targetId })).items).to.deep.equal([entries[3]]);
      expect((await list({ actor: 'system:scheduler' })).items).to.have.length(3);
      expect((await list({ since: at(1), until: at(2) })).items.every((e) => e.occurredAt.getTime() === at(1).getTime())).to.equal(true);
      const seen: string[] = [];
      let page = await list({}, 3);
      seen.push(...page.items.map((e) => e.id));
      while (page.next !== null) {
        page = await expectRight(subject.auditLog.list(organizationId, {}, { limit: 3, after: page.next }));
        seen.push(...page.items.map((e) => e.id));
      }
      expect(seen).to.deep.equal((await list()).items.map((e) => e.id));
      expect(new Set(seen).size).to.equal(7);
    });
  });
