/**
 * Issue 14, any target in the recovery lab: a tree the user writes (a bad one is a message, never a crash) and random
 * targets of depth d (a fresh tree per seed, listed with its outcome). Waits for states only.
 */
import { expect, test, type Locator } from '@playwright/test';
import { openFreshCockpit } from './fitting/page.ts';

/** Keep one init strategy, so a lab run is one batch per target. */
async function onlyInit(lab: Locator, keep: string) {
  for (const name of ['biased', 'uniform', 'xy_biased', 'random_hot'])
    await lab.getByRole('checkbox', { name, exact: true }).setChecked(name === keep);
}

test('the recovery lab takes a written target tree: bad text is a message, a good tree runs at its depth', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openFreshCockpit(page);
  const lab = page.locator('section.cockpit-lab');
  await lab.getByRole('combobox', { name: 'Target', exact: true }).selectOption('tree');
  const text = lab.getByRole('textbox', { name: /^Target tree/ });
  await text.fill('EML[1, w]');
  await lab.getByRole('spinbutton', { name: 'Seeds per strategy' }).fill('2');
  await onlyInit(lab, 'biased');
  await lab.getByRole('button', { name: 'Run lab' }).click();
  await expect(lab.getByRole('alert')).toContainText('variable "w" (line 1, column 8)');
  await text.fill('EML[1, x');
  await lab.getByRole('button', { name: 'Run lab' }).click();
  await expect(lab.getByRole('alert')).toContainText('does not read: line 1, column 4');
  await text.fill('EML[x, y]');
  await lab.getByRole('button', { name: 'Run lab' }).click();
  await expect(lab.getByRole('status')).toContainText('2 runs done', { timeout: 90_000 });
  await expect(lab.getByRole('alert')).toHaveCount(0);
  const row = lab.getByRole('row').filter({ hasText: 'EML[x,y]' });
  await expect(row.getByRole('cell').nth(1)).toHaveText('1');
});

test('the recovery lab draws a fresh random target of depth d and the chosen shape per seed', async ({ page }) => {
  test.setTimeout(120_000);
  await openFreshCockpit(page);
  const lab = page.locator('section.cockpit-lab');
  await lab.getByRole('combobox', { name: 'Target', exact: true }).selectOption('random');
  await lab.getByRole('spinbutton', { name: 'Depth d of the random targets' }).fill('2');
  await lab.getByRole('combobox', { name: 'Shape of the random targets' }).selectOption('chain');
  await lab.getByRole('spinbutton', { name: 'Seeds per strategy' }).fill('2');
  await onlyInit(lab, 'uniform');
  await lab.getByRole('button', { name: 'Run lab' }).click();
  await expect(lab.getByRole('status')).toContainText('2 runs done', { timeout: 90_000 });
  await expect(lab.getByRole('row').filter({ hasText: 'random:2:chain' })).toHaveCount(1);
  await lab.getByText('Random targets drawn (2 runs)').click();
  // Each drawn tree has depth 2 with x or y only at the bottom: a chain EML[EML[a,b],1] or EML[1,EML[a,b]].
  const items = lab.getByRole('listitem');
  await expect(items).toHaveCount(2);
  for (const item of await items.all())
    await expect(item).toHaveText(
      /^uniform: (EML\[EML\[[1xy],[1xy]\],1\]|EML\[1,EML\[[1xy],[1xy]\]\]) — (exact|fit|not recovered)$/,
    );
});
