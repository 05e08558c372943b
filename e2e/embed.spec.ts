import { expect, test } from '@playwright/test';

/** Embed mode (issue #15): `?embed` shows one view without chrome, for an iframe in slides or a course page. */

test('?embed with a share link shows the tree and the formula of that document, and nothing else', async ({ page }) => {
  await page.goto('/');
  const box = page.getByRole('textbox', { name: 'Expression' });
  await box.fill('exp(x) - ln(x)');
  await box.press('Enter');
  await expect(page.locator('[data-drawing="tree"]')).toHaveAttribute('aria-label', /EML tree, K \d+/);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page).toHaveURL(/#s=/);
  const hash = new URL(page.url()).hash;
  // The playground's own autosave is debounced: wait until it holds this document, so that what the embed page
  // must leave alone is the reader's settled session, not one still being written.
  const readStorage = () => page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
  await expect.poll(readStorage).toContain('exp(x) - ln(x)');
  const saved = await readStorage();

  // The embed page, inside an iframe as slides would show it.
  const embed = await page.context().newPage();
  await embed.setContent(
    `<iframe title="EML" src="http://127.0.0.1:${new URL(page.url()).port}/?embed${hash}" width="800" height="700"></iframe>`,
  );
  const frame = embed.frameLocator('iframe');
  await expect(frame.locator('[data-drawing="tree"]')).toHaveAttribute('aria-label', /EML tree, K \d+/);
  await expect(frame.getByRole('region', { name: 'Formula' })).toContainText('f(x)');
  // No chrome: no title, navigation, toolbar, expression box, skip links or export.
  await expect(frame.getByRole('heading', { name: 'EML Playground' })).toHaveCount(0);
  await expect(frame.getByRole('navigation', { name: 'Screens' })).toHaveCount(0);
  await expect(frame.getByRole('textbox', { name: 'Expression' })).toHaveCount(0);
  await expect(frame.getByRole('button', { name: 'Presenter mode' })).toHaveCount(0);
  await expect(frame.locator('[data-region="export"]')).toHaveCount(0);
  await expect(frame.getByRole('link', { name: 'Open in EML Playground' })).toHaveAttribute('href', `/${hash}`);
  // The embedded view leaves the reader's own saved session alone.
  expect(await readStorage()).toBe(saved);
});

test('?embed#tour/<step> shows that tour step alone', async ({ page }) => {
  await page.goto('/?embed#tour/pi');
  await expect(page.getByRole('heading', { name: /π = i · ln\(−1\)/ })).toBeVisible();
  await expect(page.locator('[data-drawing="tour-tree"]').first()).toBeVisible();
  await expect(page.getByTestId('tour-identity').locator('.katex')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Tour steps' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Next/ })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Try it' })).toHaveCount(0);
});
