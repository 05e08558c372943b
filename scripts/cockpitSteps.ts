/**
 * Steps in the fitting cockpit that the e2e tests and perf:tasks both take, by role and label as a user would.
 */
import type { Page } from '@playwright/test';

/** Generates one of the paper's targets over its grid and sets depth and protocol (and restarts, if given). */
export async function paperTarget(
  page: Page,
  target: string,
  depth: number,
  protocol: 'paper' | 'improved',
  restarts?: number,
): Promise<void> {
  await page.getByText('Generate data from a formula').click();
  await page.getByRole('combobox', { name: /^Paper target/ }).selectOption(target);
  await page.getByRole('button', { name: 'Generate data' }).click();
  await page.getByRole('combobox', { name: /^Depth/ }).selectOption(String(depth));
  await page.getByRole('combobox', { name: /^Protocol/ }).selectOption(protocol);
  if (restarts !== undefined) await page.getByRole('spinbutton', { name: /^Restarts/ }).fill(String(restarts));
}
