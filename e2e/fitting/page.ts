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
