import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

test('typing eml(x,1) with x = 2 shows e² = 7.389…', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'EML Playground' })).toBeVisible();
  const box = page.getByRole('textbox', { name: 'Expression' });
  await box.fill('eml(x,1)');
  await page.getByLabel('x', { exact: true }).fill('2');
  const result = page.getByRole('region', { name: 'Result' });
  await expect(result.getByTestId('value-re')).toHaveText(/^7\.389056098930/);
  await expect(result.getByTestId('metric-k')).toHaveText('3');
  await expect(result.getByTestId('metric-depth')).toHaveText('1');
  expect(errors).toEqual([]);
});

test('a syntax error is shown at its position and the text is kept', async ({ page }) => {
  await page.goto('/');
  const box = page.getByRole('textbox', { name: 'Expression' });
  await box.fill('eml(1 x)');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('column 7');
  await expect(box).toHaveValue('eml(1 x)');
  await box.fill('EML[1,EML[EML[1,x],1]]');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('value-re')).toHaveText(/^0\.693147180559945/);
});

test('the semantics selector changes the meaning of ln of a negative', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Expression' }).fill('EML[1,EML[EML[1,x],1]]');
  await page.getByLabel('x', { exact: true }).fill('-1');
  await expect(page.getByTestId('value-im')).toHaveText(/^3\.14159265358979/);
  await page.getByLabel('Semantics').selectOption('real-extended');
  await expect(page.getByTestId('value-re')).toHaveText('NaN');
});

test('no serious accessibility violations', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('textbox', { name: 'Expression' })).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});
