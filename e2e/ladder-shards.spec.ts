/**
 * Issue 13, the browser's shard path: the search worker runs the large levels on shard Web Workers started from
 * inside it (src/workers/enumerateShards.ts). A search with 2 shard workers in headless Chromium gives the counts,
 * trees and lower bound of the same search on one thread. Constants to K 33: level 31 (about 2.5 M pairs) is the
 * first stored level past the 2^20 pairs that make a level go to the shards; K 33 is scanned for the target.
 * Tests wait for states, never for time.
 */
import { expect, test, type Page } from '@playwright/test';

const ladder = (page: Page) => page.getByRole('region', { name: 'Shortest form' });
const status = (page: Page) => ladder(page).getByRole('status');

/** Runs the search to K 33 with the given workers choice; returns the status line at the end. */
async function searchWith(page: Page, workers: string): Promise<string> {
  await ladder(page).getByLabel('Search workers').selectOption(workers);
  await ladder(page)
    .getByRole('button', { name: /^(Start|Restart) search$/ })
    .click();
  await expect(status(page)).toContainText('Done up to K 33', { timeout: 150_000 });
  return (await status(page).textContent()) ?? '';
}

/** "N distinct functions, M trees" of a finished run's status line. */
function counts(text: string): { distinct: string; trees: string } {
  const m = /; ([\d,]+) distinct functions, ([\d,]+) trees,/.exec(text);
  if (!m) throw new Error(`no counts in the status line: ${text}`);
  return { distinct: m[1], trees: m[2] };
}

test('a search on 2 shard workers counts what one thread counts', async ({ page }) => {
  test.setTimeout(360_000);
  await page.goto('/');
  const expression = page.getByRole('textbox', { name: 'Expression' });
  await expression.fill('pi');
  await expression.press('Enter');
  await expect(ladder(page).getByText('Smallest tree of')).toContainText('pi');
  await ladder(page).getByLabel('Search up to K').selectOption('33');

  const sharded = await searchWith(page, '2');
  expect(sharded).toMatch(/Level K 31 ran on 2 shard workers\./);
  await expect(ladder(page).getByText('K > 33 · search lower bound')).toBeVisible();

  const single = await searchWith(page, '1');
  expect(single).not.toMatch(/shard workers/);
  await expect(ladder(page).getByText('K > 33 · search lower bound')).toBeVisible();

  expect(counts(sharded)).toEqual(counts(single));
});
