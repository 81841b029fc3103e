import { createInMemoryAdapters } from '../../../../adapters/memory/index.js';
import { describeAuditLogContract } from '../../../contracts/audit-log.contract.js';
import { describeEventDeliveriesContract } from '../../../contracts/event-deliveries.contract.js';
import { describeEventEndpointsContract } from '../../../contracts/event-endpoints.contract.js';
import { describeEventFeedContract } from '../../../contracts/event-feed.contract.js';
import { describeEventSubscriptionsContract } from '../../../contracts/event-subscriptions.contract.js';
import { describeOutboxTaskChangesContract } from '../../../contracts/outbox-task-changes.contract.js';

const setup = async () => createInMemoryAdapters();

describeEventFeedContract('in memory', setup);
describeEventDeliveriesContract('in memory', setup);
describeEventEndpointsContract('in memory', setup);
describeEventSubscriptionsContract('in memory', setup);
describeAuditLogContract('in memory', setup);
describeOutboxTaskChangesContract('in memory', setup);
