import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { runSmallSearch, SCREENS, WIDTHS } from './screens.ts';

/**
 * Accessibility across the app (issue #15): skip links, the tree within five Tabs of the top, axe clean (no
 * serious or critical violation) on every screen at 390, 768, 1024 and 1400 px in the light and the dark scheme
 * (contrast included), a share link that does not open says so, and a formula wider than its panel scrolls and
 * is a tab stop (a long fitted formula once failed axe's scrollable-region-focusable in a clean-clone run).
 */

for (const width of WIDTHS) {
  test(`axe finds no serious violation on any screen at ${width} px, light and dark`, async ({ browser }) => {
    test.setTimeout(240_000);
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await runSmallSearch(page, 2);
    const found: string[] = [];
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const screen of SCREENS) {
        await page.evaluate((h) => (location.hash = h), screen.hash);
        await screen.ready(page);
        const r = await new AxeBuilder({ page }).analyze();
        for (const v of r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'))
          found.push(`${screen.name} ${scheme}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
      }
    }
    expect(found).toEqual([]);
    await context.close();
  });
}

test('the tree is reached in at most five Tabs from the top, through a skip link', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('[data-drawing="tree"]')).toBeVisible();
  let tabs = 0;
  const onTree = () => page.evaluate(() => document.activeElement?.getAttribute('data-drawing') === 'tree');
  while (tabs < 5 && !(await onTree())) {
    await page.keyboard.press('Tab');
    tabs++;
    const name = await page.evaluate(() => document.activeElement?.textContent ?? '');
    if (name === 'Skip to the tree') {
      await expect(page.getByRole('link', { name: 'Skip to the tree' })).toBeVisible(); // shown while focused
      await page.keyboard.press('Enter');
    }
  }
  expect(await onTree()).toBe(true);
  expect(tabs).toBeLessThanOrEqual(5);
  // The tree has the keyboard: an arrow key moves its cursor rather than scrolling the page.
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[data-drawing="tree"]')).toHaveAttribute('aria-activedescendant', /.+/);
});

test('every skip link moves the focus into its region, on each screen', async ({ page }) => {
  for (const hash of ['#', '#tour/e', '#fit']) {
    await page.goto(`/${hash}`);
    const links = page.getByRole('navigation', { name: 'Skip links' }).getByRole('link');
    await expect(links.first()).toBeAttached();
    const count = await links.count();
    for (let i = 0; i < count; i++) {
      const region = await links.nth(i).getAttribute('href');
      await links.nth(i).focus();
      await page.keyboard.press('Enter');
      const inside = await page.evaluate(
        (r) => !!document.activeElement?.closest(`[data-region="${r}"]`),
        region!.replace('#region-', ''),
      );
      expect(inside, `${hash} ${region}`).toBe(true);
      expect(page.url(), 'a skip link leaves the route alone').toMatch(new RegExp(`${hash.replace('#', '#?')}$`));
    }
  }
});

test('a share link that does not open says so, at start-up and when pasted into a running tab', async ({ page }) => {
  await page.goto('/#s=garbage-that-is-not-a-document');
  await expect(page.getByText(/The shared link could not be opened/)).toBeVisible();
  await expect(page.locator('[data-drawing="tree"]')).toBeVisible(); // the default example meanwhile
  await page.goto('/');
  await expect(page.locator('[data-drawing="tree"]')).toBeVisible();
  await page.evaluate(() => (location.hash = '#s=N4Ig-also-garbage'));
  await expect(page.getByRole('alert').filter({ hasText: /The shared link could not be opened/ })).toBeVisible();
});

test('a formula wider than its panel scrolls sideways and is reached by keyboard (axe: scrollable regions)', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto('/');
  const box = page.getByRole('textbox', { name: 'Expression' });
  await box.fill(Array.from({ length: 12 }, (_, i) => `exp(x/${i + 2})`).join(' + '));
  await box.press('Enter');
  const line = page.getByRole('group', { name: 'Decompiled formula' });
  await expect(line).toContainText('12');
  // The case under test: the line is wider than its panel, so it scrolls.
  expect(await line.evaluate((el) => el.scrollWidth > el.clientWidth + 10)).toBe(true);
  await line.focus();
  await expect(line).toBeFocused();
  const before = await line.evaluate((el) => el.scrollLeft);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => line.evaluate((el) => el.scrollLeft)).toBeGreaterThan(before);
  const r = await new AxeBuilder({ page }).include('[data-testid="decompiled"]').analyze();
  expect(r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
});
