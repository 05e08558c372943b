/**
 * `npm run perf:playground [-- --json]`: the playground's performance targets, measured in headless Chromium on
 * the built app (a script that prints numbers, not a test):
 *   - paper-mode tan(x) (K 1183): input → compiled, laid out and drawn, in ms (target < 500);
 *   - zoom/pan of that tree: frames per second while wheel-zooming and dragging (target ≥ 30);
 *   - an edit of a K≈500 tree: keypress → every view updated, in ms (target < 100);
 *   - the plot of a K≈1200 tree over 1001 points: compute per redraw, in ms (target < 16);
 *   - the complex plane (issue 16): frames per second while dragging (panning) the GPU picture of paper tan(x)
 *     (K 1183; target 60 on a desktop GPU — here the GPU is SwiftShader, on the CPU), and ms per float64 frame of
 *     robust sin(x)·x + y (K 319) at 512 × 512 in the workers (one per core), with WebGL off (?webgl=off; target
 *     < 1000): the median of 8 zooms, the first frame apart; with the machine's load average, which skews both.
 */
import type { Browser, Page } from '@playwright/test';
import { cpus, loadavg } from 'node:os';
import { scriptOptions } from '../src/cli/options.ts';
import { freshPage, launchChromium, median, perfLog, perfPort, serveBuild } from './perfServer.ts';

const { json, planeOnly } = scriptOptions(
  process.argv.slice(2),
  { json: { type: 'boolean' }, plane: { type: 'boolean' }, help: { type: 'boolean' } },
  'npm run perf:playground -- [--json] [--plane]   (--plane: only the complex-plane figures; PERF_PORT sets the port, default 4199)',
  (v) => ({ json: v.json === true, planeOnly: v.plane === true }),
);
const PORT = perfPort(4199);

/** ms from the next Enter keydown in the Expression box until `selector`'s text changes and a frame has been painted. */
async function timeEnterUntilChange(page: Page, selector: string): Promise<number> {
  await page.evaluate((sel) => {
    const w = window as unknown as { __perf: Promise<number> };
    const el = document.querySelector(sel)!;
    const before = el.textContent;
    w.__perf = new Promise((resolve) => {
      let t0 = 0;
      document.addEventListener('keydown', () => (t0 = performance.now()), { capture: true, once: true });
      const obs = new MutationObserver(() => {
        if (document.querySelector(sel)!.textContent === before) return;
        obs.disconnect();
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
      });
      obs.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  }, selector);
  await page.keyboard.press('Enter');
  // Enter on a text that changes nothing would leave the promise pending: give up with a message instead.
  return page.evaluate(
    (sel) =>
      Promise.race([
        (window as unknown as { __perf: Promise<number> }).__perf,
        new Promise<number>((_, reject) =>
          setTimeout(() => reject(new Error(`${sel} did not change within 120 s of Enter`)), 120_000),
        ),
      ]),
    selector,
  );
}

/**
 * ms from Enter to tan(x) drawn, three times, each in a fresh context: in one page the autosave would restore the
 * previous run's tan(x) on reload (before any localStorage.clear() could run), and Enter would change nothing.
 * Returns the last page, showing tan(x), for the figures that follow.
 */
async function loadTan(browser: Browser): Promise<{ times: number[]; page: Page }> {
  const times: number[] = [];
  let page: Page | null = null;
  for (let i = 0; i < 3; i++) {
    await page?.context().close();
    page = await freshPage(browser);
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.getByTestId('metric-k').waitFor();
    await page.getByLabel('Compile mode').selectOption('paper');
    await page.getByRole('textbox', { name: 'Expression' }).fill('tan(x)');
    times.push(await timeEnterUntilChange(page, '[data-testid="metric-k"]'));
  }
  return { times, page: page! };
}

/** Starts recording the page's animation frames (their timestamps), for readFrames. */
async function recordFrames(page: Page): Promise<void> {
  // A string, not a function: tsx would wrap a named inner function in a helper the page does not have.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__run = true;
    const tick = (t) => { window.__frames.push(t); if (window.__run) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
}

/** Stops the recording recordFrames started: frames per second over it and the longest gap between two frames. */
async function readFrames(page: Page): Promise<{ fps: number; worstFrameMs: number }> {
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __run: boolean };
    w.__run = false;
    return w.__frames;
  });
  const gaps = frames.slice(1).map((t, k) => t - frames[k]);
  return {
    fps: (frames.length - 1) / ((frames[frames.length - 1] - frames[0]) / 1000),
    worstFrameMs: Math.max(...gaps),
  };
}

async function zoomFps(page: Page): Promise<{ fps: number; worstFrameMs: number }> {
  const svg = page.getByRole('tree');
  const box = (await svg.boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await recordFrames(page);
  await page.mouse.move(cx, cy);
  const end = Date.now() + 2000;
  let i = 0;
  while (Date.now() < end) {
    await page.mouse.wheel(0, i++ % 2 === 0 ? -120 : 100);
    await page.mouse.down();
    await page.mouse.move(cx + 30 * Math.sin(i), cy + 20 * Math.cos(i), { steps: 2 });
    await page.mouse.up();
  }
  return readFrames(page);
}

/** ms from clicking "Expand all blocks" until every node of tan(x) is drawn and painted. */
async function expandAll(page: Page): Promise<number> {
  await page.evaluate(`(() => {
    const region = document.querySelector('[role="tree"]');
    window.__perf = new Promise((resolve) => {
      let t0 = 0;
      document.addEventListener('click', () => (t0 = performance.now()), { capture: true, once: true });
      const obs = new MutationObserver(() => {
        obs.disconnect();
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
      });
      obs.observe(region, { subtree: true, childList: true });
    });
  })()`);
  await page.getByRole('button', { name: 'Expand all blocks' }).click();
  return page.evaluate(() => (window as unknown as { __perf: Promise<number> }).__perf);
}

async function editK500(page: Page): Promise<{ k: number; ms: number[] }> {
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await page.getByLabel('Compile mode').selectOption('paper');
  const box = page.getByRole('textbox', { name: 'Expression' });
  await box.fill('asinh(x)*cosh(x)');
  await box.press('Enter');
  const k = Number(await page.getByTestId('metric-k').textContent());
  const ms: number[] = [];
  for (let r = 0; r < 3; r++) {
    await page.getByRole('tree').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    // Delete replaces the focused subtree by 1: time from that keypress until the formula's K changes.
    await page.evaluate(() => {
      const w = window as unknown as { __perf: Promise<number> };
      const el = document.querySelector('[data-testid="metric-k"]')!;
      const before = el.textContent;
      w.__perf = new Promise((resolve) => {
        let t0 = 0;
        document.addEventListener('keydown', () => (t0 = performance.now()), { capture: true, once: true });
        const obs = new MutationObserver(() => {
          if (document.querySelector('[data-testid="metric-k"]')!.textContent === before) return;
          obs.disconnect();
          requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
        });
        obs.observe(document.body, { subtree: true, childList: true, characterData: true });
      });
    });
    await page.keyboard.press('Delete');
    ms.push(await page.evaluate(() => (window as unknown as { __perf: Promise<number> }).__perf));
    await page.getByRole('button', { name: 'Undo' }).click();
  }
  return { k, ms };
}

async function plotCompute(page: Page): Promise<number[]> {
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await page.getByLabel('Compile mode').selectOption('paper');
  const box = page.getByRole('textbox', { name: 'Expression' });
  await box.fill('tan(x)');
  await box.press('Enter');
  const plot = page.getByRole('region', { name: 'Plot' });
  const times: number[] = [];
  for (const to of ['1.5', '1.45', '1.4', '1.35', '1.3', '1.25', '1.2', '1.15', '1.1']) {
    const field = plot.getByLabel('x to');
    await field.fill(to);
    await field.press('Enter');
    await page.waitForTimeout(50);
    times.push(Number(await plot.locator('svg[data-compute-ms]').getAttribute('data-compute-ms')));
  }
  return times;
}

/** Frames per second while dragging across the complex-plane picture of paper tan(x) for 2 s (GPU path). */
async function planePanFps(page: Page): Promise<{ fps: number; worstFrameMs: number; renderer: string | null }> {
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await page.getByLabel('Compile mode').selectOption('paper');
  const box = page.getByRole('textbox', { name: 'Expression' });
  await box.fill('tan(x)');
  await box.press('Enter');
  const plane = page.locator('[data-plane-view]');
  await plane.scrollIntoViewIfNeeded();
  await page.waitForSelector('[data-plane-view][data-state="ready"]');
  const renderer = await plane.getAttribute('data-renderer');
  const b = (await plane.boundingBox())!;
  await recordFrames(page);
  const cx = b.x + b.width / 2;
  const cy = b.y + b.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  const end = Date.now() + 2000;
  let i = 0;
  while (Date.now() < end) {
    i++;
    await page.mouse.move(cx + 60 * Math.sin(i / 5), cy + 40 * Math.cos(i / 7));
  }
  await page.mouse.up();
  return { ...(await readFrames(page)), renderer };
}

/**
 * ms per float64 frame (512 × 512, in the workers) of robust sin(x)·x + y, WebGL off: the first frame (workers
 * started, tree sent and prepared, code not yet optimised) and then CPU_FRAMES zooms in and out.
 */
async function planeCpuMs(page: Page): Promise<{ k: number; firstMs: number; ms: number[]; workers: number }> {
  await page.goto(`http://127.0.0.1:${PORT}/?webgl=off`);
  await page.getByLabel('Compile mode').selectOption('robust');
  const box = page.getByRole('textbox', { name: 'Expression' });
  await box.fill('sin(x)*x + y');
  await box.press('Enter');
  const k = Number(await page.getByTestId('metric-k').textContent());
  const plane = page.locator('[data-plane-view]');
  const region = page.getByRole('region', { name: 'Complex plane' });
  const ms: number[] = [];
  for (let i = 0; i <= CPU_FRAMES; i++) {
    if (i > 0) {
      // data-cpu-ms is removed while a frame is drawn, so the wait below sees the new frame's time.
      await region.getByRole('button', { name: i % 2 === 1 ? 'Zoom in' : 'Zoom out' }).click();
      await page.waitForSelector('[data-plane-view][data-state="drawing"]');
    }
    await page.waitForSelector('[data-plane-view][data-renderer="cpu"][data-state="ready"][data-cpu-ms]');
    ms.push(Number(await plane.getAttribute('data-cpu-ms')));
  }
  const workers = Number(await plane.getAttribute('data-cpu-workers'));
  return { k, firstMs: ms[0], ms: ms.slice(1), workers };
}
/** Frames drawn after the first for the float64 figure (its median). */
const CPU_FRAMES = 8;

/** The playground's figures before the complex plane (tree, edit, plot). */
async function playgroundFigures(browser: Browser) {
  log('tan load');
  const { times: tan, page } = await loadTan(browser);
  log('zoom');
  const zoom = await zoomFps(page);
  log('expand all');
  const expandMs = await expandAll(page);
  const drawn = await page.locator('[role="treeitem"]').count();
  const zoomExpanded = await zoomFps(page);
  log('edit');
  const edit = await editK500(page);
  log('plot');
  const plot = await plotCompute(page);
  return {
    tanLoadMs: { runs: tan, median: median(tan), target: '< 500' },
    zoomPan: { fps: zoom.fps, worstFrameMs: zoom.worstFrameMs, target: '≥ 30 fps' },
    expandAll: { ms: expandMs, drawnNodes: drawn, zoomFps: zoomExpanded.fps, worstFrameMs: zoomExpanded.worstFrameMs },
    editUpdateMs: { k: edit.k, runs: edit.ms, median: median(edit.ms), target: '< 100' },
    plotComputeMs: { runs: plot, best: Math.min(...plot), median: median(plot), target: '< 16' },
  };
}

const log = perfLog('perf');
log('building and serving');
const stop = await serveBuild(PORT);
log('server up');
const browser = await launchChromium();
try {
  const page = await freshPage(browser);
  log('complex plane');
  const load = [loadavg()[0]];
  const planePan = await planePanFps(page);
  const planeCpu = await planeCpuMs(page);
  load.push(loadavg()[0]);
  const plane = {
    planePan: { ...planePan, k: 1183, target: '60 fps on a desktop GPU' },
    planeCpuMs: {
      k: planeCpu.k,
      size: '512×512',
      workers: planeCpu.workers,
      cores: cpus().length,
      firstMs: planeCpu.firstMs,
      runs: planeCpu.ms,
      median: median(planeCpu.ms),
      target: '< 1000',
    },
    /** The machine's 1-minute load average before and after the complex-plane figures (other work skews them). */
    loadAverage: load,
  };
  const figures = planeOnly ? null : await playgroundFigures(browser);
  const report = { ...figures, ...plane };
  if (json) console.log(JSON.stringify(report, null, 2));
  else {
    if (figures) {
      const { tanLoadMs, zoomPan, expandAll: ex, editUpdateMs: edit, plotComputeMs: plot } = figures;
      const list = (xs: number[]) => xs.map((t) => t.toFixed(0)).join(', ');
      console.log(
        `paper tan(x), K 1183, input → drawn: median ${tanLoadMs.median.toFixed(0)} ms (${list(tanLoadMs.runs)}) — target < 500`,
      );
      console.log(
        `zoom/pan of it: ${zoomPan.fps.toFixed(1)} fps, worst frame ${zoomPan.worstFrameMs.toFixed(0)} ms — target ≥ 30 fps`,
      );
      console.log(
        `expand all blocks of it (${ex.drawnNodes} nodes drawn): ${ex.ms.toFixed(0)} ms; zoom/pan then ${ex.zoomFps.toFixed(1)} fps, worst frame ${ex.worstFrameMs.toFixed(0)} ms`,
      );
      console.log(
        `edit of a K ${edit.k} tree → all views updated: median ${edit.median.toFixed(0)} ms (${list(edit.runs)}) — target < 100`,
      );
      console.log(
        `plot of tan(x) over 1001 points, compute per redraw: best ${plot.best} ms, median ${plot.median} ms — target < 16`,
      );
    }
    const { planePan: pan, planeCpuMs: cpu, loadAverage } = plane;
    console.log(
      `complex plane of paper tan(x), K 1183, panning (${pan.renderer ?? '?'}): ${pan.fps.toFixed(1)} fps, worst frame ${pan.worstFrameMs.toFixed(0)} ms — target 60 fps on a desktop GPU`,
    );
    console.log(
      `complex plane in float64 (${cpu.workers} workers on ${cpu.cores} cores, 512×512) of robust sin(x)·x + y, K ${cpu.k}: median ${cpu.median.toFixed(0)} ms per frame over ${cpu.runs.length} zooms (${cpu.runs.map((t) => t.toFixed(0)).join(', ')}), first frame ${cpu.firstMs.toFixed(0)} ms — target < 1000`,
    );
    console.log(`load average (1 min) before and after these two: ${loadAverage.map((l) => l.toFixed(1)).join(' → ')}`);
  }
} finally {
  await browser.close();
  stop();
}
