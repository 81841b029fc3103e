import { createInMemoryAdapters } from '../../../../adapters/memory/index.js';
import { describeEventLogContract } from '../../../contracts/event-log.contract.js';

describeEventLogContract('in memory', async () => createInMemoryAdapters());
