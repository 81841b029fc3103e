import { expect } from 'chai';
import type { SignedDelivery } from '../../builders/jira-webhook-builder.js';
import type { ApiResponse } from './http-client.js';
import type { TestApi } from './test-api.js';
import { tokenFor } from './tokens.js';

/** POSTs a delivery's exact bytes and headers, as Jira would, with no bearer token. */
export const postWebhook = (api: TestApi, connectionId: string, delivery: SignedDelivery): Promise<ApiResponse> =>
  api.http.call('POST', `/api/webhooks/jira/${connectionId}`, { rawBody: delivery.rawBody, headers: delivery.headers });

/** A Jira connection of `organizationId` to the test tracker, with `webhookSecret` when given. */
export const createJiraConnection = async (api: TestApi, organizationId: string, webhookSecret?: string, overrides: Record<string, unknown> = {}) => {
  const body = { type: 'jira', baseUrl: api.jira.baseUrl, email: api.jira.email, apiToken: api.jira.apiToken, ...(webhookSecret === undefined ? {} : { webhookSecret }), ...overrides };
  const response = await api.http.call('POST', '/api/integrations', { token: tokenFor(organizationId), body });
  expect(response.status, response.text).to.equal(201);
  return response.json.data.id as string;
};

/** An error answer without its request id, which differs on every request. */
export const errorWithoutRequestId = (response: ApiResponse) => ({
  status: response.status,
  contentType: response.headers.get('content-type'),
  error: { ...response.json.error, requestId: undefined },
});
