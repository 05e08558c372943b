/**
 * Issue 11 in the cockpit: pasted tables are fitted by the formula search (Web Workers, a time budget), the result
 * card gives a verdict judged by the data's precision, the Pareto front is a table of readable formulas, Stop keeps
 * the best so far, and a shared link of a finished search opens on its result. Tables are made here by code.
 * Tests wait for states (texts in the page), never for time; budgets are small (5–8 s).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { longTasksSince, observeLongTasks, pageNow, waitInPage } from '../scripts/pageSteps.ts';
import { openFreshCockpit, pasteTable } from './fitting/page.ts';
import { MAIN_THREAD_GUARD_MS } from './mainThread.ts';

async function openCockpit(page: Page): Promise<void> {
  await observeLongTasks(page);
  await openFreshCockpit(page);
}

const paste = pasteTable;

async function budget(page: Page, seconds: number): Promise<void> {
  await expect(page.getByRole('combobox', { name: /^Protocol/ })).toHaveValue('search');
  await page.getByRole('spinbutton', { name: /^Time budget/ }).fill(String(seconds));
}

/** y = x − ln x at 6 significant digits, x in 0.5…4. */
function xMinusLnX(): string {
  const rows = Array.from({ length: 40 }, (_, i) => {
    const x = 0.5 + (3.5 * i) / 39;
    return `${x.toPrecision(6)},${(x - Math.log(x)).toPrecision(6)}`;
  });
  return ['x,y', ...rows].join('\n');
}

/** Standard-atmosphere-like pressure: p₀·e^(−h/H) with p₀ = 101325 Pa, H = 8434 m, 0.5 % seeded noise, 4 digits. */
function atmosphere(): string {
  let s = 12345;
  const uniform = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const gauss = () => Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform());
  const rows = Array.from({ length: 40 }, (_, i) => {
    const h = i * 400;
    const p = 101325 * Math.exp(-h / 8434) * (1 + 0.005 * gauss());
    return `${h},${p.toPrecision(4)}`;
  });
  return ['altitude,pressure', ...rows].join('\n');
}

test.describe('formula search in the cockpit', () => {
  test('a K ≤ 9 law at 6 digits is found exactly, with the page responsive meanwhile; its shared link opens on the result', async ({
    page,
    browser,
  }) => {
    test.setTimeout(150_000);
    await openCockpit(page);
    await paste(page, xMinusLnX());
    await expect(page.getByText('40 points (32 training, 8 validation)')).toBeVisible();
    await budget(page, 8);
    await page.getByRole('button', { name: 'Play', exact: true }).focus();
    await page.waitForFunction(() => true);
    const p0 = await pageNow(page);
    const t0 = Date.now();
    await page.keyboard.press('Enter');
    await waitInPage(page, '[data-testid=search-status]', 'running', 20_000);
    await waitInPage(page, '[data-testid=verdict]', 'Exact recovery', 90_000);
    const ms = Date.now() - t0;
    const tasks = await longTasksSince(page, p0);
    const worst = tasks.reduce((a, t) => Math.max(a, t.duration), 0);
    console.log(
      `x − ln x: exact verdict after ${(ms / 1000).toFixed(2)} s; long tasks: ${tasks.map((t) => `${t.duration.toFixed(0)} ms at +${(t.start - p0).toFixed(0)} ms`).join(', ') || 'none'}`,
    );
    await expect(page.getByTestId('formula-text')).toHaveText('x - ln(x)');
    // The chosen row's tree is drawn: the shortest pure EML tree eml(ln x, x), K 9, one glyph per node.
    await expect(page.getByTestId('search-tree-figure').getByRole('treeitem')).toHaveCount(9);
    await expect(page.getByTestId('evidence')).toContainText('Fresh-point check passed');
    await expect(page.getByTestId('precision')).toContainText('about 6 significant digits');
    const rows = page.getByTestId('pareto-row');
    expect(await rows.count()).toBeGreaterThanOrEqual(1);
    await expect(page.locator('[data-testid=pareto-row][aria-selected=true]')).toContainText('chosen');
    await expect(page.getByTestId('search-plot')).toBeVisible();
    expect(worst).toBeLessThanOrEqual(MAIN_THREAD_GUARD_MS);

    // Share: the link carries the finished result; a fresh page opens on it without pressing Play.
    await page.getByRole('button', { name: 'Share this run (link)' }).click();
    const link = await page.getByRole('textbox', { name: /Share link/ }).inputValue();
    const other = await browser.newPage();
    await other.goto(link);
    await expect(other.getByTestId('verdict')).toContainText('Exact recovery', { timeout: 30_000 });
    await expect(other.getByTestId('formula-text')).toHaveText('x - ln(x)');
    await expect(other.getByTestId('search-plot')).toBeVisible({ timeout: 30_000 });
    await expect(other.getByTestId('search-notice')).toHaveCount(0);
    await other.close();
  });
});

test('stating the significant digits re-judges the formulas found, without searching again', async ({ page }) => {
  test.setTimeout(150_000);
  await openCockpit(page);
  await paste(page, xMinusLnX());
  await expect(page.getByText('40 points (32 training, 8 validation)')).toBeVisible();
  await budget(page, 8);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await waitInPage(page, '[data-testid=verdict]', 'Exact recovery', 90_000);
  const evaluated = await page.getByTestId('search-evaluated').textContent();
  // The 6-digit values claimed to carry 12 digits: their rounding is no longer within precision.
  const digits = page.getByRole('textbox', { name: 'Significant digits of the output' });
  await digits.fill('12');
  await page.getByRole('button', { name: 'Judge again' }).click();
  await expect(page.getByTestId('precision')).toContainText('stated: the output values carry 12 significant digits');
  await expect(page.getByTestId('verdict')).not.toContainText('Exact recovery');
  // Back to the digits as written: exact again, from the same candidates (no new search ran).
  await digits.fill('');
  await page.getByRole('button', { name: 'Judge again' }).click();
  await expect(page.getByTestId('precision')).toContainText('about 6 significant digits');
  await expect(page.getByTestId('verdict')).toContainText('Exact recovery');
  await expect(page.getByTestId('formula-text')).toHaveText('x - ln(x)');
  await expect(page.getByTestId('search-status')).toHaveText('done');
  await expect(page.getByTestId('search-evaluated')).toHaveText(evaluated ?? '');
  // A bad value is refused with a message saying what to give.
  await digits.fill('40');
  await page.getByRole('button', { name: 'Judge again' }).click();
  await expect(page.getByTestId('precision').getByRole('alert')).toContainText('a whole number from 1 to 17');
});

test('a noisy real-like table is an approximation or a noisy law, with R² shown and readable Pareto rows', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openCockpit(page);
  await paste(page, atmosphere());
  await budget(page, 6);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByTestId('verdict')).toHaveText(/Approximation|Exact law, noisy data/, { timeout: 90_000 });
  const r2 = Number(await page.getByTestId('validation-r2').textContent());
  console.log(
    `atmosphere: ${await page.getByTestId('verdict').textContent()} — ${await page.getByTestId('formula-text').textContent()}, validation R² ${r2}`,
  );
  expect(r2).toBeGreaterThan(0.99);
  const rows = page.getByTestId('pareto-row');
  const n = await rows.count();
  expect(n).toBeGreaterThanOrEqual(2);
  for (let i = 0; i < n; i++) {
    const label = await rows.nth(i).locator('span[role=math]').getAttribute('aria-label');
    expect(label).toBeTruthy();
    expect(label).not.toContain('eml(');
  }
  // Keyboard: the selected row moves with ↓ and the result card follows.
  const before = await page.getByTestId('formula-text').textContent();
  const sel = page.locator('[data-testid=pareto-row][aria-selected=true]');
  await sel.focus();
  const idx = await rows.evaluateAll((trs) => trs.findIndex((t) => t.getAttribute('aria-selected') === 'true'));
  await page.keyboard.press(idx === n - 1 ? 'ArrowUp' : 'ArrowDown');
  await expect(page.getByTestId('formula-text')).not.toHaveText(before ?? '');
  await expect(page.getByTestId('verdict')).toContainText('a row of the Pareto front');
  // The search's card, table, plot and settings have no serious accessibility violations.
  const r = await new AxeBuilder({ page }).include('main').analyze();
  const serious = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of serious) console.log(`${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
  expect(serious).toEqual([]);
});

test('Stop mid-search keeps the best formulas found so far', async ({ page }) => {
  test.setTimeout(120_000);
  await openCockpit(page);
  await paste(page, atmosphere());
  await budget(page, 120);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByTestId('search-best')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.getByTestId('verdict')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('search-status')).toHaveText('done');
  await expect(page.getByText(/stopped: stopped/)).toBeVisible();
  expect(await page.getByTestId('pareto-row').count()).toBeGreaterThanOrEqual(1);
  // The finished result is autosaved and, after a reload, shown again (re-measured on the data).
  const formula = await page.getByTestId('formula-text').textContent();
  await page.waitForFunction(
    () =>
      (JSON.parse(localStorage.getItem('eml-playground/fit/v1') ?? '{}') as { search?: unknown }).search !== undefined,
  );
  await page.waitForFunction(() => sessionStorage.getItem('eml-playground/booting/v1') === null, undefined, {
    polling: 100,
  });
  await page.reload();
  await expect(page.getByTestId('formula-text')).toHaveText(formula ?? '');
  await expect(page.getByTestId('search-plot')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('reproduce-note')).toBeVisible();
});

test('the gradient trainer stays available under Protocol, with the paper parametrisation explained', async ({
  page,
}) => {
  await openCockpit(page);
  await paste(page, xMinusLnX());
  await page.getByRole('combobox', { name: /^Protocol/ }).selectOption('paper');
  await expect(page.getByText(/The paper’s parametrisation: a full binary tree of eml nodes/)).toBeVisible();
  await expect(page.getByRole('combobox', { name: /^Depth/ })).toBeVisible();
  await page.getByRole('button', { name: 'What is “τ”?' }).click();
  await expect(page.getByText(/softmax temperature/)).toBeVisible();
});
