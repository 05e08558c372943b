/**
 * The fitting cockpit end to end (issue 6 acceptance): pasted ln x data is recovered exactly, the paper's
 * eml_depth3 target is recovered at depth 3 in improved mode, a bad paste gets precise messages and keeps the
 * text, the main thread stays free while training runs (a guard; the 50 ms target is measured by perf:tasks), and
 * axe finds no serious violations.
 * The long-task windows run no Playwright polling on the page (see worstLongTaskDuring).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import {
  longPaperRun,
  longTasksSince,
  observeLongTasks,
  pageNow,
  paperTarget,
  waitInPage,
} from '../scripts/pageSteps.ts';
import { MAIN_THREAD_GUARD_MS } from './mainThread.ts';

declare global {
  interface Window {
    __chartDraws: number;
  }
}

async function openCockpit(page: Page) {
  await observeLongTasks(page);
  await page.addInitScript(() => {
    window.__chartDraws = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'eml:loss-chart-draw') window.__chartDraws++;
    }).observe({ type: 'mark', buffered: false });
  });
  await page.goto('/#fit');
  await page.evaluate(() => localStorage.clear());
  // A reload before the boot settled counts as a failed boot (src/store/boot.ts): wait for it, as a user would.
  await page.waitForFunction(() => sessionStorage.getItem('eml-playground/booting/v1') === null, undefined, {
    polling: 100,
  });
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Training' })).toBeVisible();
}

/**
 * Long tasks from now until `done` resolves; returns the worst duration (0 = none over 50 ms). Inside `done`, wait
 * with `waitInPage`, not with expect(): Playwright's expect polling runs its accessibility-snapshot code on the
 * page's main thread (50–200 ms tasks on this machine), which the observer would blame on the app.
 */
async function worstLongTaskDuring(page: Page, done: () => Promise<void>): Promise<number> {
  await page.waitForFunction(() => true); // creates Playwright's in-page helper now, outside the window
  const t0 = await pageNow(page);
  await done();
  const tasks = await longTasksSince(page, t0);
  if (tasks.length === 0) return 0;
  const worst = tasks.reduce((a, b) => (b.duration > a.duration ? b : a));
  console.log(
    `  long tasks: ${tasks.map((t) => `${t.duration.toFixed(0)} ms at +${(t.start - t0).toFixed(0)} ms`).join(', ')}`,
  );
  return worst.duration;
}

/** Presses a button by keyboard (focused beforehand), so no actionability checks run inside the measured window. */
async function focusButton(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name }).focus();
}

const dataBox = (page: Page) => page.getByLabel(/Data table/);

/** Presses Play and waits for a certified exact recovery; returns its time and the worst long task meanwhile. */
async function playUntilExact(page: Page, timeout: number): Promise<{ ms: number; worst: number }> {
  await focusButton(page, 'Play');
  const t0 = Date.now();
  let ms = 0;
  const worst = await worstLongTaskDuring(page, async () => {
    await page.keyboard.press('Enter');
    await waitInPage(page, '[data-testid=certificate]', 'Exact recovery', timeout);
    ms = Date.now() - t0;
  });
  return { ms, worst };
}

test.describe('the page while training runs', () => {
  test('pasted x, ln(x) data is recovered exactly as ln(x) within 60 s, the page free meanwhile', async ({ page }) => {
    test.setTimeout(120_000);
    await openCockpit(page);
    const rows = Array.from({ length: 50 }, (_, i) => {
      const x = 0.5 + (3.5 * i) / 49;
      return `${x},${Math.log(x)}`;
    });
    await dataBox(page).fill(['x,lnx', ...rows].join('\n'));
    await expect(page.getByText('50 points (40 training, 10 validation)')).toBeVisible();
    const { ms, worst } = await playUntilExact(page, 60_000);
    await expect(page.getByTestId('formula-text')).toHaveText('ln(x)');
    console.log(
      `ln(x): exact recovery shown after ${(ms / 1000).toFixed(2)} s; worst main-thread long task during training: ${worst.toFixed(0)} ms`,
    );
    expect(ms).toBeLessThan(60_000);
    expect(worst).toBeLessThanOrEqual(MAIN_THREAD_GUARD_MS);
  });

  test('eml_depth3 generated over its grid is recovered exactly at depth 3 in improved mode within 120 s', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await openCockpit(page);
    await paperTarget(page, 'eml_depth3', 3, 'improved');
    await expect(page.getByText('441 points (353 training, 88 validation)')).toBeVisible();
    const { ms, worst } = await playUntilExact(page, 120_000);
    await expect(page.locator('.formula-eml code')).toHaveText('EML[EML[1,EML[y,x]],1]');
    // The built app's workers run the native engine's WebAssembly SIMD kernel (the page's CSP does not reach them).
    await expect(page.locator('dt:text-is("Engine") + dd')).toContainText('native (float64 simd)');
    console.log(
      `eml_depth3: exact recovery shown after ${(ms / 1000).toFixed(2)} s; worst main-thread long task during training: ${worst.toFixed(0)} ms`,
    );
    expect(ms).toBeLessThan(120_000);
    expect(worst).toBeLessThanOrEqual(MAIN_THREAD_GUARD_MS);
  });

  test('the page stays responsive through 6 s of a long paper-protocol run (32 restarts, depth 5), the loss chart live', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await openCockpit(page);
    await longPaperRun(page);
    await focusButton(page, 'Play');
    let draws = 0;
    const worst = await worstLongTaskDuring(page, async () => {
      await page.keyboard.press('Enter');
      await waitInPage(page, '[data-testid=run-status]', 'running', 10_000);
      await page.evaluate(() => (window.__chartDraws = 0));
      await page.waitForTimeout(6000);
      draws = await page.evaluate(() => window.__chartDraws);
    });
    const steps = Number(await page.locator('.progress-list dd').nth(3).textContent());
    // The window measured a run in progress only if it is still going now.
    await expect(page.getByTestId('run-status')).toHaveText('running');
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(page.getByTestId('certificate')).toBeVisible({ timeout: 30_000 });
    console.log(
      `long run: ${steps} lockstep steps in 6 s; loss chart ${(draws / 6).toFixed(1)} redraws/s; worst main-thread long task: ${worst.toFixed(0)} ms`,
    );
    expect(steps).toBeGreaterThan(0);
    // Drawn while the run goes on, not once at its end (the ≥ 20 redraws/s target is a figure of perf:tasks).
    expect(draws / 6).toBeGreaterThanOrEqual(5);
    expect(worst).toBeLessThanOrEqual(MAIN_THREAD_GUARD_MS);
  });
});

test('a bad paste gets precise messages and the pasted text stays', async ({ page }) => {
  await openCockpit(page);
  const bad = 'x,y\n1,2\n2,abc\n3,4,5\n4,8\n5,10\n6,12';
  await dataBox(page).fill(bad);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Line 3, column 2 (“y”): the cell “abc” is not a number.');
  await expect(alert).toContainText('Line 4: 3 cells, but the header has 2');
  await expect(dataBox(page)).toHaveValue(bad);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(dataBox(page)).toHaveValue(bad);
});

test('a table over 100 000 rows is offered a seeded subsample of a chosen size', async ({ page }) => {
  test.setTimeout(90_000);
  await openCockpit(page);
  const rows = Array.from({ length: 100_100 }, (_, i) => `${i},${2 * i}`);
  // As a paste lands: the whole text at once. (locator.fill goes through the editor's text insertion, which with
  // the accessibility tree on grows with the square of the line count, 14 s for 2 000 lines here; a test artefact.)
  await dataBox(page).evaluate(
    (el, text) => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(el, text);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    },
    ['x,f', ...rows].join('\n'),
  );
  // Read in a worker: the page says so until the preview appears.
  await expect(
    page.getByRole('status').filter({ hasText: /^Reading 1\.\d MB of data in the background/ }),
  ).toBeVisible();
  await expect(page.getByText('100,100 rows is over the 100,000 a fit can use')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('100000 points (80000 training, 20000 validation)')).toBeVisible();
  const size = page.getByRole('spinbutton', { name: /^Subsample size/ });
  await expect(size).toHaveValue('100000');
  await size.fill('5000');
  await expect(page.getByText('5000 points (4000 training, 1000 validation)')).toBeVisible({ timeout: 20_000 });
});

test('controls: step pauses, space toggles play/pause, reset returns to idle', async ({ page }) => {
  await openCockpit(page);
  await page.getByRole('button', { name: 'Step' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('paused');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Space');
  await expect(page.getByTestId('run-status')).toHaveText(/running|done/);
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('idle');
});

test('the final check follows the chosen semantics, and the cockpit has no serious axe violations', async ({
  page,
}) => {
  await openCockpit(page);
  await page.getByText('Generate data from a formula').click();
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByTestId('certificate')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('certificate')).toContainText('complex semantics');
  // The final check's semantics can change after the run: the certificate is recomputed in the new one.
  await page.getByRole('combobox', { name: /^Final check semantics/ }).selectOption('finite');
  await expect(page.getByTestId('certificate')).toContainText('finite semantics');
  // The live tree's root (depth 3: eml node 7) shows its value curve over the data when clicked.
  await page.getByRole('button', { name: 'eml node 7', exact: true }).click();
  await expect(page.getByRole('img', { name: /^Value of the selected node over the training inputs/ })).toBeVisible();
  const r = await new AxeBuilder({ page }).include('main').analyze();
  const serious = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of serious) console.log(`${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
  expect(serious).toEqual([]);
});
