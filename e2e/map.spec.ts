import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { constructionGraph } from '../src/eml/compiler/constructionGraph.ts';
import { longTasksSince, observeLongTasks } from '../scripts/pageSteps.ts';
import { MAIN_THREAD_GUARD_MS } from './mainThread.ts';

/**
 * The map of constructions (#map, issue #16): drawn from the rules table and the exp/log lowering table (sin, cos,
 * …), built in a worker, the page free while it opens and fills in (a guard, e2e/mainThread.ts; the 50 ms target
 * is a figure of perf:tasks); hover lights what a construction uses and what uses it, every node opens its own tree
 * in the playground, readable at 390 px, axe clean in light and dark.
 */

const graph = constructionGraph();
const mapNode = (page: Page, id: string) => page.locator(`.map-svg [data-node="${id}"]`);

async function openMap(page: Page) {
  await page.goto('/#map');
  await expect(page.getByRole('heading', { name: 'Map of constructions' })).toBeVisible();
  await expect(page.locator('.map-svg [data-node]')).toHaveCount(graph.nodes.length);
}

test('the map is reached from the navigation and shows every construction of the rules table', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Map of constructions' }).click();
  await expect(page).toHaveURL(/#map$/);
  await expect(page.locator('.map-svg [data-node]')).toHaveCount(graph.nodes.length);
  await expect(page.locator('.map-edges path')).toHaveCount(graph.edges.length);
  const sub = mapNode(page, 'sub');
  await expect(sub).toContainText('K 11');
  await expect(sub).toContainText('paper 83 · robust 11 · shortest 11');
  // Below the rules, the functions paper mode lowers through their exp/log forms, each with its K per mode.
  const sin = graph.byId.get('sin')!;
  await expect(mapNode(page, 'sin')).toContainText(`K ${sin.k}`);
  const k = sin.kByMode!;
  await expect(mapNode(page, 'sin')).toContainText(`paper ${k.paper} · robust ${k.robust} · shortest ${k.shortest}`);
  await expect(page.locator('.map-progress')).toHaveText(
    `K per mode of all ${graph.nodes.length} constructions computed.`,
  );
});

test('sin depends on i and what its exp/log form uses; its tour step is linked', async ({ page }) => {
  await openMap(page);
  const sin = graph.byId.get('sin')!;
  expect(sin.dependsOn).toContain('i');
  await mapNode(page, 'sin').focus();
  await expect(mapNode(page, 'sin')).toHaveClass(/\bactive\b/);
  for (const id of sin.dependsOn) await expect(mapNode(page, id)).toHaveClass(/\buses\b/);
  const details = page.getByRole('complementary', { name: 'Construction details' });
  await expect(details).toContainText('Exp/log form');
  await expect(details.getByRole('list', { name: 'Uses' }).getByRole('button')).toHaveCount(sin.dependsOn.length);
  await details.getByRole('link', { name: /^Tour step:/ }).click();
  await expect(page).toHaveURL(/#tour\/sin-cos$/);
});

test('the page stays free while the map opens and its K per mode fill in', async ({ page }) => {
  await observeLongTasks(page);
  // From a light screen, once idle: the window holds the map's own work, not the app's start.
  await page.goto('/#docs');
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve)));
  // Polled from the page itself, 4 times a second: Playwright's locator polling makes main-thread tasks of its own.
  const t0 = await page.evaluate(() => {
    const now = performance.now();
    location.hash = '#map';
    return now;
  });
  await page.waitForFunction(() => document.querySelector('[data-map-state="done"]') !== null, undefined, {
    polling: 250,
    timeout: 60_000,
  });
  const filled = await page.evaluate(() => document.querySelectorAll('.map-svg [data-node]').length);
  expect(filled).toBe(graph.nodes.length);
  const long = await longTasksSince(page, t0);
  expect(long.filter((x) => x.duration > MAIN_THREAD_GUARD_MS)).toEqual([]);
});

test('hover and focus light what a construction uses and what uses it', async ({ page }) => {
  await openMap(page);
  const sub = graph.byId.get('sub')!;
  // The map starts at a readable scale, top rows first; the lowered functions made it wider than the box.
  await page.getByRole('button', { name: 'Show all' }).click();
  await expect(page.locator('.map-svg')).toHaveAttribute('data-zoom', 'still');
  await mapNode(page, 'sub').hover();
  await expect(mapNode(page, 'sub')).toHaveClass(/\bactive\b/);
  for (const id of sub.dependsOn) await expect(mapNode(page, id)).toHaveClass(/\buses\b/);
  for (const id of sub.usedBy) await expect(mapNode(page, id)).toHaveClass(/\busers\b/);
  await expect(mapNode(page, 'pi')).toHaveClass(/\bdim\b/);
  await expect(page.locator('.map-edges path.uses')).toHaveCount(sub.dependsOn.length);
  await expect(page.locator('.map-edges path.users')).toHaveCount(sub.usedBy.length);
  const details = page.getByRole('complementary', { name: 'Construction details' });
  await expect(details.getByRole('list', { name: 'Uses' }).getByRole('button')).toHaveCount(sub.dependsOn.length);
  await expect(details.getByRole('link', { name: 'Tour step: Subtraction' })).toHaveAttribute('href', '#tour/sub');

  // Keyboard: focus lights the same way.
  await mapNode(page, 'pi').focus();
  await expect(mapNode(page, 'pi')).toHaveClass(/\bactive\b/);
  await expect(mapNode(page, 'i')).toHaveClass(/\buses\b/);
  await expect(details.getByRole('heading')).toContainText('π');
});

test('every node opens its own tree in the playground (click), and Enter does too', async ({ page }) => {
  test.setTimeout(180_000);
  await openMap(page);
  const tree = page.getByRole('region', { name: 'Tree' }).getByRole('tree');
  for (const node of graph.nodes) {
    // The map starts fitted to its width (readable text); "Show all" brings every node into the box.
    await page.getByRole('button', { name: 'Show all' }).click();
    // Show all eases the view for a fifth of a second; a click aimed while it moves can land beside the node.
    await expect(page.locator('.map-svg')).toHaveAttribute('data-zoom', 'still');
    await mapNode(page, node.id).click();
    await expect(page).not.toHaveURL(/#map/);
    await expect(tree, node.id).toHaveAttribute('aria-label', `EML tree, K ${node.k}`);
    // A lowered function opens as its math in paper mode (the lowering table is paper mode's).
    if (node.kind === 'lowering')
      await expect(page.getByRole('textbox', { name: 'Expression' })).toHaveValue(node.math);
    await page.goBack();
    await expect(page.locator('.map-svg [data-node]')).toHaveCount(graph.nodes.length);
  }
  await mapNode(page, 'mul-short').focus();
  await page.keyboard.press('Enter');
  await expect(tree).toHaveAttribute('aria-label', `EML tree, K ${graph.byId.get('mul-short')!.k}`);
});

test('the tour link of a construction opens its step', async ({ page }) => {
  await openMap(page);
  await mapNode(page, 'ln').focus();
  await page.getByRole('link', { name: /^Tour step:/ }).click();
  await expect(page).toHaveURL(/#tour\/ln$/);
});

for (const scheme of ['light', 'dark'] as const)
  test(`at 390 px in the ${scheme} scheme the map fits the screen and is axe clean`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: scheme });
    const page = await context.newPage();
    await openMap(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // Readable: the top node is drawn at least 0.7 × its layout size, inside the box.
    const box = (await page.locator('.map-svg').boundingBox())!;
    const one = (await mapNode(page, '1').locator('rect').boundingBox())!;
    expect(one.width).toBeGreaterThanOrEqual(196 * 0.7 - 1);
    expect(one.x).toBeGreaterThanOrEqual(box.x);
    expect(one.x + one.width).toBeLessThanOrEqual(box.x + box.width);
    await mapNode(page, '1').hover();
    const r = await new AxeBuilder({ page }).analyze();
    const serious = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`)).toEqual([]);
    await context.close();
  });
