import { expect } from 'chai';
import { startConsoleHarness, screenshot, type ConsoleHarness } from './support/console-harness.js';
import { countTasks, syncedConnection } from './support/synced.js';
import { focusedIdAfter } from './support/focus.js';

describe('console: mappings', function () {
  this.timeout(90_000);
  let harness: ConsoleHarness;
  let connectionId: string;

  before(async () => {
    harness = await startConsoleHarness({ issues: 40, latencyMs: 0 });
    connectionId = (await syncedConnection(harness)).id;
  });
  after(async () => harness?.close());

  const openMappings = async () => {
    const page = await harness.browser.context.newPage();
    await page.goto(`${harness.consoleUrl}/connections/${connectionId}/mappings#token=${harness.token}`);
    await page.getByRole('group', { name: 'Status' }).waitFor();
    return page;
  };

  it('marks the default entries, which cannot be renamed or removed', async () => {
    const page = await openMappings();
    for (const table of ['Status', 'Priority']) {
      const group = page.getByRole('group', { name: table });
      const defaults = group.getByRole('listitem').filter({ hasText: 'default: applies to any other value; cannot be removed' });
      expect(await defaults.count()).to.equal(1);
      expect(await defaults.getByRole('textbox').inputValue()).to.equal('default');
      expect(await defaults.getByRole('textbox').getAttribute('readonly')).to.not.equal(null);
      expect(await defaults.getByRole('button', { name: /Remove/ }).count()).to.equal(0);
    }
    await page.close();
  });

  it('shows a refused rule at its field, and saves once it is fixed', async () => {
    const page = await openMappings();
    const status = page.getByRole('group', { name: 'Status' });
    const before = await status.getByRole('listitem').count();
    await status.getByRole('button', { name: 'Add a status rule' }).click();
    await status.getByLabel(`Tracker status ${before}`, { exact: true }).fill('To Do');
    await status.getByRole('button', { name: 'Add a status rule' }).click();
    await status.getByLabel(`Tracker status ${before + 1}`, { exact: true }).fill('to do');
    await page.getByRole('button', { name: 'Save mappings' }).click();

    const field = status.getByLabel(`Tracker status ${before + 1}`, { exact: true });
    await page.getByText('duplicates To Do: rules are case-insensitive').first().waitFor();
    expect(await field.getAttribute('aria-invalid')).to.equal('true');
    const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`#${describedBy.split(' ')[0]}`).innerText()).to.equal('duplicates To Do: rules are case-insensitive');
    const fieldId = (await field.getAttribute('id')) ?? '';
    expect(await focusedIdAfter(page, fieldId)).to.equal(fieldId);
    expect(await status.getByLabel(`Tracker status ${before}`, { exact: true }).getAttribute('aria-invalid')).to.equal(null);
    await screenshot(page, 'mappings-validation');

    await status.getByRole('button', { name: 'Remove the rule for to do', exact: true }).click();
    await page.getByRole('button', { name: 'Save mappings' }).click();
    await page.getByText('Mappings saved.').waitFor();
    const saved = await harness.api.http.call('GET', `/api/integrations/${connectionId}/mappings`, { token: harness.token });
    expect(saved.json.data.status['To Do']).to.equal('backlog');
    await page.close();
  });

  it('applies an edited mapping to the stored tasks at once, saying how many changed, and to the tasks a new sync brings', async () => {
    const inProgress = harness.api.jira.simulator.store.sorted().filter((issue) => issue.statusId === '3').length;
    expect(inProgress).to.be.greaterThan(0);
    expect(await countTasks(harness, 'status=cancelled')).to.equal(0);
    const page = await openMappings();
    const status = page.getByRole('group', { name: 'Status' });
    const rules = await status.getByRole('listitem').count();
    await status.getByRole('button', { name: 'Add a status rule' }).click();
    await status.getByLabel(`Tracker status ${rules}`, { exact: true }).fill('In Progress');
    await status.getByLabel(`Tracker status ${rules} maps to`).selectOption('cancelled');
    await page.getByRole('button', { name: 'Save mappings' }).click();
    await page.getByText(`Mappings saved. ${inProgress} of 40 stored tasks changed.`).waitFor();
    expect(await countTasks(harness, 'status=cancelled')).to.equal(inProgress);

    // The tracker changes every issue; the next sync maps them with the new rule.
    harness.api.jira.simulator.store.touchAll();
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.getByText(/Sync succeeded \(incremental\): 40 processed in 1 page\./).waitFor();

    await page.goto(`${harness.consoleUrl}/tasks?status=cancelled#token=${harness.token}`);
    await page.getByRole('table', { name: 'Tasks' }).waitFor();
    expect(await page.locator('tbody tr').count()).to.equal(inProgress);
    await page.locator('tbody tr').first().getByRole('link').click();
    await page.getByText('(In Progress in the tracker)').waitFor();
    await page.close();
  });

  it("edits the connection's project scope in its settings, apart from the project mappings", async () => {
    const page = await harness.browser.context.newPage();
    await page.goto(`${harness.consoleUrl}/connections/${connectionId}/settings#token=${harness.token}`);
    const scope = page.locator('#settings-projectScope');
    await scope.waitFor();
    expect(await scope.inputValue()).to.equal('');
    await scope.fill('OPS\nWEB');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.').waitFor();
    const read = async () => (await harness.api.http.call('GET', `/api/integrations/${connectionId}`, { token: harness.token })).json.data;
    expect((await read()).projectScope).to.deep.equal(['OPS', 'WEB']);
    await scope.fill('');
    const cleared = page.waitForResponse((response) => response.request().method() === 'PATCH');
    await page.getByRole('button', { name: 'Save changes' }).click();
    expect(JSON.parse((await cleared).request().postData() ?? '{}')).to.deep.equal({ projectScope: null });
    expect((await read()).projectScope).to.deep.equal([]);
    await page.close();
  });
});
