import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { compile } from '../src/eml/compiler/compile.ts';
import { metrics } from '../src/eml/metrics.ts';
import { printFunctional } from '../src/eml/syntax/index.ts';
import { layoutDag } from '../src/ui/tree/dagLayout.ts';

/**
 * The Tree region's "Shared subtrees (DAG)" toggle (issue #16): a paper-mode product (K 41) has shared subtrees;
 * drawn shared it has fewer nodes than K, "×n" badges on the shared ones, and both sizes stated. Selecting and
 * editing are in the tree drawing, which comes back when the toggle is turned off.
 */
const tree = compile('x*y', { mode: 'paper' }).tree;
const m = metrics(tree);
const dag = layoutDag(tree)!;

test('shared subtrees: fewer nodes than K, reference-count badges, both sizes, and back to the tree', async ({
  page,
}) => {
  await page.goto('/');
  const box = page.getByRole('textbox', { name: 'Expression' });
  await box.fill(printFunctional(tree));
  await box.press('Enter');
  const region = page.getByRole('region', { name: 'Tree' });
  const treeWidget = region.getByRole('tree');
  await expect(treeWidget).toHaveAttribute('aria-label', `EML tree, K ${tree.k}`);

  const toggle = region.getByRole('checkbox', { name: 'Shared subtrees (DAG)' });
  await toggle.check();
  const drawing = region.locator('[data-drawing="dag"]');
  await expect(drawing).toBeVisible();
  await expect(treeWidget).toBeHidden();
  const nodes = drawing.locator('.dag-node');
  await expect(nodes).toHaveCount(m.distinctSubtrees);
  expect(m.distinctSubtrees).toBeLessThan(tree.k);
  const badges = drawing.locator('.dag-badge');
  await expect(badges).toHaveCount(dag.shared);
  expect(dag.shared).toBeGreaterThan(0);
  const expected = dag.nodes.filter((d) => d.refs > 1).map((d) => `×${d.refs}`);
  expect((await badges.allTextContents()).sort()).toEqual(expected.sort());
  const status = region.getByTestId('dag-status');
  await expect(status).toContainText(`K ${tree.k} as a tree`);
  await expect(status).toContainText(`${m.distinctSubtrees} distinct nodes as a DAG`);
  await expect(region.getByText(/turn “Shared subtrees” off to select or edit/)).toBeVisible();
  await expect(region.getByRole('button', { name: 'Replace with 1' })).toHaveCount(0);

  const r = await new AxeBuilder({ page }).include('[data-region="tree"]').analyze();
  const serious = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => v.id)).toEqual([]);

  await toggle.uncheck();
  await expect(drawing).toHaveCount(0);
  await expect(treeWidget).toBeVisible();
  await region.getByRole('treeitem').first().click();
  await expect(region.getByRole('treeitem', { selected: true })).toHaveCount(1);
  await expect(region.getByRole('button', { name: 'Replace with 1' })).toBeVisible();
});
