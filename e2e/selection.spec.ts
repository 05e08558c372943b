import { expect, test } from '@playwright/test';

// x − y = eml(ln x, exp y), K 11: every node is drawn (small trees start expanded).
const SUB = 'EML[EML[1,EML[EML[1,x],1]],EML[y,1]]';

const NODES: Array<{ path: string; where: string }> = [
  { path: 'RL', where: 'ln › exp' },
  { path: 'LRL', where: 'exp › ln › exp' },
  { path: '', where: 'the root' },
  { path: 'R', where: 'ln' },
  { path: 'LRLR', where: 'exp › ln › exp › ln' },
  { path: 'L', where: 'exp' },
];

test('each click on a tree node details that node and edits it, the first click included (issue 15)', async ({
  page,
}) => {
  await page.goto('/');
  const box = page.getByRole('textbox', { name: 'Expression' });
  await box.fill(SUB);
  await box.press('Enter');
  const tree = page.getByRole('region', { name: 'Tree' });
  await expect(tree.getByRole('treeitem')).toHaveCount(11);
  const details = tree.getByRole('complementary', { name: 'Node details' });
  for (const node of NODES) {
    await tree.locator(`[role="treeitem"][data-path="${node.path}"]`).click();
    await expect(details.getByRole('heading')).toHaveText(new RegExp(`^Node at ${node.where}( · .* block)?$`));
    await expect(tree.locator(`[role="treeitem"][data-path="${node.path}"]`)).toHaveAttribute('aria-selected', 'true');
    await expect(tree.locator('[role="treeitem"][aria-selected="true"]')).toHaveCount(1);
    await expect(details.getByTestId('node-value')).not.toHaveText('');
    // The editor edits the same node the details show.
    await expect(page.getByText(`Edit node at ${node.where} (K`)).toBeVisible();
  }
});
