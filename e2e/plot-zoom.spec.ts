import { expect, test, type Page } from '@playwright/test';

const LN_X = 'EML[1,EML[EML[1,x],1]]';

const plot = (page: Page) => page.getByRole('region', { name: 'Plot' });
const from = (page: Page) => plot(page).getByLabel('x from', { exact: true });
const to = (page: Page) => plot(page).getByLabel('x to', { exact: true });
const xLabels = (page: Page) => plot(page).locator('[data-axis="x"] text').allTextContents();

async function open(page: Page) {
  await page.goto('/');
  const box = page.getByRole('textbox', { name: 'Expression' });
  await box.fill(LN_X);
  await box.press('Enter');
  await expect(plot(page).getByTestId('plot-svg')).toBeVisible();
  // Pointer and touch events go to what is on screen.
  await plot(page).getByTestId('plot-svg').scrollIntoViewIfNeeded();
  await expect(from(page)).toHaveValue('-4');
  await expect(to(page)).toHaveValue('4');
}

/** The page position of a point of the chart given in its viewBox units (640 × 320). */
async function chartPoint(page: Page, vx: number, vy: number) {
  const box = (await plot(page).getByTestId('plot-svg').boundingBox())!;
  return { x: box.x + (vx / 640) * box.width, y: box.y + (vy / 320) * box.height };
}

const numbers = async (page: Page) => [Number(await from(page).inputValue()), Number(await to(page).inputValue())];

test('the wheel zooms the plot about the pointer: the x-range and the axis labels change, Reset view restores', async ({
  page,
}) => {
  await open(page);
  const before = await xLabels(page);
  // The chart's centre (x = 0 of −4…4 sits at the middle of the plot area, left 60 to right 624).
  const c = await chartPoint(page, (60 + 624) / 2, 160);
  await page.mouse.move(c.x, c.y);
  await page.mouse.wheel(0, -400);
  await expect.poll(async () => (await numbers(page))[1]).toBeLessThan(4);
  const [a, b] = await numbers(page);
  expect(a).toBeGreaterThan(-4);
  // Zoomed about the pointer at x = 0: the range stays centred there.
  expect(Math.abs(a + b)).toBeLessThan(0.01 * (b - a));
  await expect.poll(() => xLabels(page)).not.toEqual(before);
  // The range is the document's: the share link carries it to a new page.
  await page.getByRole('button', { name: 'Share' }).click();
  const other = await page.context().newPage();
  await other.goto(page.url());
  await expect(from(other)).toHaveValue(String(a));
  await expect(to(other)).toHaveValue(String(b));
  await other.close();
  await plot(page).getByRole('button', { name: 'Reset view' }).click();
  await expect(from(page)).toHaveValue('-4');
  await expect(to(page)).toHaveValue('4');
  await expect.poll(() => xLabels(page)).toEqual(before);
  await expect(plot(page).getByRole('button', { name: 'Reset view' })).toBeDisabled();
});

test('a drag pans x, and one undo step takes the whole drag back', async ({ page }) => {
  await open(page);
  const p = await chartPoint(page, 400, 160);
  await page.mouse.move(p.x, p.y);
  await page.mouse.down();
  // A quarter of the plot area (564 viewBox units wide) to the right: the view moves to smaller x by 2.
  const q = await chartPoint(page, 400 + 564 / 4, 160);
  await page.mouse.move(q.x, q.y, { steps: 6 });
  await page.mouse.up();
  // Up to the pointer's whole-pixel rounding.
  await expect.poll(async () => (await numbers(page))[1]).toBeLessThan(2.05);
  const [a, b] = await numbers(page);
  expect(a).toBeCloseTo(-6, 1);
  expect(b).toBeCloseTo(2, 1);
  await page.keyboard.press('Control+z');
  await expect(from(page)).toHaveValue('-4');
  await expect(to(page)).toHaveValue('4');
});

test('the keys + − 0 and the arrows zoom and pan the focused plot', async ({ page }) => {
  await open(page);
  const area = plot(page).getByRole('group', { name: /Plot view/ });
  await area.focus();
  await page.keyboard.press('+');
  await expect.poll(() => numbers(page)).toEqual([-2.6667, 2.6667]);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => numbers(page)).toEqual([-2.1334, 3.2]);
  await page.keyboard.press('0');
  await expect.poll(() => numbers(page)).toEqual([-4, 4]);
  await page.keyboard.press('-');
  await expect.poll(() => numbers(page)).toEqual([-6, 6]);
});

test.describe('on a touch screen', () => {
  test.use({ hasTouch: true });

  test('a two-finger pinch zooms in about the fingers and changes the axis labels', async ({ page }) => {
    await open(page);
    const before = await xLabels(page);
    const cdp = await page.context().newCDPSession(page);
    const mid = (60 + 624) / 2;
    const touches = async (type: 'touchStart' | 'touchMove' | 'touchEnd', spread: number) => {
      const l = await chartPoint(page, mid - spread, 160);
      const r = await chartPoint(page, mid + spread, 160);
      await cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints:
          type === 'touchEnd'
            ? []
            : [
                { x: l.x, y: l.y, id: 1 },
                { x: r.x, y: r.y, id: 2 },
              ],
      });
    };
    // Fingers 60 units apart, spread to 240: four times closer in.
    await touches('touchStart', 30);
    for (const s of [60, 90, 120]) await touches('touchMove', s);
    await touches('touchEnd', 0);
    await expect.poll(async () => (await numbers(page))[1]).toBeLessThan(1.5);
    const [a, b] = await numbers(page);
    expect(b - a).toBeGreaterThan(1.5);
    expect(b - a).toBeLessThan(2.5);
    expect(Math.abs(a + b)).toBeLessThan(0.05 * (b - a));
    await expect.poll(() => xLabels(page)).not.toEqual(before);
  });
});
