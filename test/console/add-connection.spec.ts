import { expect } from 'chai';
import { startConsoleHarness, screenshot, watchPage, type ConsoleHarness } from './support/console-harness.js';
import { expectNoSecretShown } from './support/secrets.js';
import { focusedIdAfter } from './support/focus.js';

const WEBHOOK_SECRET = 'console-form-webhook-secret-0123456789';

describe('console: adding a connection', function () {
  this.timeout(90_000);
  let harness: ConsoleHarness;

  before(async () => {
    harness = await startConsoleHarness({ issues: 20, latencyMs: 0 });
  });
  after(async () => harness?.close());

  it('adds a Jira connection to the simulator from the provider form, refusing a bad field at the field first', async () => {
    const page = await harness.browser.context.newPage();
    const watch = watchPage(page);
    await page.goto(`${harness.consoleUrl}/connections/new#token=${harness.token}`);
    await page.getByRole('heading', { level: 1, name: 'Add a connection' }).waitFor();
    // Each tracker's form is built from its description: ConnectWise asks for its key pair.
    await page.getByRole('radio', { name: 'ConnectWise PSA' }).check();
    await page.locator('#new-companyId').waitFor();
    expect(await page.locator('#new-privateKey').getAttribute('type')).to.equal('password');
    await page.getByRole('radio', { name: 'Jira Cloud' }).check();
    expect(await page.locator('#new-companyId').count()).to.equal(0);
    await page.getByRole('radio', { name: 'API token' }).check();
    await page.locator('#new-name').fill('Form-made Jira');
    await page.locator('#new-baseUrl').fill(harness.api.jira.baseUrl);
    await page.locator('#new-email').fill('not-an-email');
    await page.locator('#new-apiToken').fill(harness.api.jira.apiToken);
    await page.locator('#new-webhookSecret').fill(WEBHOOK_SECRET);
    expect(await page.locator('#new-apiToken').getAttribute('type')).to.equal('password');
    await page.getByRole('button', { name: /^Connect / }).click();

    await page.locator('#new-email-error').waitFor();
    expect(await page.locator('#new-email').getAttribute('aria-invalid')).to.equal('true');
    expect(await focusedIdAfter(page, 'new-email')).to.equal('new-email');
    await screenshot(page, 'add-connection-validation');

    await page.locator('#new-email').fill(harness.api.jira.email);
    await page.getByRole('button', { name: /^Connect / }).click();
    await page.getByRole('heading', { level: 1, name: 'Form-made Jira' }).waitFor();
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    await page.getByRole('link', { name: 'Settings and secrets' }).click();
    await page.getByRole('heading', { level: 2, name: 'Secrets' }).waitFor();
    await expectNoSecretShown(page, watch, [harness.api.jira.apiToken, WEBHOOK_SECRET]);
    await page.close();
  });
});
