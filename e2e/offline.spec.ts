import { expect, test } from '@playwright/test';

/**
 * Offline after the first visit (issue #15: a classroom with bad Wi-Fi): the service worker precaches the build;
 * with the network gone, a reload still opens the app, the tour steps on, and the fitter finds a formula (its
 * workers come from the cache, and so do the tfjs wasm binaries the gradient trainer loads).
 */

function table(): string {
  const rows = Array.from({ length: 24 }, (_, i) => {
    const x = 0.5 + (3.5 * i) / 23;
    return `${x.toPrecision(6)},${(x - Math.log(x)).toPrecision(6)}`;
  });
  return ['x,y', ...rows].join('\n');
}

test('the app, the tour and the fitter work offline after the first visit', async ({ page, context }) => {
  test.setTimeout(150_000);
  await page.goto('/');
  await expect(page.locator('[data-drawing="tree"]')).toBeVisible();
  // The worker is installed (every file precached), active, and controls this page.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', undefined, {
    polling: 100,
    timeout: 60_000,
  });
  const cached = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) urls.push(r.url);
    return urls;
  });
  expect(cached.some((u) => /\.wasm(\?|$)/.test(u))).toBe(true);
  expect(cached.some((u) => /searchWorker-.*\.js/.test(u))).toBe(true);
  expect(cached.some((u) => /trainingWorker-.*\.js/.test(u))).toBe(true);
  expect(cached.some((u) => /manifest\.webmanifest/.test(u))).toBe(true);

  // No network at all: offline emulation, and every request that reaches the network (the page's or the service
  // worker's own) aborted, since the emulation alone does not outlive a reload here.
  await context.setOffline(true);
  await context.route('**/*', (route) => route.abort('internetdisconnected'));
  const networkReachable = () =>
    page.evaluate(() =>
      fetch(`/not-precached-${Date.now()}.txt`).then(
        () => true,
        () => false,
      ),
    );
  await page.reload();
  expect(await networkReachable()).toBe(false);
  await expect(page.getByRole('heading', { name: 'EML Playground' })).toBeVisible();
  await expect(page.locator('[data-drawing="tree"]')).toBeVisible();

  // Every tfjs wasm binary is served offline, whole.
  const wasm = await page.evaluate(async (urls) => {
    const out: { url: string; ok: boolean; bytes: number }[] = [];
    for (const url of urls.filter((u) => /\.wasm(\?|$)/.test(u))) {
      const r = await fetch(url);
      out.push({ url, ok: r.ok, bytes: (await r.arrayBuffer()).byteLength });
    }
    return out;
  }, cached);
  expect(wasm.length).toBe(3);
  for (const w of wasm) expect(w.ok && w.bytes > 100_000, w.url).toBe(true);

  // The tour: a step and the next one.
  await page.evaluate(() => (location.hash = '#tour/e'));
  await expect(page.getByText('Step 1 of 18')).toBeVisible();
  await page.getByRole('button', { name: 'Next →' }).click();
  await expect(page.getByText('Step 2 of 18')).toBeVisible();
  await expect(page.locator('[data-drawing="tour-tree"]').first()).toBeVisible();

  // The fitter: paste a small table, find a formula, get a result.
  await page.evaluate(() => (location.hash = '#fit'));
  await page.getByLabel(/Data table/).evaluate((el, t) => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(el, t);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, table());
  await expect(page.getByText('24 points', { exact: false })).toBeVisible();
  await expect(page.getByRole('combobox', { name: /^Protocol/ })).toHaveValue('search');
  await page.getByRole('spinbutton', { name: /^Time budget/ }).fill('4');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByTestId('verdict')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('formula-text')).not.toBeEmpty();
  expect(await networkReachable()).toBe(false);
});
