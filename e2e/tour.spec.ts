import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

test('the tour opens from the main screen and walks every step with the keyboard; each renders a tree and a formula', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('link', { name: /Guided tour/ }).click();
  await expect(page).toHaveURL(/#tour/);
  const steps = page.getByRole('navigation', { name: 'Tour steps' }).getByRole('link');
  const count = await steps.count();
  expect(count).toBe(18);
  for (let i = 0; i < count; i++) {
    const article = page.locator('article.tour-step');
    await expect(page.getByText(`Step ${i + 1} of ${count}`)).toBeVisible();
    await expect(article.getByRole('group', { name: /^Tree of/ }).first()).toBeVisible();
    await expect(article.getByTestId('tour-identity').locator('.katex')).toBeVisible();
    // Every live check on the step's own samples passes.
    await expect(article.getByRole('region', { name: 'Live check' }).locator('tr.fail')).toHaveCount(0);
    if (i < count - 1) await page.keyboard.press('ArrowRight');
  }
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByText(`Step ${count - 1} of ${count}`)).toBeVisible();
});

test('deep links open a step; "open in the playground" carries its tree', async ({ page }) => {
  await page.goto('/#tour/pi');
  await expect(page.getByRole('heading', { name: /π = i · ln\(−1\)/ })).toBeVisible();
  await expect(page.getByTestId('tour-k')).toHaveText('193');
  // Every K says its form: the playground's robust π is K 93, so the tour says both (issue 15).
  await expect(page.getByTestId('tour-sizes')).toHaveText(
    'K 193, as the paper compiles it · 93 in the robust and shortest forms',
  );
  await page.getByRole('link', { name: 'The logarithm, in three lines' }).click();
  await expect(page).toHaveURL(/#tour\/ln$/);
  await page.getByRole('button', { name: 'Open this in the playground' }).click();
  await expect(page.getByRole('textbox', { name: 'Expression' })).toHaveValue('eml(1, eml(eml(1, x), 1))');
});

test('an exercise can be completed with the keyboard alone', async ({ page }) => {
  await page.goto('/#tour/e');
  const box = page.getByRole('textbox', { name: 'Your answer' });
  await box.focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('eml(1, eml(1, 1)');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Try it' }).getByRole('alert')).toContainText('column');
  await page.keyboard.type(')');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Try it' }).getByRole('status')).toContainText('Correct');
  await expect(page.getByText('1 exercise solved')).toBeVisible();
});

test('the tour has no serious accessibility violations, also at phone width', async ({ page }) => {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/#tour/sub');
    await expect(page.getByRole('heading', { name: 'Subtraction' })).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`)).toEqual([]);
  }
});

test('source notes link to the bundled documentation, which the app renders at #docs', async ({ page }) => {
  await page.goto('/#tour/pi');
  const source = page.locator('article.tour-step .metrics-line .source');
  await expect(source).toContainText('arXiv 2603.21852');
  await expect(source).not.toContainText('reference.md');
  await source.getByRole('link', { name: 'Constructions › Primitives' }).click();
  await expect(page).toHaveURL(/#docs\/constructions\/primitives$/);
  const docs = page.getByRole('main');
  await expect(docs.getByRole('heading', { name: 'Primitives' })).toBeInViewport();
  await expect(docs.getByRole('table').first()).toBeVisible();
  // Links between pages stay inside the app.
  await docs.getByRole('link', { name: 'branch cut' }).first().click();
  await expect(page).toHaveURL(/#docs\/semantics\/branch-cut$/);
  await expect(docs.getByRole('heading', { name: 'Branch cut' })).toBeInViewport();
  await page.getByRole('navigation', { name: 'Documentation pages' }).getByRole('link', { name: 'Fitting' }).click();
  await expect(docs.getByRole('heading', { name: 'Recovery rates' })).toBeVisible();
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/#docs/constructions/k-table');
    await expect(page.getByRole('heading', { name: 'K table' })).toBeVisible();
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(wide, `page wider than the viewport at ${width} px`).toBeLessThanOrEqual(0);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`)).toEqual([]);
  }
});
