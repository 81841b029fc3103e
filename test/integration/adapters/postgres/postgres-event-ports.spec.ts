import { expect } from 'chai';
import { describeAuditLogContract } from '../../../contracts/audit-log.contract.js';
import { describeEventDeliveriesContract } from '../../../contracts/event-deliveries.contract.js';
import { describeEventEndpointsContract } from '../../../contracts/event-endpoints.contract.js';
import { describeEventFeedContract } from '../../../contracts/event-feed.contract.js';
import { describeEventSubscriptionsContract } from '../../../contracts/event-subscriptions.contract.js';
import { describeOutboxTaskChangesContract } from '../../../contracts/outbox-task-changes.contract.js';
import { anAuditEntry } from '../../../support/builders/events.js';
import { expectRight } from '../../../support/either.js';
import { postgresSubject } from '../../../support/postgres-subject.js';

describeEventFeedContract('PostgreSQL', postgresSubject);
describeEventDeliveriesContract('PostgreSQL', postgresSubject);
describeEventEndpointsContract('PostgreSQL', postgresSubject);
describeEventSubscriptionsContract('PostgreSQL', postgresSubject);
describeAuditLogContract('PostgreSQL', postgresSubject);
describeOutboxTaskChangesContract('PostgreSQL', postgresSubject);

describe('audit_events on PostgreSQL', () => {
  it('refuses to change or remove an entry, whoever connects', async () => {
    const subject = await postgresSubject();
    const entry = anAuditEntry();
    await expectRight(subject.unitOfWork.transaction((ports) => ports.audit.append([entry])));
    const em = subject.orm.em.fork();
    for (const sql of ["update audit_events set actor = 'mallory'", 'delete from audit_events']) {
      const error = await em.execute(sql).then(
        () => null,
        (e: Error) => e,
      );
      expect(error?.message).to.contain('audit_events is append-only');
    }
    expect((await expectRight(subject.auditLog.list(entry.organizationId, {}, { limit: 5, after: null }))).items).to.deep.equal([entry]);
  });
});
