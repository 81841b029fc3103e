import { memoryWebhookInbox } from '../../../../adapters/memory/index.js';
import { CONTRACT_LEASE_MS, describeWebhookInboxContract } from '../../../contracts/webhook-inbox.contract.js';

describeWebhookInboxContract('in memory', async () => ({ webhookInbox: memoryWebhookInbox({ leaseMs: CONTRACT_LEASE_MS }) }));
