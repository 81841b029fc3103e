import { expect } from 'chai';
import { startConsoleHarness, screenshot, signIn, watchPage, type ConsoleHarness } from './support/console-harness.js';
import { expectNoSecretShown } from './support/secrets.js';
import { focusedIdAfter } from './support/focus.js';

const WEBHOOK_SECRET = 'console-test-webhook-secret-0123456789';
const WRONG_TOKEN = 'console-test-wrong-api-token-9876543210';

describe('console: connections', function () {
  this.timeout(90_000);
  let harness: ConsoleHarness;

  before(async () => {
    // Enough issues for several pages (20 a page), each page slow enough that the sync is seen running.
    harness = await startConsoleHarness({ issues: 120, latencyMs: 200, jira: { pageSize: 20 } });
  });
  after(async () => harness?.close());
  beforeEach(async () => harness.deleteConnections());

  it('lists a connection with its status, tests it, and syncs it with progress and a history', async () => {
    const connection = await harness.createJiraConnection({ webhookSecret: WEBHOOK_SECRET });
    const page = await harness.browser.context.newPage();
    const watch = watchPage(page);
    await signIn(page, harness.consoleUrl);
    const row = page.getByRole('row', { name: /Simulated Jira/ });
    expect(await row.innerText()).to.match(/never synced/).and.match(/no delivery yet/).and.match(/API token/).and.match(/enabled/);
    await screenshot(page, 'connections');

    await page.getByRole('link', { name: 'Simulated Jira' }).click();
    await page.getByRole('heading', { level: 1, name: 'Simulated Jira' }).waitFor();
    expect(await page.locator('.summary').innerText()).to.contain(`${harness.api.url}/api/webhooks/jira/${connection.id}`);
    await page.getByRole('button', { name: 'Test connection' }).click();
    const test = page.getByRole('status').filter({ hasText: 'Connected' });
    await test.waitFor();
    expect(await test.innerText()).to.contain('Connected:');

    const requests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/sync-')) requests.push(`${request.method()} ${new URL(request.url()).pathname} ${request.headers().prefer ?? ''}`.trim());
    });
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.getByRole('progressbar', { name: 'Sync in progress' }).waitFor();
    expect(await page.getByRole('button', { name: 'Sync now' }).isDisabled()).to.equal(true);
    const outcome = page.getByText(/^Sync succeeded \(incremental\): 120 processed in 6 pages\.$/);
    await outcome.waitFor();
    expect(await page.locator('.counts').innerText()).to.match(/Created\s+120/);
    const history = page.getByRole('table', { name: 'Sync history' });
    expect(await history.getByRole('row').count()).to.equal(2);
    expect(await history.getByRole('row').nth(1).innerText()).to.match(/manual\s+incremental\s+succeeded\s+120\s+120\s+0\s+0\s+0\s+6/);
    expect(await page.getByRole('progressbar').count()).to.equal(0);
    expect(await page.getByRole('button', { name: 'Cancel the sync' }).count()).to.equal(0);
    // Queued as a job (answered at once), then the run followed until it ended.
    expect(requests[0]).to.equal(`POST /api/integrations/${connection.id}/sync-now respond-async`);
    expect(requests.filter((r) => r.startsWith(`GET /api/integrations/${connection.id}/sync-runs/`)).length).to.be.greaterThan(0);
    await screenshot(page, 'connection');

    await page.getByRole('link', { name: '← All connections' }).click();
    expect(await page.getByRole('row', { name: /Simulated Jira/ }).innerText()).to.match(/succeeded/);
    await expectNoSecretShown(page, watch, [harness.api.jira.apiToken, WEBHOOK_SECRET]);
    expect(watch.problems).to.deep.equal([]);
    await page.close();
  });

  it('shows the pages of a running sync as they are read, and cancels it', async () => {
    const connection = await harness.createJiraConnection({ name: 'Cancelled Jira' });
    // Slow pages, so the run is still reading when the cancel arrives: it stops after its current page.
    harness.api.jira.simulator.faults.set({ latencyMs: 1_000 });
    try {
      const page = await harness.browser.context.newPage();
      await page.goto(`${harness.consoleUrl}/connections/${connection.id}#token=${harness.token}`);
      await page.getByRole('button', { name: 'Sync now' }).click();
      const progress = page.locator('.sync-progress [role="status"]');
      // Items another connection to the same site already read count as seen before, not processed.
      await progress.filter({ hasText: /running incremental · [1-5] pages? · \d+ processed \(.+\), \d+ seen before/ }).waitFor();
      await screenshot(page, 'connection-sync-running');
      await page.getByRole('button', { name: 'Cancel the sync' }).click();
      const outcome = page.getByText(/^Sync cancelled \(incremental\): \d+ processed in [1-5] pages?\. What it wrote before stopping stays\.$/);
      await outcome.waitFor();
      expect(await page.getByRole('progressbar').count()).to.equal(0);
      expect(await page.getByRole('button', { name: 'Sync now' }).isDisabled()).to.equal(false);
      const history = page.getByRole('table', { name: 'Sync history' });
      await history.getByRole('row').nth(1).filter({ hasText: 'cancelled' }).waitFor();
      const runs = await harness.api.http.call('GET', `/api/integrations/${connection.id}/sync-runs`, { token: harness.token });
      expect(runs.json.data[0]).to.include({ status: 'cancelled', cancelRequested: true });
      expect(runs.json.data[0].pages).to.be.within(1, 5);
      await page.close();
    } finally {
      harness.api.jira.simulator.faults.set({ latencyMs: 200 });
    }
  });

  it('edits the schedule: polling and the interval between syncs, a refused interval shown at its field', async () => {
    const connection = await harness.createJiraConnection({ name: 'Scheduled Jira' });
    const page = await harness.browser.context.newPage();
    await page.goto(`${harness.consoleUrl}/connections/${connection.id}/settings#token=${harness.token}`);
    const polling = page.getByLabel('Sync on a schedule');
    const interval = page.getByLabel('Seconds between scheduled syncs');
    await interval.waitFor();
    expect(await page.getByLabel('Project scope').count()).to.equal(1);
    expect(await polling.isChecked()).to.equal(false);
    expect(await interval.inputValue()).to.equal('300');
    await polling.check();
    await interval.fill('10');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('#settings-syncIntervalSeconds-error').waitFor();
    expect(await page.locator('#settings-syncIntervalSeconds-error').innerText()).to.match(/at least 60/);
    expect(await focusedIdAfter(page, 'settings-syncIntervalSeconds')).to.equal('settings-syncIntervalSeconds');

    await interval.fill('900');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.').waitFor();
    const stored = await harness.api.http.call('GET', `/api/integrations/${connection.id}`, { token: harness.token });
    expect(stored.json.data).to.include({ pollingEnabled: true, syncIntervalSeconds: 900 });
    await page.close();
  });

  it('shows a wrong secret as a failed test, and never shows the secret back', async () => {
    const connection = await harness.createJiraConnection({ name: 'Rotated Jira' });
    const page = await harness.browser.context.newPage();
    const watch = watchPage(page);
    await signIn(page, harness.consoleUrl);
    await page.goto(`${harness.consoleUrl}/connections/${connection.id}/settings#token=${harness.token}`);
    await page.getByRole('heading', { level: 2, name: 'Secrets' }).waitFor();
    const rotation = page.getByRole('form', { name: 'Replace API Token' });
    expect(await rotation.innerText()).to.contain('set');
    await rotation.getByLabel('New API Token').fill(WRONG_TOKEN);
    await rotation.getByRole('button', { name: 'Replace' }).click();
    await page.getByText('API Token replaced. Test the connection to check it.').waitFor();
    expect(await rotation.getByLabel('New API Token').inputValue()).to.equal('');

    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('button', { name: 'Test connection' }).click();
    const failed = page.getByRole('alert').filter({ hasText: 'Not connected' });
    await failed.waitFor();
    expect(await failed.innerText()).to.match(/^Not connected: .+/);
    await screenshot(page, 'connection-failed-test');
    await expectNoSecretShown(page, watch, [harness.api.jira.apiToken, WRONG_TOKEN]);
    await page.close();
  });

  it('edits a setting, sending only what changed, and shows a refused value at its field', async () => {
    const connection = await harness.createJiraConnection({ name: 'Renamed Jira', webhookSecret: WEBHOOK_SECRET });
    const page = await harness.browser.context.newPage();
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PATCH') sent.push(request.postData() ?? '');
    });
    await page.goto(`${harness.consoleUrl}/connections/${connection.id}/settings#token=${harness.token}`);
    const name = page.locator('#settings-name');
    const email = page.locator('#settings-email');
    await name.waitFor();
    expect(await name.inputValue()).to.equal('Renamed Jira');
    expect(await email.inputValue()).to.equal(harness.api.jira.email);
    // The secrets are not in the settings form: they are rotated below it, write-only.
    expect(await page.locator('#settings-apiToken').count()).to.equal(0);
    await email.fill('not-an-email');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('#settings-email-error').waitFor();
    expect(await page.locator('#settings-email-error').innerText()).to.equal('must be an e-mail address');
    expect(await email.getAttribute('aria-invalid')).to.equal('true');
    expect(await focusedIdAfter(page, 'settings-email')).to.equal('settings-email');

    await email.fill(harness.api.jira.email);
    await name.fill('Jira, renamed');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Jira, renamed' }).waitFor();
    expect(sent.map((body) => JSON.parse(body))).to.deep.equal([{ email: 'not-an-email' }, { name: 'Jira, renamed' }]);
    await screenshot(page, 'connection-settings');
    const stored = await harness.api.http.call('GET', `/api/integrations/${connection.id}`, { token: harness.token });
    expect(stored.json.data).to.include({ name: 'Jira, renamed', hasWebhookSecret: true, hasApiToken: true });
    await page.close();
  });

  it('disables and enables a connection, and deletes it only after a confirmation', async () => {
    const connection = await harness.createJiraConnection({ name: 'Short-lived Jira' });
    const page = await harness.browser.context.newPage();
    await page.goto(`${harness.consoleUrl}/connections/${connection.id}#token=${harness.token}`);
    await page.getByRole('button', { name: 'Disable' }).click();
    await page.getByRole('button', { name: 'Enable' }).waitFor();
    expect(await page.getByRole('button', { name: 'Sync now' }).isDisabled()).to.equal(true);
    expect(await page.locator('.summary').innerText()).to.contain('disabled');
    await page.getByRole('button', { name: 'Enable' }).click();
    await page.getByRole('button', { name: 'Disable' }).waitFor();

    await page.getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Short-lived Jira?' });
    await dialog.waitFor();
    // The safe choice has the focus, and Escape cancels.
    expect(await page.evaluate<string>('document.activeElement.textContent')).to.equal('Cancel');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect((await harness.api.http.call('GET', `/api/integrations/${connection.id}`, { token: harness.token })).status).to.equal(200);

    await page.getByRole('button', { name: 'Delete…' }).click();
    await dialog.getByRole('button', { name: 'Delete the connection' }).click();
    await page.getByRole('heading', { level: 1, name: 'Connections' }).waitFor();
    expect(await page.getByRole('row', { name: /Short-lived Jira/ }).count()).to.equal(0);
    expect((await harness.api.http.call('GET', `/api/integrations/${connection.id}`, { token: harness.token })).status).to.equal(404);
    await page.close();
  });
});
