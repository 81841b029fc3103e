import { createInMemoryAdapters } from '../../../../adapters/memory/index.js';
import { describeIssueQuarantineContract } from '../../../contracts/issue-quarantine.contract.js';

describeIssueQuarantineContract('in memory', async () => createInMemoryAdapters());
