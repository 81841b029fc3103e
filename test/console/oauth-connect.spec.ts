import { expect } from 'chai';
import { startConsoleHarness, screenshot, watchPage, type ConsoleHarness } from './support/console-harness.js';
import { storedCiphertexts } from '../http/support/test-api.js';
import { expectNoSecretShown } from './support/secrets.js';

const SITES = [
  { id: 'c0ffee00-5111-4a7e-9e1d-00000000000a', name: 'acme-support' },
  { id: 'c0ffee00-5111-4a7e-9e1d-00000000000b', name: 'acme-engineering' },
];

describe('console: connecting with OAuth', function () {
  this.timeout(90_000);
  let harness: ConsoleHarness;

  before(async () => {
    harness = await startConsoleHarness({ issues: 10, latencyMs: 0, oauth: { sites: SITES } });
  });
  after(async () => harness?.close());

  it('consents in a second window, picks one of the sites the grant reaches, and keeps its token in memory', async () => {
    const page = await harness.browser.context.newPage();
    const watch = watchPage(page);
    await page.goto(`${harness.consoleUrl}/connections/new#token=${harness.token}`);
    await page.getByRole('radio', { name: 'Jira Cloud' }).check();
    await page.getByRole('radio', { name: 'Sign in with the provider (OAuth)' }).check();
    const consent = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Continue to Jira Cloud' }).click();
    // The simulator consents at once; the window comes back to the console's return page and reports.
    const popup = await consent;
    await popup.waitForURL(/\/console\/oauth\/return\?/);
    expect(new URL(popup.url()).searchParams.get('oauth')).to.equal('site-selection-required');

    const picker = page.getByRole('group', { name: 'Which site should this connection sync?' });
    await picker.waitFor();
    expect(await picker.getByRole('radio').count()).to.equal(2);
    await screenshot(page, 'oauth-site-picker');
    await picker.getByRole('radio', { name: /acme-engineering/ }).check();
    await page.getByRole('button', { name: 'Connect this site' }).click();

    await page.locator('.summary').getByText('OAuth authorized').waitFor();
    const listed = await harness.api.http.call('GET', '/api/integrations', { token: harness.token });
    expect(listed.json.data).to.have.length(1);
    expect(listed.json.data[0]).to.include({ authType: 'oauth2', site: SITES[1]!.id });
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    // The console never left its page: the token it was opened with still works.
    expect(page.url()).to.contain('/console/connections/');
    // Neither the grant's tokens (stored encrypted) nor their ciphertexts reach the page.
    const ciphertexts = await storedCiphertexts(harness.api.orm);
    expect(ciphertexts.length).to.be.greaterThan(1);
    await expectNoSecretShown(page, watch, ciphertexts);
    await page.close();
  });
});
