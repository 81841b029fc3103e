import type { Page } from 'playwright-core';

/**
 * The id of the focused element once the one with `id` took the focus: a form moves it to its first
 * invalid field in an effect (`useFocusFirstInvalid`), which runs after the error is painted, so on a
 * busy machine the error can be seen before the field holds the focus. Waits a few seconds at most,
 * then tells what holds the focus, for the caller's assertion.
 */
export const focusedIdAfter = async (page: Page, id: string): Promise<string> => {
  await page.waitForFunction(`document.activeElement?.id === ${JSON.stringify(id)}`, undefined, { timeout: 5000 }).catch(() => undefined);
  return page.evaluate<string>('document.activeElement.id');
};
