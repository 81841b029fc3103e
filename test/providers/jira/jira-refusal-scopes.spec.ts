import { expect } from 'chai';
import { refusalScope, STANDARD_REFUSAL_SCOPES, type HttpResponse } from '../../../adapters/net/index.js';
import { JIRA_REFUSAL_SCOPES } from '../../../adapters/providers/jira/facts.js';
import { SERVICENOW_REFUSAL_SCOPES } from '../../../adapters/providers/servicenow/facts.js';

const refusal = (headers: Record<string, string>, status = 429): HttpResponse => ({ status, header: (name) => headers[name.toLowerCase()] ?? null, body: '' });

// Who waits after a refusal, from the headers the trackers send (providers.md 1.8 and 2.5).
describe('which refusals pause a whole site', () => {
  it("takes Jira's burst and per-issue limits for the request's, and its quotas for the site's", () => {
    const jira = (headers: Record<string, string>, waitMs = 1_000, hint: number | null = waitMs) => refusalScope(refusal(headers), waitMs, hint, JIRA_REFUSAL_SCOPES);
    expect(jira({ 'retry-after': '1', 'x-ratelimit-remaining': '0', 'ratelimit-reason': 'jira-burst-based' })).to.equal('request');
    expect(jira({ 'retry-after': '2', 'ratelimit-reason': 'jira-per-issue-on-write' }, 2_000)).to.equal('request');
    expect(jira({ 'retry-after': '1', 'ratelimit-reason': 'jira-quota-based' })).to.equal('site');
    expect(jira({ 'retry-after': '1', 'ratelimit-reason': 'jira-cost-based' })).to.equal('site');
    expect(jira({ 'beta-ratelimit': '"tenant-app-quota";r=0;t=1', 'x-beta-ratelimit-reason': 'jira-quota-tenant-based' })).to.equal('site');
    expect(jira({ 'retry-after': '1', 'x-ratelimit-remaining': '0' }), 'a limit with nothing left').to.equal('site');
    expect(jira({ 'retry-after': '1' }), 'a short wait, nothing more said').to.equal('request');
    expect(jira({ 'retry-after': '30', 'ratelimit-reason': 'jira-burst-based' }, 30_000), 'a long wait').to.equal('site');
    expect(jira({}, 7_500, null), 'a 429 that says nothing of when').to.equal('site');
  });

  it("takes a ServiceNow rate-limit rule's 429 for the instance's, and a busy instance's 503 for the request's", () => {
    const servicenow = (headers: Record<string, string>, status = 429) => refusalScope(refusal(headers, status), 1_000, 1_000, SERVICENOW_REFUSAL_SCOPES);
    expect(servicenow({ 'retry-after': '1', 'x-ratelimit-rule': 'b1e0a5a2c3d4e5f60718293a4b5c6d7e' })).to.equal('site');
    expect(servicenow({ 'retry-after': '1' }, 503)).to.equal('request');
  });

  it('reads an exhausted RateLimit policy as the site’s by default, and a 503 with no hint as the request’s', () => {
    expect(refusalScope(refusal({ ratelimit: '"hourly";r=0;t=1' }), 1_000, 1_000, STANDARD_REFUSAL_SCOPES)).to.equal('site');
    expect(refusalScope(refusal({ ratelimit: '"hourly";r=10;t=1' }), 1_000, 1_000, STANDARD_REFUSAL_SCOPES)).to.equal('request');
    expect(refusalScope(refusal({}, 503), 375, null, STANDARD_REFUSAL_SCOPES)).to.equal('request');
  });
});
