import { expect } from 'chai';
import { startConsoleHarness, type ConsoleHarness } from './support/console-harness.js';

/**
 * The page the provider's consent window returns to (JIRA_OAUTH_FRONTEND_URL) hands the outcome to
 * the console window over a same-origin BroadcastChannel. The console's side of the flow (start,
 * site picker) needs GET /api/providers; this proves the hand-over itself.
 */
describe('console: the OAuth return page', function () {
  this.timeout(60_000);
  let harness: ConsoleHarness;

  before(async () => {
    harness = await startConsoleHarness();
  });
  after(async () => harness?.close());

  const listen = `new Promise((resolve) => { const channel = new BroadcastChannel('taskport-oauth'); channel.onmessage = (event) => { channel.close(); resolve(event.data); }; })`;

  for (const [query, expected] of [
    ['provider=jira&oauth=site-selection-required&selectionId=0b9c6f1e-5d6e-4f70-8a9b-0c1d2e3f4a5b', { kind: 'site-selection-required', provider: 'jira', selectionId: '0b9c6f1e-5d6e-4f70-8a9b-0c1d2e3f4a5b' }],
    ['provider=jira&oauth=error&code=integration%2Foauth-error&reason=The%20person%20declined', { kind: 'error', provider: 'jira', code: 'integration/oauth-error', reason: 'The person declined' }],
  ] as const) {
    it(`hands "${expected.kind}" to the console window, with no token needed`, async () => {
      const main = await harness.browser.context.newPage();
      await main.goto(`${harness.consoleUrl}/`);
      const received = main.evaluate(listen);
      const consent = await harness.browser.context.newPage();
      await consent.goto(`${harness.consoleUrl}/oauth/return?${query}`);
      expect(await received).to.deep.equal(expected);
      expect(await consent.getByRole('heading', { level: 1, name: 'Authorization' }).count()).to.equal(1);
      if (expected.kind === 'error') expect(await consent.getByRole('alert').innerText()).to.equal('The person declined');
      await main.close();
      if (!consent.isClosed()) await consent.close();
    });
  }

  it('says so when the address carries no outcome', async () => {
    const page = await harness.browser.context.newPage();
    await page.goto(`${harness.consoleUrl}/oauth/return`);
    await page.getByText('This address carries no authorization outcome.').waitFor();
    await page.close();
  });
});
