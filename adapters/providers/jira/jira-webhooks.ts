import * as TE from 'fp-ts/lib/TaskEither.js';
import type { WebhookHandler } from '../../../core/index.js';
import { claimedDigests, hmacSigned } from '../shared/hmac-signature.js';
import { JIRA_DEDUPE_HEADER, JIRA_SIGNATURE } from './facts.js';
import { decodeJiraDelivery, identifyJiraDelivery } from './jira-webhook-decoder.js';

/** Admin webhooks signed with the connection's secret (HMAC-SHA256 of the raw body), deduplicated on Jira's identifier. */
export const jiraWebhooks = (): WebhookHandler => ({
  headersRead: [JIRA_DEDUPE_HEADER],
  usesSharedSecret: true,
  verify: (rawBody, headers, signer) => TE.right(hmacSigned(rawBody, claimedDigests(headers, JIRA_SIGNATURE), signer.secrets)),
  identify: identifyJiraDelivery,
  decode: decodeJiraDelivery,
});
