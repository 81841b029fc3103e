import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { startConsoleHarness, screenshot, watchPage, type ConsoleHarness } from './support/console-harness.js';

const RESOURCE = '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b';

describe('console: audit log', function () {
  this.timeout(90_000);
  let harness: ConsoleHarness;

  before(async () => {
    harness = await startConsoleHarness();
  });
  after(async () => harness?.close());

  const openAudit = async (query = '', width = 1280): Promise<Page> => {
    const page = await harness.browser.context.newPage();
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${harness.consoleUrl}/audit${query}#token=${harness.token}`);
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    return page;
  };
  const actions = (page: Page) => page.getByRole('table', { name: 'Audit log' }).locator('tbody td[data-label="What"]').allInnerTexts();

  it('shows the entry of a connection just created, and filters by action', async () => {
    const connection = await harness.createJiraConnection({ name: 'Audited Jira' });
    // A second action on the same record, for the filter to leave out.
    const renamed = await harness.api.http.call('PATCH', `/api/integrations/${connection.id}`, { token: harness.token, body: { name: 'Audited Jira, renamed' } });
    expect(renamed.status).to.equal(200);
    const page = await openAudit();
    const watch = watchPage(page);
    const created = page.getByRole('row').filter({ hasText: 'connection.created' });
    await created.waitFor();
    const text = await created.innerText();
    expect(text).to.contain('demo-user').and.contain(connection.id).and.contain('Audited Jira').and.contain('secretsSet');
    const updated = page.getByRole('row').filter({ hasText: 'connection.updated' });
    expect(await updated.innerText()).to.contain('Audited Jira → Audited Jira, renamed');
    // Newest first.
    expect((await actions(page)).slice(0, 2)).to.deep.equal(['connection.updated', 'connection.created']);
    await screenshot(page, 'audit');

    await page.getByLabel('Action').selectOption('connection.created');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/\/console\/audit\?action=connection\.created$/);
    await page.getByRole('status').filter({ hasText: /shown/ }).waitFor();
    expect(await actions(page)).to.deep.equal(['connection.created']);
    expect(await page.getByLabel('Action').inputValue()).to.equal('connection.created');

    // A record's history: every entry about it, whatever the action.
    await page.getByRole('link', { name: `Every entry about ${connection.id}` }).click();
    await page.waitForURL(new RegExp(`\\?targetId=${connection.id}$`));
    await page.getByRole('status').filter({ hasText: '2 entries shown, the oldest included' }).waitFor();
    expect(watch.problems).to.deep.equal([]);
    await page.close();
  });

  it("shows a sync run's counts as names and numbers, not as JSON", async () => {
    // The simulator's one site takes one Jira connection: the first test's, or a new one when run alone.
    const listed = await harness.api.http.call('GET', '/api/integrations', { token: harness.token });
    const connection: { id: string } = listed.json.data[0] ?? (await harness.createJiraConnection({ name: 'Counted Jira' }));
    const synced = await harness.api.http.call('POST', `/api/integrations/${connection.id}/sync-now`, { token: harness.token, body: {} });
    expect(synced.status, synced.text).to.equal(200);
    const page = await openAudit('?action=sync_run.finished');
    const finished = page.getByRole('row').filter({ hasText: connection.id });
    await finished.waitFor();
    const text = await finished.innerText();
    expect(text).to.match(/created \d+, /).and.match(/issuesProcessed \d+/);
    expect(text).not.to.contain('{');
    await page.close();
  });

  it('loads older entries on demand, 50 at a time, and keeps the page inside 390 px', async () => {
    for (let i = 0; i < 51; i += 1) {
      const created = await harness.api.http.call('POST', '/api/external-user-mappings', {
        token: harness.token,
        body: { externalSystem: 'jira', externalEmail: `person-${i}@example.com`, resourceId: RESOURCE },
      });
      expect(created.status).to.equal(201);
    }
    const page = await openAudit('?action=user_mapping.created');
    await page.getByRole('status').filter({ hasText: '50 entries shown' }).waitFor();
    expect(await actions(page)).to.have.length(50);
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.getByRole('status').filter({ hasText: '51 entries shown, the oldest included' }).waitFor();
    expect(await page.getByRole('button', { name: 'Load more' }).count()).to.equal(0);
    const entries = page.getByRole('table', { name: 'Audit log' }).locator('tbody tr');
    expect(await entries.count()).to.equal(51);
    // The oldest entry comes last, and the keyboard lands on the first entry added.
    expect(await entries.last().innerText()).to.contain('person-0@example.com');
    expect(await page.evaluate<string | null>('document.activeElement.closest("tr")?.innerText ?? null')).to.contain('person-0@example.com');

    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).to.equal(0);
    await page.close();
  });
});
