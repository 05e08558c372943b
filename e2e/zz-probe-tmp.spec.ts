import { expect, test } from '@playwright/test';
test('probe', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Compile mode').selectOption('paper');
  const box = page.getByRole('textbox', { name: 'Expression', exact: true });
  await box.fill('tan(x)'); await box.press('Enter');
  await expect(page.getByRole('tree')).toHaveAttribute('aria-label', 'EML tree, K 1183');
  for (let i = 0; i < 2; i++) {
    await page.evaluate(() => performance.clearMeasures());
    await page.getByRole('button', { name: /all blocks/ }).click();
    await page.waitForTimeout(1500);
    console.log('toggle', await page.evaluate(() => performance.getEntriesByName('eml-tree:layout+draw').map(e=>e.duration.toFixed(0)).join(',')));
  }
  await page.getByRole('button', { name: /Expand all blocks/ }).click();
  await expect(page.getByRole('treeitem')).toHaveCount(1183);
  const fps = (css: string) => page.evaluate((css) => new Promise<number>((resolve) => {
    let st = document.getElementById('probe-css'); if (!st) { st = document.createElement('style'); st.id='probe-css'; document.head.append(st); }
    st.textContent = css;
    const svg = document.querySelector('svg[role="tree"]')!;
    const r = svg.getBoundingClientRect();
    let n = 0; const t0 = performance.now();
    const frame = () => { svg.dispatchEvent(new WheelEvent('wheel', { deltaY: n % 60 < 30 ? -40 : 40, clientX: r.x + r.width/2, clientY: r.y + r.height/2, bubbles: true, cancelable: true }));
      if (++n < 90) requestAnimationFrame(frame); else resolve((n / (performance.now() - t0)) * 1000); };
    requestAnimationFrame(frame);
  }), css);
  for (const [name, css] of [['base', ''], ['notext', '.tree-svg text{display:none}'], ['nonodes', '.tree-svg .nodes{display:none}'], ['noedges', '.tree-svg path.edges{display:none}'], ['nodash', '.tree-svg *{stroke-dasharray:none!important}'], ['speed', '.tree-svg *{shape-rendering:optimizeSpeed; text-rendering: optimizeSpeed}'], ['empty', '.tree-svg > g{display:none}'], ['base', '']]) {
    console.log(name, (await fps(css)).toFixed(1));
  }
});
