import { expect } from 'chai';
import { loadOpenApiDocument } from '../../adapters/http/docs/openapi-document.js';
import { openApiDocumentPath } from '../../apps/api/openapi-location.js';
import { launchBrowser, type TestBrowser } from '../console/support/browser.js';
import { watchPage } from '../console/support/console-harness.js';
import { startTestApi, type TestApi } from '../http/support/test-api.js';
import { ORG_A, tokenFor } from '../http/support/tokens.js';

describe('the API documentation page, in Debian Chromium', function () {
  this.timeout(60_000);
  let api: TestApi;
  let browser: TestBrowser;
  /** Every request the pages tried to send to another origin; none was sent. */
  const elsewhere: string[] = [];

  before(async () => {
    api = await startTestApi({ issues: 1, apiDocs: loadOpenApiDocument(openApiDocumentPath()) });
    browser = await launchBrowser();
    const origin = new URL(api.url).origin;
    await browser.context.route('**/*', (route) => {
      if (new URL(route.request().url()).origin === origin) return route.continue();
      elsewhere.push(route.request().url());
      return route.abort();
    });
  });
  afterEach(() => expect(elsewhere, 'requests bound for another origin').to.deep.equal([]));
  after(async () => {
    await browser?.close();
    await api?.close();
  });

  const operation = (page: Awaited<ReturnType<TestBrowser['context']['newPage']>>, method: string, path: string) =>
    page.locator(`.opblock-${method}`).filter({ has: page.locator(`[data-path="${path}"]`) });

  it('lists the operations of /api/openapi.json, read from this origin', async () => {
    const page = await browser.context.newPage();
    const watch = watchPage(page);
    const contract = page.waitForResponse(`${api.url}/api/openapi.json`);
    await page.goto(`${api.url}/docs`);
    expect((await contract).status()).to.equal(200);
    const listTasks = operation(page, 'get', '/api/external-tasks');
    await listTasks.waitFor();
    expect(await listTasks.locator('.opblock-summary-description').innerText()).to.equal('Unified tasks, newest external change first');
    await listTasks.locator('.opblock-summary-control').click();
    await listTasks.getByText('updatedSince', { exact: false }).first().waitFor();
    expect(watch.problems, 'failed requests, errors and Content-Security-Policy violations').to.deep.equal([]);
    await page.close();
  });

  it('tries an operation out against this same API with the token given to Authorize', async () => {
    const token = tokenFor(ORG_A);
    const page = await browser.context.newPage();
    const watch = watchPage(page);
    await page.goto(`${api.url}/docs`);
    await page.getByRole('button', { name: 'Authorize' }).first().click();
    await page.locator('.modal-ux input').fill(token);
    await page.locator('.modal-ux').getByRole('button', { name: 'Apply credentials' }).click();
    await page.locator('.modal-ux').getByRole('button', { name: 'Close', exact: true }).click();

    const providers = operation(page, 'get', '/api/providers');
    await providers.locator('.opblock-summary-control').click();
    await providers.getByRole('button', { name: 'Try it out' }).click();
    const answered = page.waitForResponse(`${api.url}/api/providers`);
    await providers.getByRole('button', { name: 'Execute' }).click();
    const response = await answered;
    expect(response.status()).to.equal(200);
    expect(await response.request().headerValue('authorization')).to.equal(`Bearer ${token}`);
    await providers.locator('.live-responses-table .response-col_status').filter({ hasText: '200' }).first().waitFor();
    expect(watch.problems, 'failed requests, errors and Content-Security-Policy violations').to.deep.equal([]);
    await page.close();
  });
});
