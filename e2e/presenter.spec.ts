import { expect, test, type Page } from '@playwright/test';

/**
 * Presenter mode (issue #15) at 1920×1080, a projector's size: the tour tree's node labels at least 18 px tall and
 * the formula at least 32 px (measured with getBoundingClientRect), no editing chrome, clicker keys step the tour.
 */
test.use({ viewport: { width: 1920, height: 1080 } });

/** Heights of the tour tree's node labels, in CSS pixels. */
const labelHeights = (page: Page) =>
  page
    .locator('[data-drawing="tour-tree"]')
    .first()
    .locator('.tour-node text')
    .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));

test('every tour step is readable from the back of the room, and a clicker steps through it', async ({ page }) => {
  await page.goto('/?present#tour/e');
  await expect(page.locator('html')).toHaveAttribute('data-present', '');
  // No editing chrome: no step list, no exercise, no playground toolbar; the toggle stays to leave.
  await expect(page.getByRole('navigation', { name: 'Tour steps' })).toBeHidden();
  await expect(page.getByRole('region', { name: 'Try it' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Presenter mode' })).toHaveAttribute('aria-pressed', 'true');
  const steps = ['e', 'exp', 'ln', 'zero', 'sub', 'infinity', 'minus-one', 'neg', 'add', 'inv', 'mul', 'numbers'];
  const more = ['pow', 'sqrt', 'i', 'pi', 'sin-cos', 'size'];
  const all = [...steps, ...more];
  for (let i = 0; i < all.length; i++) {
    await expect(page).toHaveURL(new RegExp(`#tour/${all[i]}$`));
    await expect(page.getByTestId('tour-identity').locator('.katex')).toBeVisible();
    // The step's tree is laid out a frame or more after its formula shows: wait for labels with a size (0 = none).
    await expect
      .poll(
        async () => {
          const heights = await labelHeights(page);
          return heights.length > 0 ? Math.min(...heights) : 0;
        },
        { message: `${all[i]}: smallest node label` },
      )
      .toBeGreaterThanOrEqual(18);
    // Polled, not read once: a formula KaTeX is still replacing reads as detached (font size "" → NaN).
    const formula = () =>
      page
        .getByTestId('tour-identity')
        .locator('.katex')
        .first()
        .evaluate((e) => ({
          font: parseFloat(getComputedStyle(e).fontSize),
          height: e.getBoundingClientRect().height,
        }));
    await expect
      .poll(async () => (await formula()).font, { message: `${all[i]}: formula font size` })
      .toBeGreaterThanOrEqual(32);
    await expect
      .poll(async () => (await formula()).height, { message: `${all[i]}: formula height` })
      .toBeGreaterThanOrEqual(32);
    // Edge labels as in the playground: the tree says which side is exp and which is ln.
    if (all[i] === 'ln') {
      const labels = await page.locator('[data-drawing="tour-tree"]').first().locator('.edge-label').allTextContents();
      expect(labels).toEqual(expect.arrayContaining(['exp', 'ln']));
    }
    if (i < all.length - 1) await page.keyboard.press(i % 2 === 0 ? 'PageDown' : 'ArrowRight');
  }
  await page.keyboard.press('PageUp');
  await expect(page).toHaveURL(/#tour\/sin-cos$/);
  // Escape leaves presenter mode; the URL flag goes with it.
  await page.keyboard.press('Escape');
  await expect(page.locator('html')).not.toHaveAttribute('data-present', '');
  expect(new URL(page.url()).search).toBe('');
  await expect(page.getByRole('navigation', { name: 'Tour steps' })).toBeVisible();
});

test('the toggle turns presenter mode on from any screen and keeps the screen', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('[data-drawing="tree"]')).toBeVisible();
  await page.getByRole('button', { name: 'Presenter mode' }).click();
  await expect(page).toHaveURL(/\?present#?$/);
  await expect(page.locator('html')).toHaveAttribute('data-present', '');
  // The playground keeps the formula, the tree and the plot; the editing regions go.
  await expect(page.locator('[data-region="expression"]')).toBeHidden();
  await expect(page.locator('[data-region="export"]')).toBeHidden();
  await expect(page.getByRole('toolbar', { name: 'Playground actions' })).toBeHidden();
  await expect(page.locator('[data-drawing="tree"]')).toBeVisible();
  const label = await page
    .locator('[data-drawing="tree"] .node-label')
    .first()
    .evaluate((e) => e.getBoundingClientRect().height);
  expect(label).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Presenter mode' }).click();
  await expect(page.locator('[data-region="expression"]')).toBeVisible();
});
