import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { evaluate, trace } from '../src/eml/evaluate/interpreter.ts';
import { readInput } from '../src/eml/input.ts';
import { DEFAULT_PLANE_WINDOW, pointAt } from '../src/eml/plane/window.ts';
import LZString from 'lz-string';

/**
 * Issue 16: the complex plane of the current tree. The picture is 512 × 512 over |Re|, |Im| ≤ 4 by default, so a
 * pixel is 1/64 wide; row 256 is the first below the real axis (Im −1/128), column 100 is at Re ≈ −2.43.
 */
const SIZE = 512;
const expression = (page: Page) => page.getByRole('textbox', { name: 'Expression' });
const plane = (page: Page) => page.locator('[data-plane-view]');
const details = (page: Page) => page.getByTestId('plane-details');

async function show(page: Page, text: string, mode: 'robust' | 'shortest' | 'paper' = 'robust') {
  await page.getByLabel('Compile mode').selectOption(mode);
  await expression(page).fill(text);
  await expression(page).press('Enter');
  await expect(page.getByRole('region', { name: 'Complex plane' })).toBeVisible();
  await expect(plane(page)).toHaveAttribute('data-state', 'ready');
}

/** rgba of the drawn picture (the active layer) at a pixel. */
const pixel = (page: Page, px: number, py: number) =>
  page.evaluate(
    ([x, y]) => {
      const view = document.querySelector<HTMLElement>('[data-plane-view]')!;
      const layer = view.querySelector<HTMLCanvasElement>(`canvas[data-plane-layer="${view.dataset.renderer}"]`)!;
      const c = document.createElement('canvas');
      c.width = layer.width;
      c.height = layer.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(layer, 0, 0);
      return Array.from(ctx.getImageData(x, y, 1, 1).data);
    },
    [px, py],
  );

/** Moves the mouse over a pixel of the picture. */
async function hover(page: Page, px: number, py: number) {
  await plane(page).scrollIntoViewIfNeeded();
  const box = (await plane(page).boundingBox())!;
  await page.mouse.move(box.x + ((px + 0.5) / SIZE) * box.width, box.y + ((py + 0.5) / SIZE) * box.height);
}

/**
 * Hovers a pixel and checks what the details say. Panels around the plane can still grow while workers answer (the
 * formula's facts arrive after the picture), which moves the plane under a pointer placed a moment earlier; the
 * pointer is then placed again from the plane's new box rather than waiting for a layout that has no "settled" event.
 */
async function hoverUntil(page: Page, [px, py]: [number, number], check: () => Promise<void>) {
  await expect(async () => {
    await hover(page, px, py);
    await check();
  }).toPass({ timeout: 10_000 });
}
const quickly = { timeout: 1_000 };

/** The pixel whose centre is nearest to re + i·im in the default window. */
const at = (re: number, im: number): [number, number] => [
  Math.floor(((re + 4) / 8) * SIZE),
  Math.floor(((4 - im) / 8) * SIZE),
];

test('ln x: drawn on the GPU; the overlay marks the negative real axis, and hovering there names the node', async ({
  page,
}) => {
  await page.goto('/');
  await show(page, 'ln(x)');
  await expect(plane(page)).toHaveAttribute('data-renderer', 'gpu');
  await expect(page.locator('.plane-precision')).toContainText('GPU float32: ~7 digits');
  expect(await pixel(page, 100, 256)).toEqual([255, 255, 255, 255]);
  expect(await pixel(page, 400, 256)).not.toEqual([255, 255, 255, 255]);
  expect(await pixel(page, 100, 200)).not.toEqual([255, 255, 255, 255]);
  await hoverUntil(page, [100, 256], () =>
    expect(details(page).locator('[data-field="cut"]')).toContainText('crosses the negative real axis', quickly),
  );
  // The first node whose ln argument crosses is lit in the tree (the store's hover path).
  await expect(page.locator('[data-drawing="tree"] .node.is-lit').first()).toBeAttached();
  await hoverUntil(page, [400, 100], () =>
    expect(details(page).locator('[data-field="cut"]')).toHaveText('none here', quickly),
  );
  // The picture and the shader are exports.
  for (const [label, file] of [
    ['Export complex plane as PNG', 'eml-complex-plane.png'],
    ['Download GLSL shader', 'eml-tree.frag'],
  ]) {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: label }).click();
    expect((await download).suggestedFilename()).toBe(file);
  }
  // Zoomed in past float32's resolution the float64 worker draws the detail.
  const region = page.getByRole('region', { name: 'Complex plane' });
  for (const [label, value] of [
    ['Re from', '1'],
    ['Re to', '1.000001'],
    ['Im from', '0'],
    ['Im to', '0.000001'],
  ]) {
    await region.getByLabel(label).fill(value);
    await region.getByLabel(label).press('Enter');
  }
  await expect(plane(page)).toHaveAttribute('data-renderer', 'cpu');
  await expect(region.locator('.plane-status')).toContainText('zoomed in past what float32 resolves');
  await expect(plane(page)).toHaveAttribute('data-state', 'ready');
  await region.getByRole('button', { name: 'Reset view' }).click();
  await expect(plane(page)).toHaveAttribute('data-renderer', 'gpu');
  // ln x at x = 1.5 + 2i, within float64 printing.
  const [px, py] = at(1.5, 2);
  const z = pointAt(DEFAULT_PLANE_WINDOW, SIZE, SIZE, px, py);
  await hoverUntil(page, [px, py], () =>
    expect(details(page).locator('[data-field="value"]')).toContainText(
      Number(Math.log(Math.hypot(z.re, z.im)).toPrecision(6)).toString(),
      quickly,
    ),
  );
});

test('√x, the paper’s i and compact x + y render; x + y departs where |Im(x + y)| > π', async ({ page }) => {
  await page.goto('/');
  await show(page, 'sqrt(x)');
  await show(page, 'i', 'paper');
  await expect(page.locator('.plane-message')).toHaveCount(0);
  await show(page, 'x + y', 'shortest');
  // y is the slider's 3: Im(x + y) = Im x.
  await hoverUntil(page, at(0.5, 3.6), () =>
    expect(details(page).locator('[data-field="departs"]')).toContainText('yes', quickly),
  );
  await hoverUntil(page, at(0.5, 1), () =>
    expect(details(page).locator('[data-field="departs"]')).toHaveText('no', quickly),
  );
  await hoverUntil(page, at(-1, -3.7), () =>
    expect(details(page).locator('[data-field="departs"]')).toContainText('yes', quickly),
  );
  // The departure layer is drawn over the strip and not inside it.
  const departs = (px: number, py: number) =>
    page.evaluate(
      ([x, y]) =>
        document
          .querySelector<HTMLCanvasElement>('canvas[data-plane-layer="departs"]')!
          .getContext('2d')!
          .getImageData(x - 4, y - 4, 8, 8)
          .data.some((v, i) => i % 4 === 3 && v > 0),
      [px, py],
    );
  await expect.poll(() => departs(...at(0.5, 3.7))).toBe(true);
  expect(await departs(...at(0.5, 0.5))).toBe(false);
});

test('the shader’s float32 values agree with the float64 evaluator at sample points away from cuts', async ({
  page,
}) => {
  await page.goto('/');
  for (const text of ['ln(x)', 'sqrt(x)', 'exp(x) - x*y']) {
    await show(page, text);
    await expect(plane(page)).toHaveAttribute('data-renderer', 'gpu');
    const tree = readInput(text, { kind: 'math', compileMode: 'robust', clean: false });
    if (!tree.ok) throw new Error(`${text} does not read`);
    const pixels: Array<[number, number]> = [];
    for (let i = 0; i < 8; i++) for (let j = 0; j < 8; j++) pixels.push([40 + 60 * i, 20 + 61 * j]);
    const values = await page.evaluate(
      (p) =>
        (globalThis as unknown as { __emlPlane: { readValues: (p: unknown) => number[][] } }).__emlPlane.readValues(p),
      pixels,
    );
    let compared = 0;
    pixels.forEach(([px, py], k) => {
      const z = pointAt(DEFAULT_PLANE_WINDOW, SIZE, SIZE, px, py);
      if (Math.abs(z.im) < 0.2) return; // the cut of ln and √ on the negative real axis
      const f = evaluate(tree.tree, { x: z, y: 3 });
      const [re, im] = values[k];
      // float32 has ~7 digits, but GLSL only bounds exp, log, sin and cos loosely (SwiftShader's are good to about
      // 2^−12 here, errors seen up to 1.2e−4 of the largest value the tree passes through) and a compiled product
      // chains several of them: 2^−10 of the largest intermediate holds with a margin, while a wrong branch, a lost
      // sign or a swapped operand is off by O(1).
      const t = trace(tree.tree, { x: z, y: 3 });
      let largest = 1;
      for (const n of t.nodes.values()) {
        const m = Math.hypot(n.value.re, n.value.im);
        if (Number.isFinite(m)) largest = Math.max(largest, m);
      }
      const tolerance = 2 ** -10 * largest;
      expect(Math.abs(re - f.re), `${text} at ${z.re} + ${z.im}i: re`).toBeLessThan(tolerance);
      expect(Math.abs(im - f.im), `${text} at ${z.re} + ${z.im}i: im`).toBeLessThan(tolerance);
      compared++;
    });
    expect(compared).toBeGreaterThan(50);
  }
});

test('with WebGL off (?webgl=off) the float64 worker draws the same marks, and the region is axe clean', async ({
  page,
}) => {
  await page.goto('/?webgl=off');
  await show(page, 'ln(x)');
  await expect(plane(page)).toHaveAttribute('data-renderer', 'cpu');
  await expect(page.locator('.plane-status')).toContainText('WebGL2 is not available');
  await expect(page.locator('.plane-precision')).toContainText('CPU float64');
  expect(await pixel(page, 100, 256)).toEqual([255, 255, 255, 255]);
  expect(await pixel(page, 400, 256)).not.toEqual([255, 255, 255, 255]);
  // Keyboard: focus the plane, move the point with the arrows, read its details.
  await plane(page).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(details(page).locator('[data-field="z"]')).toContainText('−0.242188');
  await page.keyboard.press('+');
  await expect(page.getByLabel('Re from')).not.toHaveValue('-4');
  await page.getByRole('region', { name: 'Complex plane' }).getByRole('button', { name: 'Reset view' }).click();
  await expect(page.getByLabel('Re from')).toHaveValue('-4');
  const r = await new AxeBuilder({ page }).include('[data-region="complex plane"]').analyze();
  expect(r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});

test('under another semantics the legend says the plane still draws the complex principal branch', async ({ page }) => {
  await page.goto('/');
  await show(page, 'ln(x)');
  const note = page.locator('.plane-semantics');
  await expect(note).toHaveCount(0);
  await page.getByLabel('Semantics', { exact: true }).selectOption('real-extended');
  await expect(note).toContainText('“real, extended”');
  await expect(note).toContainText('draws the complex principal branch');
  // The picture is unchanged: ln x keeps its cut on the negative real axis.
  await expect(plane(page)).toHaveAttribute('data-state', 'ready');
  expect(await pixel(page, 100, 256)).toEqual([255, 255, 255, 255]);
  await page.getByLabel('Semantics', { exact: true }).selectOption('complex');
  await expect(note).toHaveCount(0);
});

test('the window and y travel in the share link and in undo/redo (a drag is one step); a bad window in a link falls back with a notice', async ({
  page,
  context,
}) => {
  await page.goto('/');
  await show(page, 'x*y');
  const region = page.getByRole('region', { name: 'Complex plane' });
  const reFrom = (p: Page) => p.getByRole('region', { name: 'Complex plane' }).getByLabel('Re from');
  const yOut = (p: Page) => p.getByRole('region', { name: 'Complex plane' }).locator('.plane-slider output');
  await region.getByRole('button', { name: 'Zoom in' }).click();
  await expect(reFrom(page)).toHaveValue('-2.6666667');
  // A drag across the picture pans; the whole drag is one undoable step.
  await plane(page).scrollIntoViewIfNeeded();
  const box = (await plane(page).boundingBox())!;
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 1; i <= 6; i++) await page.mouse.move(cx + (box.width / 16) * i, cy);
  await page.mouse.up();
  await expect(reFrom(page)).not.toHaveValue('-2.6666667');
  const panned = await reFrom(page).inputValue();
  expect(Number(panned)).toBeLessThan(-2.6666667);
  await region.getByLabel('y (second variable)').focus();
  await page.keyboard.press('ArrowRight');
  await expect(yOut(page)).toHaveText('3.01');

  const undo = page.getByRole('button', { name: 'Undo' });
  const redo = page.getByRole('button', { name: 'Redo' });
  await undo.click();
  await expect(yOut(page)).toHaveText('3');
  await expect(reFrom(page)).toHaveValue(panned);
  await undo.click();
  await expect(reFrom(page)).toHaveValue('-2.6666667');
  await undo.click();
  await expect(reFrom(page)).toHaveValue('-4');
  await redo.click();
  await redo.click();
  await redo.click();
  await expect(reFrom(page)).toHaveValue(panned);
  await expect(yOut(page)).toHaveText('3.01');

  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page).toHaveURL(/#s=/);
  const other = await context.newPage();
  await other.goto(page.url());
  await expect(reFrom(other)).toHaveValue(panned);
  await expect(yOut(other)).toHaveText('3.01');
  await expect(plane(other)).toHaveAttribute('data-state', 'ready');

  // A link whose window is unusable opens with the default window, says why, and keeps the rest.
  const bad = await context.newPage();
  // The share link's state as urlCodec.ts writes it (Playwright's loader cannot import lz-string's named exports).
  const state = {
    ...{ v: 1, text: 'x*y', inputKind: 'math', compileMode: 'robust', clean: false, semantics: 'complex' },
    ...{ x: 2, y: 1.5, xMin: -4, xMax: 4, planeWindow: { reMin: 5, reMax: 1, imMin: -4, imMax: 4 } },
  };
  await bad.goto(`/#s=${LZString.compressToEncodedURIComponent(JSON.stringify(state))}`);
  await expect(bad.getByText(/the Complex plane’s window in it was not usable \(Re from must be less/)).toBeVisible();
  await expect(reFrom(bad)).toHaveValue('-4');
  await expect(yOut(bad)).toHaveText('1.5');
  await expect(plane(bad)).toHaveAttribute('data-state', 'ready');
});
