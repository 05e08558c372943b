/**
 * Steps in the page that the e2e tests and perf:tasks both take: the page's long tasks recorded from its first
 * script on and read from a moment on, a wait for a text polled by the page itself, and one of the paper's targets
 * generated in the fitting cockpit by role and label, as a user would.
 */
import type { Page } from '@playwright/test';

export interface LongTask {
  /** ms since the page's time origin (performance.now()). */
  start: number;
  duration: number;
}

declare global {
  interface Window {
    __mainThreadTasks: LongTask[];
  }
}

/** Records every main-thread task over 50 ms (Chromium's long tasks) of the page's documents from now on. */
export async function observeLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__mainThreadTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__mainThreadTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: false });
  });
}

/** The page's clock, to mark where a measured window opens. */
export const pageNow = (page: Page): Promise<number> => page.evaluate(() => performance.now());

/** The long tasks that started at or after `since` (the page's clock). */
export const longTasksSince = (page: Page, since: number): Promise<LongTask[]> =>
  page.evaluate((t0) => window.__mainThreadTasks.filter((t) => t.start >= t0), since);

/**
 * Waits until the element's text contains `text`, polled by a one-line predicate in the page 4 times a second:
 * Playwright's own expect polling runs its snapshot code on the page's main thread, which a long-task window
 * would count against the app.
 */
export async function waitInPage(page: Page, selector: string, text: string, timeout: number): Promise<void> {
  await page.waitForFunction(
    ([sel, want]) => document.querySelector(sel)?.textContent?.includes(want) ?? false,
    [selector, text] as const,
    { polling: 250, timeout },
  );
}

/** Generates one of the paper's targets over its grid and sets depth and protocol (and restarts, if given). */
export async function paperTarget(
  page: Page,
  target: string,
  depth: number,
  protocol: 'paper' | 'improved',
  restarts?: number,
): Promise<void> {
  await page.getByText('Generate data from a formula').click();
  await page.getByRole('combobox', { name: /^Paper target/ }).selectOption(target);
  await page.getByRole('button', { name: 'Generate data' }).click();
  await page.getByRole('combobox', { name: /^Depth/ }).selectOption(String(depth));
  await page.getByRole('combobox', { name: /^Protocol/ }).selectOption(protocol);
  if (restarts !== undefined) await page.getByRole('spinbutton', { name: /^Restarts/ }).fill(String(restarts));
}

/**
 * A paper-protocol run long enough to outlast a 6 s responsiveness window on a fast machine: 32 depth-5 restarts
 * (12 000 lockstep steps, 31 s on the machine where 16 depth-4 restarts ended inside the window).
 */
export const longPaperRun = (page: Page): Promise<void> => paperTarget(page, 'eml_depth5', 5, 'paper', 32);
