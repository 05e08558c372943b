import { expect, test, type Page } from '@playwright/test';

/** Issue 12: the views tell the truth about where a compiled tree is right. */
const expression = (page: Page) => page.getByRole('textbox', { name: 'Expression' });
const formula = (page: Page) => page.getByRole('region', { name: 'Formula' });

test('shortest 1/(1 + (15x)²) at x = 2: value flagged, domain stated, plot shaded; robust is right', async ({
  page,
}) => {
  await page.goto('/');
  await expression(page).fill('1/(1 + (15*x)^2)');
  await expression(page).press('Enter');
  await page.getByLabel('Compile mode').selectOption('shortest');
  // The short sum 1 + 900 underflows nothing here, but (15x)² = 900 does inside it: the tree gives 0 (issue 12).
  await expect(formula(page).getByTestId('value-re')).toHaveText('0');
  await expect(formula(page).getByTestId('value-departs')).toContainText('0.00110987');
  // The flag names the first failing node and what happened there: exp((15x)²) = exp(900) overflows.
  await expect(formula(page).getByTestId('value-departs-cause')).toContainText(
    /First failing node [LR]+ = exp\(225\*x\^2\): overflow: exp\(900\) overflows float64/,
  );
  await expect(page.getByTestId('plot-departs-cause')).toContainText('first failing node');
  await expect(formula(page).getByTestId('metric-domain')).toContainText('equals 1/(1 + (15*x)^2) for');
  // The whole tree's domain, its ends placed by the short sum's analysed limit (compiler/treeDomain.ts).
  await expect(formula(page).getByTestId('metric-domain')).toContainText(
    /ends −1\.776\d* \(add-short: .*\) from the constructions’ limits/,
  );
  await expect(page.getByTestId('plot-departs-note')).toContainText('departs from');
  await page.getByLabel('Compile mode').selectOption('robust');
  await expect(formula(page).getByTestId('value-re')).toHaveText(/^0\.00110987/);
  await expect(formula(page).getByTestId('value-departs')).toHaveCount(0);
  await expect(page.getByTestId('plot-departs-note')).toHaveCount(0);
});

test('paper mode i·x states its inherited −i defect with the reason', async ({ page }) => {
  await page.goto('/');
  await expression(page).fill('i*x');
  await expression(page).press('Enter');
  await page.getByLabel('Compile mode').selectOption('paper');
  await expect(formula(page).getByTestId('metric-defects')).toContainText('computes -i*x, not i*x');
  await expect(formula(page).getByTestId('metric-defects')).toContainText('branch-cut');
});

test('a tree typed as EML states the domain of what it computes', async ({ page }) => {
  await page.goto('/');
  // The shortest cosh tree (K 83) typed as EML: it reads as cosh(x) but is right only up to x ≈ 5.9.
  await expression(page).fill(
    'eml(eml(eml(1, eml(eml(1, eml(1, eml(1, eml(eml(eml(1, eml(eml(1, eml(1, eml(eml(x, 1), 1))), 1)), eml(eml(x, 1), 1)), 1)))), 1)), eml(eml(1, eml(eml(1, eml(eml(1, eml(eml(1, eml(eml(eml(1, eml(eml(1, eml(1, eml(x, 1))), 1)), eml(x, 1)), 1)), 1)), 1)), eml(eml(eml(1, eml(1, eml(1, eml(eml(1, 1), 1)))), eml(1, 1)), 1))), 1)), 1)',
  );
  await expression(page).press('Enter');
  await expect(formula(page).getByTestId('decompiled')).toContainText('cosh');
  await expect(formula(page).getByTestId('metric-domain')).toContainText(/equals cosh\(x\) for .*x ≤ 5\.8/);
});

test('the plot hatches shortest cosh(x) outside its stated domain, beyond x ≈ 5.9, beside the departures', async ({
  page,
}) => {
  await page.goto('/');
  await expression(page).fill('cosh(x)');
  await expression(page).press('Enter');
  await page.getByLabel('Compile mode').selectOption('shortest');
  await page.getByLabel('x to').fill('10');
  await page.getByLabel('x to').press('Enter');
  // The Formula panel's statement and the plot's band come from one facts request (formula/factsClient.ts).
  await expect(formula(page).getByTestId('metric-domain')).toContainText(/equals cosh\(x\) for .*x ≤ 5\.8/);
  const band = page.getByTestId('plot-outside-domain').locator('rect');
  await expect(band.locator('title').last()).toHaveText(/outside the stated validity domain for x from 5\.8\d* to 10/);
  await expect(page.getByTestId('plot-outside-note')).toContainText('equals cosh(x) for');
  await expect(page.locator('.plot-legend')).toContainText('outside stated domain');
  await expect(page.getByTestId('plot-departs-note')).toContainText('departs from');
  // Robust cosh is right on the whole range: no band.
  await page.getByLabel('Compile mode').selectOption('robust');
  await expect(page.getByTestId('plot-departs-note')).toHaveCount(0);
  await expect(band).toHaveCount(0);
});
