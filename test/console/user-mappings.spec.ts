import { expect } from 'chai';
import { startConsoleHarness, screenshot, type ConsoleHarness } from './support/console-harness.js';

const RESOURCE = '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b';

describe('console: user mappings', function () {
  this.timeout(60_000);
  let harness: ConsoleHarness;

  before(async () => {
    harness = await startConsoleHarness();
  });
  after(async () => harness?.close());

  it('adds a mapping, showing a refused field at the field, and deletes one after a confirmation', async () => {
    const page = await harness.browser.context.newPage();
    await page.goto(`${harness.consoleUrl}/user-mappings#token=${harness.token}`);
    await page.getByText('No user is mapped yet.').waitFor();
    await page.getByLabel('External e-mail').fill('Ada@Example.com');
    await page.getByLabel('Internal resource id (UUID)').fill('not-a-uuid');
    await page.getByRole('button', { name: 'Add the mapping' }).click();
    const resource = page.getByLabel('Internal resource id (UUID)');
    await page.locator('#um-resource-error').waitFor();
    expect(await page.locator('#um-resource-error').innerText()).to.equal('must be a UUID');
    expect(await resource.getAttribute('aria-invalid')).to.equal('true');
    expect(await page.locator('#um-email-error').count()).to.equal(0);

    await resource.fill(RESOURCE);
    await page.getByRole('button', { name: 'Add the mapping' }).click();
    const row = page.getByRole('row', { name: /ada@example\.com/ });
    await row.waitFor();
    expect(await row.innerText()).to.contain(RESOURCE);
    expect(await page.getByLabel('External e-mail').inputValue()).to.equal('');
    await screenshot(page, 'user-mappings');

    await row.getByRole('button', { name: 'Delete the mapping of ada@example.com' }).click();
    await page.getByRole('dialog', { name: 'Delete this user mapping?' }).getByRole('button', { name: 'Delete the mapping' }).click();
    await page.getByText('No user is mapped yet.').waitFor();
    const left = await harness.api.http.call('GET', '/api/external-user-mappings', { token: harness.token });
    expect(left.json.data).to.deep.equal([]);
    await page.close();
  });
});
