/**
 * Issue 11, the gradient protocol's model choice: on a small exact table of eˣ − 1 pasted into the cockpit, the
 * general model (variables and constants at every input) trains in the worker and the result card certifies
 * eml(x, eml(1,1)), K 5, at depth 2 — a tree the paper's model cannot hold at that depth. Waits for states only.
 */
import { expect, test } from '@playwright/test';
import { openFreshCockpit, pasteTable } from './fitting/page.ts';

const openCockpit = openFreshCockpit;

const paste = pasteTable;

/** y = eˣ − 1 at full float64 precision, x = −1 … 2 in steps of 0.125. */
function expm1Table(): string {
  const rows = Array.from({ length: 25 }, (_, i) => {
    const x = -1 + 0.125 * i;
    return `${x},${Math.expm1(x)}`;
  });
  return ['x,y', ...rows].join('\n');
}

test('the general model recovers eˣ − 1 exactly at depth 2 (K 5) from a pasted exact table', async ({ page }) => {
  test.setTimeout(120_000);
  await openCockpit(page);
  await paste(page, expm1Table());
  await page.getByRole('combobox', { name: /^Protocol/ }).selectOption('improved');
  const model = page.getByRole('combobox', { name: /^Model/ });
  // The paper's model stays the default.
  await expect(model).toHaveValue('paper');
  await expect(page.getByText(/only the bottom leaves choose among 1 and the inputs/)).toBeVisible();
  await model.selectOption('general');
  await expect(page.getByText(/Every input of every eml node chooses among 1/)).toBeVisible();
  await page.getByRole('combobox', { name: /^Depth/ }).selectOption('2');
  await page.getByRole('button', { name: 'Play' }).click();
  const certificate = page.getByTestId('certificate');
  await expect(certificate).toContainText('Exact recovery', { timeout: 90_000 });
  const line = page.getByText(/^Decompiled:/);
  await expect(line).toContainText(/K = 5 · depth 2 · init general/);
  await expect(page.getByTestId('formula-text')).toHaveText('exp(x) - 1');
  await expect(page.getByText(/^EML tree:/)).toContainText('EML[x,EML[1,1]]');
  // The choice is part of the saved settings: a reload (the autosave) keeps it, and the result.
  await page.reload();
  await expect(page.getByRole('combobox', { name: /^Model/ })).toHaveValue('general');
  await expect(page.getByText(/^Decompiled:/)).toContainText(/K = 5 · depth 2 · init general/);
});
