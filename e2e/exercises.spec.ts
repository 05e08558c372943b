import { expect, test, type Page } from '@playwright/test';

async function answer(page: Page, step: string, text: string) {
  await page.goto(`/#tour/${step}`);
  const box = page.getByRole('textbox', { name: 'Your answer' });
  await box.fill(text);
  await box.press('Enter');
  return page.getByRole('region', { name: 'Try it' }).getByRole('status');
}

test('“e - 1” reads as ordinary math and solves the first exercise (it used to be read as RPN)', async ({ page }) => {
  const status = await answer(page, 'e', 'e - 1');
  await expect(status).toContainText('Reads as ordinary math');
  await expect(status.getByTestId('exercise-reading')).toHaveAttribute('data-reading', 'e - 1');
  await expect(status).toContainText('Correct');
  await expect(page.getByText(/needs two operands/)).toHaveCount(0);
});

for (const [step, text, reading] of [
  ['i', 'i*i', 'i*i'],
  ['i', 'mul(i, i)', 'i*i'],
  ['pi', '2π', '2*pi'],
  ['pi', 'add(pi, pi)', 'pi + pi'],
  ['numbers', '3', '3'],
] as const) {
  test(`the ${step} exercise accepts “${text}”, checked on its compiled tree`, async ({ page }) => {
    const status = await answer(page, step, text);
    await expect(status.getByTestId('exercise-reading')).toHaveAttribute('data-reading', reading);
    await expect(status).toContainText('Correct');
    await expect(status).toContainText('as the paper compiles it');
  });
}

test('EML answers still read as EML, and a wrong answer says what it read', async ({ page }) => {
  let status = await answer(page, 'e', 'eml(1, eml(1, 1))');
  await expect(status).toContainText('Reads as EML');
  await expect(status).toContainText('Correct');
  status = await answer(page, 'e', 'e - 2');
  await expect(status.getByTestId('exercise-reading')).toHaveAttribute('data-reading', 'e - 2');
  await expect(status).toContainText('Not yet');
});
