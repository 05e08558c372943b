import { expect, test, type Page, type TestInfo } from '@playwright/test';

/**
 * Every screen at phone, tablet, laptop and desktop widths (issue #15): nothing wider than the viewport (a script
 * over all elements: what is wider must sit in a box of its own that scrolls), the page never scrolls sideways,
 * formulas are not clipped (a KaTeX box that is too wide scrolls inside its own box), regions stack in one column
 * on phones, and controls are at least 44 px on a touch screen. One page per width; screenshots are attached.
 */

const WIDTHS = [390, 768, 1024, 1400];

/** The screens, reached by the hash (the app's router), each with a state to wait for. */
const SCREENS: { name: string; hash: string; ready: (page: Page) => Promise<void> }[] = [
  {
    name: 'playground',
    hash: '#',
    ready: async (page) => {
      await expect(page.locator('[data-drawing="tree"]')).toBeVisible();
      await expect(page.locator('[data-drawing="plot"]')).toBeVisible();
    },
  },
  {
    name: 'tour-pi',
    hash: '#tour/pi',
    ready: async (page) => {
      await expect(page.getByRole('region', { name: 'Live check' })).toBeVisible();
      await expect(page.locator('[data-drawing="tour-tree"]').first()).toBeVisible();
    },
  },
  {
    name: 'tour-sin',
    hash: '#tour/sin-cos',
    ready: async (page) => {
      await expect(page.getByTestId('tour-identity').locator('.katex')).toBeVisible();
    },
  },
  {
    name: 'fit',
    hash: '#fit',
    ready: async (page) => {
      await expect(page.getByTestId('verdict')).toBeVisible();
      await expect(page.getByTestId('pareto-row').first()).toBeVisible();
    },
  },
  {
    name: 'docs',
    hash: '#docs',
    ready: async (page) => {
      await expect(page.locator('[data-region="docs"] h1, [data-region="docs"] h2').first()).toBeVisible();
    },
  },
];

interface Overflow {
  what: string;
  right: number;
  width: number;
}

/**
 * Elements that stick out of the viewport, or are wider than it, and are not inside a box that scrolls or clips
 * horizontally and itself fits. Elements moved off-screen on purpose (skip links, visually hidden text) are skipped.
 */
async function overflowing(page: Page): Promise<Overflow[]> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const out: { what: string; right: number; width: number }[] = [];
    const scrollsX = (el: Element) => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(el).overflowX);
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right <= 0) continue; // off-screen on purpose (skip links until focused)
      if (r.right <= vw + 1 && r.width <= vw + 1) continue;
      let contained = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (scrollsX(a) && a.getBoundingClientRect().right <= vw + 1) {
          contained = true;
          break;
        }
      }
      if (contained) continue;
      const cls = typeof el.className === 'string' ? el.className : (el.getAttribute('class') ?? '');
      out.push({
        what: `${el.localName}.${cls.split(' ').join('.')}`,
        right: Math.round(r.right),
        width: Math.round(r.width),
      });
    }
    return out.slice(0, 10);
  });
}

/** KaTeX boxes whose formula is cut off: content wider than a box that hides overflow (one that scrolls is fine). */
async function clippedFormulas(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    for (const k of Array.from(document.querySelectorAll('.katex'))) {
      for (let a = k.parentElement; a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (a.scrollWidth > a.clientWidth + 1 && (s.overflowX === 'hidden' || s.overflowX === 'clip')) {
          bad.push(`${a.localName}.${a.className}: ${k.textContent?.slice(0, 40)}`);
          break;
        }
        if (s.overflowX === 'auto' || s.overflowX === 'scroll') break; // scrolls in its own box, by design
      }
    }
    return bad;
  });
}

async function check(page: Page, testInfo: TestInfo, width: number, screen: string): Promise<void> {
  const scroll = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scroll.scrollWidth, `${screen} at ${width} px: the page scrolls sideways`).toBeLessThanOrEqual(
    scroll.innerWidth,
  );
  expect(await overflowing(page), `${screen} at ${width} px: elements wider than the viewport`).toEqual([]);
  expect(await clippedFormulas(page), `${screen} at ${width} px: clipped formulas`).toEqual([]);
  await testInfo.attach(`${screen}-${width}.png`, {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
}

/** A small exact law for the fitter, so the cockpit shows a verdict, a result card and the Pareto table. */
function table(): string {
  const rows = Array.from({ length: 24 }, (_, i) => {
    const x = 0.5 + (3.5 * i) / 23;
    return `${x.toPrecision(6)},${(x - Math.log(x)).toPrecision(6)}`;
  });
  return ['x,y', ...rows].join('\n');
}

async function runSearch(page: Page): Promise<void> {
  await page.goto('/#fit');
  await page.getByLabel(/Data table/).evaluate((el, t) => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(el, t);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, table());
  await expect(page.getByRole('combobox', { name: /^Protocol/ })).toHaveValue('search');
  await page.getByRole('spinbutton', { name: /^Time budget/ }).fill('3');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByTestId('verdict')).toBeVisible({ timeout: 60_000 });
}

for (const width of WIDTHS) {
  test(`every screen fits ${width} px`, async ({ browser }, testInfo) => {
    test.setTimeout(180_000);
    const phone = width < 500;
    const context = await browser.newContext({
      viewport: { width, height: phone ? 844 : 900 },
      ...(phone ? { hasTouch: true, isMobile: true, deviceScaleFactor: 2 } : {}),
    });
    const page = await context.newPage();
    await runSearch(page);
    for (const screen of SCREENS) {
      await page.evaluate((h) => (location.hash = h), screen.hash);
      await screen.ready(page);
      await check(page, testInfo, width, screen.name);
      if (!phone) continue;
      // One column: every region starts at the same left edge and none sits beside another.
      const boxes = await page.locator('[data-region]:visible').evaluateAll((els) =>
        els.map((e) => {
          const r = e.getBoundingClientRect();
          return { left: Math.round(r.left), top: Math.round(r.top), bottom: Math.round(r.bottom) };
        }),
      );
      expect(boxes.length, screen.name).toBeGreaterThan(0);
      const lefts = new Set(boxes.map((b) => b.left));
      expect(lefts.size, `${screen.name}: regions side by side at ${width} px`).toBe(1);
      // Touch targets: every visible button, select and text field is at least 44 px both ways.
      expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
      const small = await page
        .locator('button:visible, select:visible, input[type=text]:visible, input[type=number]:visible')
        .evaluateAll((els) =>
          els
            .map((e) => ({ e, r: e.getBoundingClientRect() }))
            .filter(({ r }) => r.width > 0 && (r.width < 43.5 || r.height < 43.5))
            .map(
              ({ e, r }) =>
                `${e.textContent?.trim().slice(0, 20) || e.getAttribute('aria-label')} ${r.width}×${r.height}`,
            ),
        );
      expect(small, `${screen.name}: touch targets under 44 px`).toEqual([]);
    }
    await context.close();
  });
}
