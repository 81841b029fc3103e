import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { PageWatch } from './console-harness.js';

/** The page's markup and every input's current value: where a secret shown back would be. */
const pageText = (page: Page): Promise<string> =>
  page.evaluate<string>(`document.documentElement.outerHTML + [...document.querySelectorAll('input, textarea')].map((e) => e.value).join('\\n')`);

/** No secret in the page (markup or inputs) nor in any response the page received. */
export const expectNoSecretShown = async (page: Page, watch: PageWatch, secrets: ReadonlyArray<string>): Promise<void> => {
  const dom = await pageText(page);
  const bodies = await watch.bodies();
  expect(bodies.length, 'responses were recorded').to.be.greaterThan(0);
  for (const secret of secrets) {
    expect(dom, 'the page shows a secret').not.to.contain(secret);
    expect(bodies.filter((body) => body.includes(secret)), 'a response carries a secret').to.deep.equal([]);
  }
};
