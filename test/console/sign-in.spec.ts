import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { startConsoleHarness, screenshot, signIn, watchPage, type ConsoleHarness } from './support/console-harness.js';

/**
 * The focused element once the new page's heading took the focus: a page moves it in an effect, which
 * runs after the heading is painted, so on a busy machine the heading can be seen before it holds it.
 * Waits a few seconds at most, then tells what holds the focus.
 */
const focusedHeading = async (page: Page): Promise<string> => {
  await page.waitForFunction('document.activeElement?.tagName === "H1"', undefined, { timeout: 5000 }).catch(() => undefined);
  return page.evaluate<string>('document.activeElement.tagName + " " + document.activeElement.textContent');
};

describe('console: signing in', function () {
  this.timeout(60_000);
  let harness: ConsoleHarness;

  before(async () => {
    harness = await startConsoleHarness();
  });
  after(async () => harness?.close());

  it('signs in to the demo organization with the development button, with no CSP violation', async () => {
    const page = await harness.browser.context.newPage();
    const watch = watchPage(page);
    await page.goto(`${harness.consoleUrl}/`);
    await screenshot(page, 'sign-in');
    await signIn(page, harness.consoleUrl);
    await page.getByText('No tracker is connected yet').waitFor();
    expect(await page.locator('.who').innerText()).to.contain('7d3f5c1e-2b4a-4c8d-9e6f-0a1b2c3d4e5f');
    expect(watch.problems).to.deep.equal([]);
    await page.close();
  });

  it('takes a token from the #token= fragment, removes it from the address and keeps it out of storage', async () => {
    const page = await harness.browser.context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${harness.consoleUrl}/connections#token=${harness.token}`);
    await page.getByRole('heading', { level: 1, name: 'Connections' }).waitFor();
    expect(page.url()).to.equal(`${harness.consoleUrl}/connections`);
    const stored = await page.evaluate<string>('JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie })');
    expect(stored).not.to.contain(harness.token);
    expect(requests.filter((url) => url.includes(harness.token))).to.deep.equal([]);
    await page.close();
  });

  it('keeps working across in-page navigation, and a reload forgets the token', async () => {
    const page = await harness.browser.context.newPage();
    await signIn(page, harness.consoleUrl);
    await page.getByRole('link', { name: 'Tasks' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tasks' }).waitFor();
    expect(page.url()).to.equal(`${harness.consoleUrl}/tasks`);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Sign in to the taskport console' }).waitFor();
    await page.close();
  });

  it('can be used from the keyboard: a skip link first, and the focus on each new page\'s heading', async () => {
    const page = await harness.browser.context.newPage();
    await signIn(page, harness.consoleUrl);
    expect(await focusedHeading(page)).to.equal('H1 Connections');
    const firstFocusable = `document.querySelector('a[href], button, input, select, textarea, [tabindex="0"]')`;
    expect(await page.evaluate<string>(`${firstFocusable}.textContent + ' -> ' + ${firstFocusable}.getAttribute('href')`)).to.equal('Skip to content -> #main');
    expect(await page.locator('main#main').count()).to.equal(1);
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate<string>('document.activeElement.textContent')).to.equal('Sign out');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate<string>('document.activeElement.textContent')).to.equal('Audit log');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate<string>('document.activeElement.textContent')).to.equal('Tasks');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Tasks' }).waitFor();
    expect(await focusedHeading(page)).to.equal('H1 Tasks');
    await page.close();
  });

  it('ends the session when the API refuses the token', async () => {
    const page = await harness.browser.context.newPage();
    await page.goto(`${harness.consoleUrl}/connections#token=not-a-valid-token`);
    await page.getByText('Your session has ended or the token was refused').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).to.equal('Sign in to the taskport console');
    await page.close();
  });
});

describe('console: signing in without development sign-in', function () {
  this.timeout(60_000);
  let harness: ConsoleHarness;

  before(async () => {
    harness = await startConsoleHarness({ devSignIn: false });
  });
  after(async () => harness?.close());

  it('offers no development button, only a token', async () => {
    const page = await harness.browser.context.newPage();
    await page.goto(`${harness.consoleUrl}/`);
    await page.getByLabel('Bearer token (JWT)').waitFor();
    expect(await page.getByRole('button', { name: 'Sign in to the demo organization' }).count()).to.equal(0);
    await page.getByLabel('Bearer token (JWT)').fill(harness.token);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Connections' }).waitFor();
    await page.close();
  });
});
