/** Cockpit steps shared by the fitting specs: a fresh cockpit (no autosave left) and a table pasted at once. */
import { expect, type Page } from '@playwright/test';

/** Opens #fit with the autosave cleared, once the boot mark says the previous start finished. */
export async function openFreshCockpit(page: Page): Promise<void> {
  await page.goto('/#fit');
  await page.evaluate(() => localStorage.clear());
  await page.waitForFunction(() => sessionStorage.getItem('eml-playground/booting/v1') === null, undefined, {
    polling: 100,
  });
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Training' })).toBeVisible();
}

/** As a paste lands: the whole text at once. */
export async function pasteTable(page: Page, text: string): Promise<void> {
  await page.getByLabel(/Data table/).evaluate((el, t) => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(el, t);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}

/**
 * A guard on the page's main-thread tasks while a fit runs, not the target. The issues' target (no task over 50 ms)
 * is a figure of `npm run perf:cockpit` on the project's 2-core machine, where no task reaches it: the longest, about
 * 30 ms, are the key press on Play and the result's first layout, not the fit. A slower machine lengthens every task
 * (the CI machine ran this suite 1.4 times slower and saw tasks over 50 ms), so a test at 50 ms fails there for no
 * fault of the app. Fitting work moved onto the main thread (a search, a training step, an evaluation pass over the
 * table) takes hundreds of milliseconds to seconds there, far over this guard.
 */
export const MAIN_THREAD_GUARD_MS = 150;
