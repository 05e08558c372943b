import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { runSmallSearch, SCREENS, WIDTHS } from './screens.ts';

/**
 * Every screen at phone, tablet, laptop and desktop widths (issue #15): nothing wider than the viewport (a script
 * over all elements: what is wider must sit in a box of its own that scrolls), the page never scrolls sideways,
 * formulas are not clipped (a KaTeX box that is too wide scrolls inside its own box), regions stack in one column
 * on phones, and controls are at least 44 px on a touch screen. One page per width; screenshots are attached.
 */

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

for (const width of WIDTHS) {
  test(`every screen fits ${width} px`, async ({ browser }, testInfo) => {
    test.setTimeout(180_000);
    const phone = width < 500;
    const context = await browser.newContext({
      viewport: { width, height: phone ? 844 : 900 },
      ...(phone ? { hasTouch: true, isMobile: true, deviceScaleFactor: 2 } : {}),
    });
    const page = await context.newPage();
    await runSmallSearch(page, 3);
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
