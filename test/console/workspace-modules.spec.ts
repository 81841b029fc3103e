import { expect } from 'chai';
import { startConsoleHarness, screenshot, watchPage, type ConsoleHarness } from './support/console-harness.js';

const WORKSPACE = 'ws_console-1';

describe('console: workspace modules', function () {
  this.timeout(60_000);
  let harness: ConsoleHarness;

  before(async () => {
    harness = await startConsoleHarness();
  });
  after(async () => harness?.close());

  it('lists the catalog of a workspace, and a module switched off shows off after a reload', async () => {
    const page = await harness.browser.context.newPage();
    const watch = watchPage(page);
    await page.goto(`${harness.consoleUrl}/workspace-modules#token=${harness.token}`);
    await page.getByLabel('Workspace id').fill(WORKSPACE);
    await page.getByRole('button', { name: 'Show its modules' }).click();
    await page.waitForURL(`${harness.consoleUrl}/workspace-modules/${WORKSPACE}`);
    const jira = page.getByRole('switch', { name: 'integrations.jira' });
    await jira.waitFor();
    const keys = await page.getByRole('table', { name: 'Modules' }).locator('tbody label').allInnerTexts();
    expect(keys).to.include.members(['integrations', 'integrations.jira', 'external-tasks']);
    expect(await page.getByRole('switch').evaluateAll((inputs) => inputs.every((i) => (i as unknown as { checked: boolean }).checked))).to.equal(true);

    await jira.press('Space');
    await page.getByText(`integrations.jira is off for ${WORKSPACE}.`).waitFor();
    expect(await jira.isChecked()).to.equal(false);
    await screenshot(page, 'workspace-modules');

    // A reload forgets the token: the product opens the console again with one.
    await page.goto(`${harness.consoleUrl}/workspace-modules/${WORKSPACE}#token=${harness.token}`);
    await page.getByRole('switch', { name: 'integrations.jira' }).waitFor();
    expect(await page.getByRole('switch', { name: 'integrations.jira' }).isChecked()).to.equal(false);
    expect(await page.getByRole('switch', { name: 'integrations', exact: true }).isChecked()).to.equal(true);
    expect(await page.getByRole('row', { name: /integrations\.jira/ }).innerText()).to.match(/off/);
    const stored = await harness.api.http.call('GET', `/api/workspaces/${WORKSPACE}/modules/integrations.jira`, { token: harness.token });
    expect(stored.json.data).to.include({ enabled: false, defaultEnabled: true });
    expect(watch.problems).to.deep.equal([]);
    await page.close();
  });

  it('shows a refused workspace id at its field', async () => {
    const page = await harness.browser.context.newPage();
    await page.goto(`${harness.consoleUrl}/workspace-modules#token=${harness.token}`);
    await page.getByLabel('Workspace id').fill('-not allowed');
    await page.getByRole('button', { name: 'Show its modules' }).click();
    await page.locator('#workspace-id-error').waitFor();
    expect(await page.locator('#workspace-id-error').innerText()).to.match(/letters, digits/);
    expect(await page.getByLabel('Workspace id').getAttribute('aria-invalid')).to.equal('true');
    await page.close();
  });
});
