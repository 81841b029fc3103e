import { expect } from 'chai';
import { Writable } from 'node:stream';
import { loggingDomainEvents } from '../../adapters/events/logging-domain-events.js';
import { createLogger } from '../../adapters/logging/pino-logger.js';
import { asEntityId, type DomainEvent, type ExternalTask } from '../../core/index.js';
import { aTaskDraft } from '../support/builders/task-draft.js';

const task = (): ExternalTask => ({
  ...aTaskDraft({ title: 'Confidential title', deletedAt: new Date('2026-01-02T00:00:00Z') }),
  id: asEntityId('7a7a7a7a-0000-4000-8000-000000000001'),
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-02T00:00:00Z'),
});

describe('logging domain events', () => {
  it('logs a deletion like an update: type, change, organization, task and fields, never the content', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const deleted: DomainEvent = {
      type: 'external_task.deleted',
      organizationId: task().organizationId,
      change: 'deleted',
      task: task(),
      changedFields: ['deletedAt', 'externalUpdatedAt'],
      occurredAt: new Date('2026-01-02T00:00:01Z'),
    };
    await loggingDomainEvents(createLogger('info', sink)).publish([deleted])();
    expect(lines, 'nothing at info: one line per task is debug').to.deep.equal([]);
    await loggingDomainEvents(createLogger('debug', sink)).publish([deleted])();
    expect(lines).to.have.length(1);
    expect(JSON.parse(lines[0]!)).to.deep.include({
      level: 20,
      msg: 'domain event',
      event: 'external_task.deleted',
      change: 'deleted',
      organizationId: task().organizationId,
      taskId: task().id,
      changedFields: ['deletedAt', 'externalUpdatedAt'],
    });
    expect(lines[0]).not.to.contain('Confidential title');
  });
});
