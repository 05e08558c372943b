import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const LN_X = 'EML[1,EML[EML[1,x],1]]';

async function show(page: Page, text: string) {
  const box = page.getByRole('textbox', { name: 'Expression' });
  await box.fill(text);
  await box.press('Enter');
}

const plot = (page: Page) => page.getByRole('region', { name: 'Plot' });
const exportGroup = (page: Page) => page.getByRole('group', { name: 'Export' });

/** Click an export button and return the downloaded file's name and bytes. */
async function download(page: Page, label: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    exportGroup(page).getByRole('button', { name: label, exact: true }).click(),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: await readFile(path) };
}

/** Parse SVG text with the browser's XML parser: the root element's name, or the parser's error. */
async function parseSvg(page: Page, text: string) {
  return page.evaluate((t) => {
    const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
    const error = doc.querySelector('parsererror');
    return {
      error: error ? error.textContent : null,
      root: doc.documentElement.localName,
      ns: doc.documentElement.namespaceURI,
      paths: doc.querySelectorAll('path').length,
      width: Number(doc.documentElement.getAttribute('width')),
    };
  }, text);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

test.beforeEach(async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  await show(page, LN_X);
});

test('the Plot region draws Re and Im of ln x, with sliders and range fields', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const region = plot(page);
  const svg = region.getByRole('img');
  await expect(svg).toBeVisible();
  await expect(region.locator('path[data-series="re"]')).toHaveAttribute('d', /^M[\d.]+,[\d.]+L/);
  await expect(region.locator('path[data-series="im"]')).toHaveCount(1);
  await expect(svg).toHaveAccessibleName(/real and imaginary parts/);
  await expect(region.getByLabel('x', { exact: true })).toHaveAttribute('type', 'range');
  // The range fields validate, and apply on Enter.
  const from = region.getByLabel('x from');
  await from.fill('9');
  await expect(from).toHaveAttribute('aria-invalid', 'true');
  await expect(region.getByText('x from must be less than x to')).toBeVisible();
  await from.fill('0.5');
  await from.press('Enter');
  await expect(region.locator('desc')).toHaveText(/x from 0\.5 to 4/);
  // Compute time of the redraw, as measured by the view itself.
  const ms = Number(await svg.getAttribute('data-compute-ms'));
  console.log(`plot compute for ln x: ${ms} ms`);
  expect(errors).toEqual([]);
});

test('a math input overlays the dashed reference, and a y slider appears when y is used', async ({ page }) => {
  await show(page, 'x*y');
  const region = plot(page);
  await expect(region.locator('path[data-series="ref-re"]')).toHaveCount(1);
  await expect(region.getByLabel('y', { exact: true })).toHaveAttribute('type', 'range');
});

test('paper-mode tan(x) (K 1183) plots with its reference and follows range edits', async ({ page }) => {
  const box = page.getByRole('textbox', { name: 'Expression' });
  await page.getByLabel('Compile mode').selectOption('paper');
  await box.fill('tan(x)');
  await box.press('Enter');
  await expect(plot(page).locator('path[data-series="ref-re"]')).toHaveCount(1);
  for (const to of ['1.5', '1.2']) {
    const field = plot(page).getByLabel('x to');
    await field.fill(to);
    await field.press('Enter');
    await expect(plot(page).locator('desc')).toHaveText(new RegExp(`to ${to.replace('.', '\\.')},`));
  }
});

test('every export produces a valid file', async ({ page }) => {
  test.setTimeout(90_000);
  // Images of the tree and of the plot.
  for (const [label, name] of [
    ['Export tree as SVG', 'eml-tree.svg'],
    ['Export plot as SVG', 'eml-plot.svg'],
  ] as const) {
    const file = await download(page, label);
    expect(file.name).toBe(name);
    const parsed = await parseSvg(page, file.bytes.toString('utf8'));
    expect(parsed.error).toBeNull();
    expect(parsed.root).toBe('svg');
    expect(parsed.ns).toBe('http://www.w3.org/2000/svg');
    expect(parsed.paths).toBeGreaterThan(0);
  }
  for (const [label, name] of [
    ['Export tree as PNG', 'eml-tree.png'],
    ['Export plot as PNG', 'eml-plot.png'],
  ] as const) {
    const file = await download(page, label);
    expect(file.name).toBe(name);
    expect(file.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(file.bytes.readUInt32BE(16)).toBeGreaterThan(100); // IHDR width, at 2× scale
  }

  // Text forms of the tree.
  expect((await download(page, 'Download EML text')).bytes.toString('utf8').trim()).toBe('eml(1, eml(eml(1, x), 1))');
  expect((await download(page, 'Download RPN')).bytes.toString('utf8').trim()).toBe('1 1 x E 1 E E');
  expect((await download(page, 'Download Mathematica')).bytes.toString('utf8').trim()).toBe(LN_X);

  const json = await download(page, 'Download JSON');
  expect(json.name).toBe('eml-tree.json');
  const doc = JSON.parse(json.bytes.toString('utf8'));
  expect(doc).toEqual({
    format: 'eml-tree',
    version: 1,
    k: 7,
    depth: 3,
    variables: ['x'],
    root: { eml: [1, { eml: [{ eml: [1, 'x'] }, 1] }] },
  });

  const js = await download(page, 'Download JavaScript');
  expect(js.name).toBe('eml-tree.js');
  const f = new Function(`${js.bytes.toString('utf8')}\nreturn f;`)() as (x: number) => { re: number; im: number };
  expect(Math.abs(f(2).re - Math.log(2))).toBeLessThan(1e-15);
  expect(f(-1).im).toBeCloseTo(Math.PI, 15);

  const py = await download(page, 'Download Python');
  expect(py.name).toBe('eml_tree.py');
  expect(py.bytes.toString('utf8')).toContain('def f(');

  // LaTeX goes to the clipboard (or, where the clipboard is refused, into a box to copy by hand).
  // The status still says "Saved eml_tree.py." from the last download: wait for the copy's own status (copied, or
  // the clipboard refused), which appears only once the clipboard promise has settled.
  await exportGroup(page).getByRole('button', { name: 'Copy LaTeX' }).click();
  const status = page.locator('.export-status');
  await expect(status).toHaveText(/Copied the formula|clipboard is not available/);
  if (/Copied/.test((await status.textContent()) ?? '')) {
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/\\ln|\\log|operatorname/);
  } else {
    await expect(page.getByLabel('LaTeX of the formula')).toHaveValue(/\\ln|\\log|operatorname/);
  }
});

test('the export buttons work from the keyboard', async ({ page }) => {
  const button = exportGroup(page).getByRole('button', { name: 'Download JSON' });
  await button.focus();
  const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(file.suggestedFilename()).toBe('eml-tree.json');
});

test('the Plot and Export regions have no serious accessibility violations (light and dark)', async ({ page }) => {
  await show(page, 'sqrt(x)*y');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const results = await new AxeBuilder({ page }).include('[aria-label="Plot"]').include('.export-panel').analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
});
