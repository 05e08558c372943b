/**
 * Every screen of the app, reached by the hash (the app's router), each with a state to wait for, and the widths
 * the layout checks run at. Shared by the responsive and the accessibility specs, so a new screen is added once.
 */
import { expect, type Page } from '@playwright/test';
import { pasteTable } from './fitting/page.ts';

export const WIDTHS = [390, 768, 1024, 1400];

export const SCREENS: { name: string; hash: string; ready: (page: Page) => Promise<void> }[] = [
  {
    name: 'playground',
    hash: '#',
    ready: async (page) => {
      await expect(page.locator('[data-drawing="tree"]')).toBeVisible();
      await expect(page.locator('[data-drawing="plot"]')).toBeVisible();
    },
  },
  {
    name: 'tour-pi',
    hash: '#tour/pi',
    ready: async (page) => {
      await expect(page.getByRole('region', { name: 'Live check' })).toBeVisible();
      await expect(page.locator('[data-drawing="tour-tree"]').first()).toBeVisible();
    },
  },
  {
    name: 'tour-sin',
    hash: '#tour/sin-cos',
    ready: async (page) => {
      await expect(page.getByTestId('tour-identity').locator('.katex')).toBeVisible();
    },
  },
  {
    name: 'fit',
    hash: '#fit',
    ready: async (page) => {
      await expect(page.getByTestId('verdict')).toBeVisible();
      await expect(page.getByTestId('pareto-row').first()).toBeVisible();
    },
  },
  {
    name: 'map',
    hash: '#map',
    ready: async (page) => {
      await expect(page.locator('.map-svg [data-node="1"]')).toBeVisible();
    },
  },
  {
    name: 'docs',
    hash: '#docs',
    ready: async (page) => {
      await expect(page.locator('[data-region="docs"] h1, [data-region="docs"] h2').first()).toBeVisible();
    },
  },
];

/** A small exact law (x − ln x) for the fitter, so the cockpit shows a verdict, a result card and the Pareto table. */
function smallLaw(): string {
  const rows = Array.from({ length: 24 }, (_, i) => {
    const x = 0.5 + (3.5 * i) / 23;
    return `${x.toPrecision(6)},${(x - Math.log(x)).toPrecision(6)}`;
  });
  return ['x,y', ...rows].join('\n');
}

/** A finished formula search, so the fitting screen is checked with everything it can show. */
export async function runSmallSearch(page: Page, budgetSeconds: number): Promise<void> {
  await page.goto('/#fit');
  await pasteTable(page, smallLaw());
  await expect(page.getByRole('combobox', { name: /^Protocol/ })).toHaveValue('search');
  await page.getByRole('spinbutton', { name: /^Time budget/ }).fill(String(budgetSeconds));
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByTestId('verdict')).toBeVisible({ timeout: 60_000 });
}
