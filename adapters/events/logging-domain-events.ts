import * as T from 'fp-ts/lib/Task.js';
import type { Logger } from 'pino';
import type { DomainEvents } from '../../core/index.js';

/**
 * Publishes domain events as structured log lines (type, organization, task, changed fields), the
 * hook where a product attaches its own bus. Task content is not logged: it is the tenant's data.
 * One line per task is debug: a sync of thousands would drown everything else at info.
 */
export const loggingDomainEvents = (logger: Logger): DomainEvents => ({
  publish: (events) => {
    for (const event of events) {
      logger.debug(
        { event: event.type, change: event.change, organizationId: event.organizationId, taskId: event.task.id, changedFields: event.changedFields },
        'domain event',
      );
    }
    return T.of(undefined);
  },
});
