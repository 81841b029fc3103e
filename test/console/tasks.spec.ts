import { expect } from 'chai';
import { startConsoleHarness, screenshot, watchPage, type ConsoleHarness } from './support/console-harness.js';
import { countTasks, syncedConnection } from './support/synced.js';

const LONG_TITLE = `A title that goes on ${'and-on-without-a-single-space-'.repeat(12)}end`;

describe('console: tasks', function () {
  this.timeout(90_000);
  let harness: ConsoleHarness;

  before(async () => {
    harness = await startConsoleHarness({ issues: 120, latencyMs: 0 });
    const store = harness.api.jira.simulator.store;
    store.update(store.sorted()[store.size() - 1]!, { summary: LONG_TITLE });
    await syncedConnection(harness);
  });
  after(async () => harness?.close());

  const openTasks = async (query = '', width = 1280) => {
    const page = await harness.browser.context.newPage();
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${harness.consoleUrl}/tasks${query}#token=${harness.token}`);
    await page.getByRole('heading', { level: 1, name: 'Tasks' }).waitFor();
    await page.getByRole('table', { name: 'Tasks' }).or(page.getByText('No task matches.')).waitFor();
    return page;
  };
  const rows = (page: Awaited<ReturnType<typeof openTasks>>) => page.getByRole('table', { name: 'Tasks' }).locator('tbody tr');
  /** Applies the filters and waits for the page of tasks they asked for. */
  const applyFilters = async (page: Awaited<ReturnType<typeof openTasks>>, expectedQuery: RegExp) => {
    const answered = page.waitForResponse((response) => response.url().includes('/api/external-tasks?') && expectedQuery.test(response.url()));
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await answered;
    await page.getByRole('table', { name: 'Tasks' }).or(page.getByText('No task matches.')).waitFor();
  };

  it('lists the tasks a page at a time, each with its source badge', async () => {
    const page = await openTasks();
    const watch = watchPage(page);
    expect(await rows(page).count()).to.equal(50);
    expect(await page.locator('tbody .badge.source').allInnerTexts()).to.deep.equal(Array(50).fill('Jira'));
    await screenshot(page, 'tasks');
    await page.getByRole('button', { name: 'Next →' }).click();
    await page.getByText('Page 2').waitFor();
    await page.getByRole('button', { name: 'Next →' }).click();
    await page.getByText('Page 3').waitFor();
    await page.getByRole('table', { name: 'Tasks' }).waitFor();
    expect(await rows(page).count()).to.equal(20);
    expect(await page.getByRole('button', { name: 'Next →' }).isDisabled()).to.equal(true);
    await page.getByRole('button', { name: '← Previous' }).click();
    await page.getByText('Page 2').waitFor();
    expect(watch.problems).to.deep.equal([]);
    await page.close();
  });

  it('filters by source, status, project, assignee and update time, and keeps the filters in the address', async () => {
    const page = await openTasks();
    await page.getByLabel('Status').selectOption('done');
    await page.getByLabel('Source').selectOption('jira');
    await applyFilters(page, /status=done/);
    expect(page.url()).to.contain('status=done');
    expect(page.url()).to.contain('source=jira');
    const done = await countTasks(harness, 'status=done');
    expect(done).to.be.greaterThan(0).and.lessThan(50);
    expect(await rows(page).count()).to.equal(done);
    expect(new Set(await page.locator('tbody .badge.status').allInnerTexts())).to.deep.equal(new Set(['done']));

    const first = (await harness.api.http.call('GET', '/api/external-tasks?limit=1&status=done', { token: harness.token })).json.data[0];
    await page.getByLabel('Project / board').fill(first.projectKey);
    await page.getByLabel('Assignee e-mail').fill(first.assigneeEmail ?? '');
    await applyFilters(page, /projectKey=/);
    const narrowed = await countTasks(harness, `status=done&projectKey=${first.projectKey}${first.assigneeEmail === null ? '' : `&assignee=${encodeURIComponent(first.assigneeEmail)}`}`);
    expect(await rows(page).count()).to.equal(narrowed);

    await page.getByLabel('Updated since').fill('2099-01-01');
    await applyFilters(page, /updatedSince=2099-01-01/);
    await page.getByText('No task matches.').waitFor();

    // The address carries the filters: opening it again shows the same page.
    const again = await openTasks(new URL(page.url()).search);
    expect(await again.getByLabel('Updated since').inputValue()).to.equal('2099-01-01');
    await again.getByText('No task matches.').waitFor();
    const cleared = page.waitForResponse((response) => /\/api\/external-tasks\?limit=50$/.test(response.url()));
    await page.getByRole('button', { name: 'Clear' }).click();
    await cleared;
    await page.getByRole('table', { name: 'Tasks' }).waitFor();
    expect(await rows(page).count()).to.equal(50);
    await page.close();
    await again.close();
  });

  it('opens a task with its link to the tracker', async () => {
    const page = await openTasks();
    const firstLink = rows(page).first().getByRole('link');
    const key = await firstLink.innerText();
    await firstLink.click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${key}: `) }).waitFor();
    const task = (await harness.api.http.call('GET', `/api/external-tasks?limit=1`, { token: harness.token })).json.data[0];
    const link = page.getByRole('link', { name: `Open ${key} in Jira ↗` });
    expect(await link.getAttribute('href')).to.equal(task.url);
    expect(await link.getAttribute('rel')).to.equal('noopener noreferrer');
    await screenshot(page, 'task');
    await page.close();
  });

  for (const width of [1280, 390]) {
    it(`keeps a long title inside the page at ${width} px`, async () => {
      const page = await openTasks('', width);
      await page.getByText(LONG_TITLE).waitFor();
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      expect(overflow).to.equal(0);
      // On a phone the filters start folded, so the first tasks are on the first screen.
      expect(await page.locator('details.filters-box').evaluate((d) => (d as unknown as { open: boolean }).open)).to.equal(width === 1280);
      expect((await rows(page).first().boundingBox())!.y).to.be.lessThan(900);
      if (width === 390) await screenshot(page, 'tasks-390px');
      await page.close();
    });
  }
});
