/**
 * Issue 18, the playground: nothing a user types, pastes or opens breaks it. Each test feeds hostile input — the
 * issue's numeric edge cases, `constructor`-named variables, a 50 000-character name, 1 MB of text, a K 200 001
 * tree, hostile share links, corrupted autosaves, a storage that refuses to save, a boot that never finished — and
 * then checks that the page still works (regions shown, none failed, a valid expression shows its tree) and that a
 * reload never blanks it. Tests wait for states, never for time.
 */
import { expect, test, type Page } from '@playwright/test';
import { longTasksSince, observeLongTasks, pageNow } from '../scripts/pageSteps.ts';
import LZString from 'lz-string';

const AUTOSAVE = 'eml-playground/autosave/v1';
const BOOT_MARK = 'eml-playground/booting/v1';
const DEFAULT_DOC = {
  v: 1,
  text: 'EML[1,EML[EML[1,x],1]]',
  inputKind: 'auto',
  compileMode: 'compact',
  clean: false,
  semantics: 'complex',
  x: 2,
  y: 3,
  xMin: -4,
  xMax: 4,
};
/** The budget: no main-thread task over this after an input. */
const LONG_TASK_BUDGET_MS = 200;

const expression = (page: Page) => page.getByRole('textbox', { name: 'Expression' });
const formula = (page: Page) => page.getByRole('region', { name: 'Formula' });
const treeRegion = (page: Page) => page.getByRole('region', { name: 'Tree' });
const rawLink = (json: string) => `/#s=${LZString.compressToEncodedURIComponent(json)}`;
const link = (doc: Record<string, unknown>) => rawLink(JSON.stringify({ ...DEFAULT_DOC, ...doc }));

/** The boot counts as failed if the next load comes before it settled (src/store/boot.ts); wait as a user would. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction((key) => sessionStorage.getItem(key) === null, BOOT_MARK, { polling: 50 });
}

/**
 * page.reload, once more on the preview server's occasional failed response (net::ERR_HTTP_RESPONSE_CODE_FAILURE,
 * seen on this shared machine on plain reloads of '/'): that is the test server, not the app, which is what the
 * next load checks.
 */
async function reload(page: Page): Promise<void> {
  const url = page.url();
  try {
    await page.reload();
  } catch (e) {
    if (!String(e).includes('ERR_HTTP_RESPONSE_CODE_FAILURE')) throw e;
    await page.goto(url);
  }
}

/** Durations, rounded to the ms, of the long tasks that started after `since` (a performance.now() of the page). */
const taskMsSince = async (page: Page, since: number) =>
  (await longTasksSince(page, since)).map((t) => Math.round(t.duration));
/** Durations of the slices in which the page rebuilt a tree read by the reading worker (performance.measure). */
const rebuildSlices = (page: Page) =>
  page.evaluate(() => performance.getEntriesByName('eml-playground:rebuild-slice').map((e) => Math.round(e.duration)));

/**
 * Pastes `text` over the Expression box's text: a paste event carrying the text, as the browser sends one. The app takes a
 * long paste itself (it would make the browser lay out 1 MB of text: 350–650 ms measured here); a short one, which
 * the app leaves to the browser, is then put in as the browser would (an untrusted event inserts nothing).
 * (A Playwright fill types through the editor, 450–650 ms for 1 MB before the app runs at all.)
 */
async function paste(page: Page, text: string): Promise<void> {
  await expression(page).evaluate((box, value) => {
    (box as HTMLTextAreaElement).select(); // as a user replacing the text: select all, then paste
    const clipboardData = new DataTransfer();
    clipboardData.setData('text/plain', value);
    const event = new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true });
    box.dispatchEvent(event);
    if (event.defaultPrevented) return;
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(box, value);
    box.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}

/**
 * Waits until a long draft has been read (in the reading worker, then rebuilt on the page in slices); returns the
 * page's time then, so a caller can tell the reading from the views in its log.
 */
async function readingDone(page: Page): Promise<number> {
  await expect(page.getByText(/^Reading a long expression/)).toHaveCount(0, { timeout: 30_000 });
  // The preview server here sometimes answers a request with a failure (see reload()); when that request was the
  // reading worker's script, the app says the reading failed and offers Retry (what a user would press). That is
  // logged and retried once; a second failure fails the test.
  const retry = page.getByRole('button', { name: 'Retry reading' });
  if ((await retry.count()) > 0) {
    console.log(`reading failed, retried once: ${await page.locator('.read-failed').textContent()}`);
    await retry.click();
    await expect(page.getByText(/^Reading a long expression/)).toHaveCount(0, { timeout: 30_000 });
  }
  await expect(retry).toHaveCount(0);
  return pageNow(page);
}

/**
 * A draft over 100 000 characters is shown as a bounded excerpt with its size, never laid out whole in the
 * textarea (that layout alone took 100–650 ms here).
 */
async function expectExcerpt(page: Page, chars: number): Promise<void> {
  const large = page.getByTestId('expression-large');
  await expect(large).toContainText(`${chars.toLocaleString('en')} characters`);
  expect((await large.getByLabel('Excerpt of the long expression').textContent())!.length).toBeLessThan(500);
  await expect(expression(page)).toHaveValue('');
}

/** The page is up: header, the Expression box, every region, none of them failed. */
async function expectRegions(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'EML Playground' })).toBeVisible();
  await expect(expression(page)).toBeVisible();
  for (const name of ['Formula', 'Tree', 'Plot'])
    await expect(page.getByRole('region', { name, exact: true })).toBeVisible();
  await expect(page.locator('.region-failed')).toHaveCount(0);
}

/** The page still works: a valid expression typed now shows its tree and value. */
async function expectWorks(page: Page): Promise<void> {
  await expectRegions(page);
  await expression(page).fill('eml(x, 1)');
  await expression(page).press('Enter');
  await expect(formula(page).getByTestId('metric-k')).toHaveText('3');
  await expect(treeRegion(page).locator('svg[role="tree"]')).toHaveAttribute('aria-label', 'EML tree, K 3');
  await expect(formula(page).getByTestId('value-re')).toHaveText(/^7\.389056/);
}

async function reloadAndExpectUp(page: Page): Promise<void> {
  await settled(page);
  await reload(page);
  await expectRegions(page);
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await settled(page);
});

const TYPED = ['0*x', 'x*0', '0x', '0 sin(x)', 'sqrt(1e999)', '2^(10^10)', '1e-400^1e-400', '1e4096', '1.2e-500^64'];

test('the issue’s numeric edge cases: each compiles or is a positioned error; the page works and survives a reload', async ({
  page,
}) => {
  for (const text of TYPED) {
    await expression(page).fill(text);
    await expression(page).press('Enter');
    // Either a tree (its K) or a positioned error: never a failed region, never a blank page.
    await expect(formula(page).getByTestId('metric-k').or(page.locator('.parse-error')).first()).toBeVisible();
    await expectRegions(page);
    await expect(expression(page)).toHaveValue(text);
    await reloadAndExpectUp(page);
    // The autosave kept the draft (the user's text), whatever it was.
    await expect(expression(page)).toHaveValue(text);
  }
  await expectWorks(page);
});

test('variables named like object properties have no value (not NaN)', async ({ page }) => {
  for (const text of ['eml(constructor, 1)', 'eml(toString, __proto__)']) {
    await expression(page).fill(text);
    await expression(page).press('Enter');
    await expect(formula(page).getByTestId('metric-k')).toHaveText('3');
    await expect(formula(page).getByTestId('value-re')).toHaveText('—');
    await expect(formula(page).getByRole('status')).toContainText('no value for');
  }
  await reloadAndExpectUp(page);
  await expectWorks(page);
});

test('a 50 000-character name is a short error at once; the page stays responsive', async ({ page }) => {
  await observeLongTasks(page);
  await reload(page);
  await expectRegions(page);
  await settled(page);
  const t0 = await pageNow(page);
  await paste(page, `eml(${'a'.repeat(50_000)}, 1)`);
  const alert = page.locator('.parse-error');
  await expect(alert).toContainText(/characters|long/);
  expect((await alert.textContent())!.length).toBeLessThan(1000);
  expect(Math.max(0, ...(await taskMsSince(page, t0)))).toBeLessThan(LONG_TASK_BUDGET_MS);
  await reloadAndExpectUp(page);
  await expectWorks(page);
});

test('1 MB pasted into the Expression box: a bounded error and excerpt, no task over 200 ms, an autosave that boots', async ({
  page,
}) => {
  await observeLongTasks(page);
  await reload(page);
  await expectRegions(page);
  await settled(page);
  const texts = ['x+'.repeat(500_000), `eml(${'1, '.repeat(333_333)}x)`];
  for (const text of texts) {
    const t0 = await pageNow(page);
    await paste(page, text);
    await readingDone(page);
    const alert = page.locator('.parse-error');
    await expect(alert).toBeVisible();
    expect((await alert.textContent())!.length).toBeLessThan(1000);
    await expectExcerpt(page, text.length);
    await expect(formula(page).getByTestId('metric-k')).toHaveText('7');
    const tasks = await taskMsSince(page, t0);
    console.log(`1 MB paste (${text.slice(0, 8)}…): long tasks since the paste ${JSON.stringify(tasks)}`);
    expect(Math.max(0, ...tasks)).toBeLessThan(LONG_TASK_BUDGET_MS);
    // The text is the user's: it can be downloaded whole.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download text' }).click();
    expect((await download).suggestedFilename()).toBe('eml-expression.txt');
    // Autosave keeps drafts up to 1 000 000 characters (what a boot accepts); the second text is 5 over, which
    // autosave says (with a download offered) instead of losing it silently.
    const kept = text.length <= 1_000_000;
    if (!kept) await expect(page.locator('.autosave-status')).toContainText('Autosave skipped');
    // The last good tree stays, and a reload (the autosave holds the 1 MB draft) is not blank.
    await reloadAndExpectUp(page);
    await expectExcerpt(page, kept ? text.length : texts[0].length);
  }
  // Asked for, the full text goes into the textarea (accepting its layout cost).
  await page.getByRole('button', { name: /Edit the full text/ }).click();
  await expect(expression(page)).toHaveValue(texts[0]);
  await expectWorks(page);
});

/** A seeded random EML tree with n eml nodes, as functional text. */
function randomTreeText(n: number, seed: number): string {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const parts: string[] = [];
  const stack: number[] = [n];
  while (stack.length > 0) {
    const m = stack.pop()!;
    if (m === -1) parts.push(', ');
    else if (m === -2) parts.push(')');
    else if (m === 0) parts.push(rnd() < 0.5 ? 'x' : '1');
    else {
      const left = Math.floor(rnd() * m);
      parts.push('eml(');
      stack.push(-2, m - 1 - left, -1, left);
    }
  }
  return parts.join('');
}

/**
 * The K 200 001 budgets are timings on a machine whose 2 cores other jobs share: a measurement disturbed by them is
 * repeated (up to twice) rather than the budget raised. The budget holds from the paste on: the text is read in the
 * reading worker, the tree rebuilt in slices, and the 800 kB text is shown as an excerpt, not laid out.
 */
test.describe('K 200 001', () => {
  test.describe.configure({ retries: 2 });

  for (const [name, text, depth] of [
    ['a random tree', randomTreeText(100_000, 7), null],
    ['eml( nested 100 000 deep', `${'eml('.repeat(100_000)}x${', 1)'.repeat(100_000)}`, '100000'],
  ] as const) {
    test(`K 200 001 (${name}): a bounded view, no task over 200 ms from the paste, export still there`, async ({
      page,
    }) => {
      await observeLongTasks(page);
      await reload(page);
      await expectRegions(page);
      await settled(page);
      const t0 = await pageNow(page);
      await paste(page, text);
      const t1 = await readingDone(page);
      await expectExcerpt(page, text.length);
      await expect(formula(page).getByTestId('metric-k')).toHaveText('200001', { timeout: 30_000 });
      if (depth) await expect(formula(page).getByTestId('metric-depth')).toHaveText(depth);
      await expect(treeRegion(page).locator('.tree-status')).toContainText('too large to draw whole');
      await expect(treeRegion(page).locator('svg[role="tree"] g').first()).toBeVisible();
      await expect(page.getByRole('region', { name: 'Plot' }).locator('svg, .plot-empty').first()).toBeVisible();
      await expect(formula(page).getByTestId('decompiled')).toBeVisible();
      await expect(page.locator('[data-export="eml"]')).toBeEnabled();
      const tasks = await taskMsSince(page, t0);
      console.log(
        `K 200 001 (${name}): long tasks since the paste ${JSON.stringify(tasks)} (of which after reading ${JSON.stringify(await taskMsSince(page, t1))}); rebuild slices ${JSON.stringify(await rebuildSlices(page))} ms`,
      );
      expect(Math.max(0, ...tasks)).toBeLessThan(LONG_TASK_BUDGET_MS);
      await expectRegions(page);
      await reloadAndExpectUp(page);
      await expect(formula(page).getByTestId('metric-k')).toHaveText('200001', { timeout: 30_000 });
      await expectWorks(page);
    });
  }
});

test('hostile share links: each opens, or falls back with a message; the page works and a reload is not blank', async ({
  page,
}) => {
  const valid = link({ text: 'eml(x, 1)' });
  const links = [
    link({ text: '0*x', inputKind: 'math' }),
    link({ text: 'sqrt(1e999)' }),
    link({ text: '1e4096' }),
    link({ text: 'eml(constructor, __proto__)' }),
    link({ text: 'eml(x, 1)', x: 1e308, xMin: -Infinity }),
    rawLink(
      JSON.stringify(DEFAULT_DOC).replace(
        '{',
        '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},',
      ),
    ),
    valid.slice(0, valid.length - 12),
    '/#s=' + '%'.repeat(500),
    '/#s=' + 'A'.repeat(300_000),
    '/#s=N4Ig',
    '/#s=&s=&s=',
  ];
  for (const url of links) {
    // Via another document, so the link is a fresh load (a hash-only goto would not boot the app again).
    await page.goto('about:blank');
    await page.goto(url);
    await expectRegions(page);
    expect(await page.evaluate(() => (({}) as Record<string, unknown>).polluted ?? null)).toBeNull();
    await reloadAndExpectUp(page);
  }
  await page.goto('about:blank');
  await page.goto('/');
  await expectWorks(page);
});

test('corrupted autosaves: never blank; what cannot be loaded is said and handed back', async ({ page }) => {
  const saves = [
    '{not json',
    'null',
    '[]',
    '"text"',
    JSON.stringify({ doc: { ...DEFAULT_DOC, text: 5 } }),
    JSON.stringify({ doc: { ...DEFAULT_DOC, x: 'NaN' }, draft: 'eml(' }),
    JSON.stringify({ doc: { ...DEFAULT_DOC, text: '1e4096' }, draft: '1e4096' }),
    JSON.stringify({ doc: { ...DEFAULT_DOC, text: '0*x' }, draft: '0*x' }),
    JSON.stringify({ doc: { ...DEFAULT_DOC, v: 99 } }),
    JSON.stringify({ doc: DEFAULT_DOC, draft: 'x'.repeat(1_500_000) }),
  ];
  for (const save of saves) {
    await settled(page);
    await page.evaluate(([key, value]) => localStorage.setItem(key, value), [AUTOSAVE, save] as const);
    await reload(page);
    await expectRegions(page);
    await reloadAndExpectUp(page);
  }
  // A damaged save is offered back as text to copy or download.
  await settled(page);
  await page.evaluate(([key]) => localStorage.setItem(key, '{not json'), [AUTOSAVE] as const);
  await reload(page);
  const notice = page.getByRole('alert', { name: 'Start-up notice' });
  await expect(notice).toContainText('damaged');
  await expect(notice.getByRole('textbox')).toHaveValue('{not json');
  await expectWorks(page);
});

test('a boot that never finished: the next load starts with the default and offers the saved work as text', async ({
  page,
}) => {
  const saved = JSON.stringify({ doc: { ...DEFAULT_DOC, text: 'eml(y, 1)' }, draft: 'eml(y, 1)' });
  await page.evaluate(
    ([key, value, mark]) => {
      localStorage.setItem(key, value);
      sessionStorage.setItem(mark, '1'); // as left by a load that died before it settled
    },
    [AUTOSAVE, saved, BOOT_MARK] as const,
  );
  await reload(page);
  const notice = page.getByRole('alert', { name: 'Start-up notice' });
  await expect(notice).toContainText('did not finish starting');
  await expect(notice.getByRole('textbox')).toHaveValue(saved);
  await expect(formula(page).getByTestId('metric-k')).toHaveText('7');
  const download = page.waitForEvent('download');
  await notice.getByRole('button', { name: 'Download' }).click();
  expect((await download).suggestedFilename()).toBe('eml-playground-autosave.json');
  // This boot settles, so the next load restores the work again.
  await settled(page);
  await reload(page);
  await expect(expression(page)).toHaveValue('eml(y, 1)');
  await expect(page.getByRole('alert', { name: 'Start-up notice' })).toHaveCount(0);
});

test('a full storage: autosave says so and offers the work as a download; the app keeps working', async ({ page }) => {
  await page.addInitScript((key) => {
    const original = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k: string, v: string) {
      if (k === key) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return original.call(this, k, v);
    };
  }, AUTOSAVE);
  await reload(page);
  await expression(page).fill('eml(x, x)');
  await expression(page).press('Enter');
  const status = page.locator('.autosave-status');
  await expect(status).toContainText('Autosave failed: the browser’s storage is full');
  const download = page.waitForEvent('download');
  await status.getByRole('button', { name: 'Download your work' }).click();
  expect((await download).suggestedFilename()).toBe('eml-playground-work.json');
  await expectWorks(page);
});
