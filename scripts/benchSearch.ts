/**
 * `npm run bench:search [-- --json] [--browser]`: throughput of the shortest-form search (src/eml/enumerate), a
 * script that prints numbers, not a test.
 *   - Node, one core, in this process: constants (leaves {1}) to K 31 and one variable (leaves {1, x}) to K 19:
 *     per K the distinct functions and candidate trees, then trees/s and distinct functions/s;
 *   - with --browser, the same two runs in headless Chromium (/usr/bin/chromium or CHROMIUM_PATH) on the built app,
 *     started from the playground's "Shortest form" panel, read back from its status line.
 * "Trees" are the candidate trees the enumeration evaluates: pairs of distinct smaller functions. Each stands for
 * every tree built from the same functions, so trees/s is not comparable one to one with enumerators that evaluate
 * every tree (no deduplication); distinct functions/s is.
 */
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import { SearchRun } from '../src/eml/enumerate/search.ts';
import { ParallelDriver } from '../src/eml/enumerate/shards.ts';
import { ShardThreads } from '../src/cli/search/enumerateThreads.ts';
import type { Leaves } from '../src/eml/enumerate/probes.ts';
import { scriptOptions } from '../src/cli/options.ts';

const USAGE =
  'npm run bench:search -- [--json] [--browser] [--const-k N] [--unary-k N] [--workers 1,2]   (BENCH_PORT, default 4198)';
const opts = scriptOptions(
  process.argv.slice(2),
  {
    json: { type: 'boolean' },
    browser: { type: 'boolean' },
    'const-k': { type: 'string' },
    'unary-k': { type: 'string' },
    workers: { type: 'string' },
    help: { type: 'boolean' },
  },
  USAGE,
  (v) => {
    const k = (name: string, fallback: number, max: number) => {
      const raw = v[name];
      if (raw === undefined) return fallback;
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 3 || n > max || n % 2 === 0) {
        console.error(
          `error: --${name} must be an odd integer from 3 to ${max}, got "${String(raw)}"\nusage: ${USAGE}`,
        );
        process.exit(2);
      }
      return n;
    };
    const rawWorkers = v.workers === undefined ? '1,2' : String(v.workers);
    const workers = rawWorkers.split(',').map(Number);
    if (workers.some((n) => !Number.isInteger(n) || n < 1 || n > 16)) {
      console.error(
        `error: --workers must be a comma-separated list of worker counts from 1 to 16, got "${rawWorkers}"\nusage: ${USAGE}`,
      );
      process.exit(2);
    }
    return {
      workers,
      json: v.json === true,
      browser: v.browser === true,
      constK: k('const-k', 31, 35),
      unaryK: k('unary-k', 19, 21),
    };
  },
);

interface NodeRun {
  leaves: Leaves;
  workers: number;
  maxK: number;
  state: string;
  perK: Array<{ k: number; distinct: number; trees: number; seconds: number }>;
  distinct: number;
  trees: number;
  seconds: number;
  treesPerSecond: number;
  distinctPerSecond: number;
  megabytes: number;
}

async function runNode(leaves: Leaves, maxK: number, workers: number): Promise<NodeRun> {
  const t0 = performance.now();
  const run = new SearchRun({ leaves, semantics: 'complex', seed: 1, maxK, maxBytes: 1000 * 2 ** 20, target: null });
  const perK: NodeRun['perK'] = [];
  let seen = 0;
  const parallel = new ParallelDriver(run, workers, threads.runners);
  // Started at once, inside the timed run: they load while the small levels run here.
  if (workers >= 2) threads.warm(workers);
  while (run.state === 'running') {
    if (!(await parallel.step())) run.advance(1 << 18);
    for (; seen < run.perK.length; seen++) perK.push({ ...run.perK[seen], seconds: (performance.now() - t0) / 1000 });
  }
  const seconds = (performance.now() - t0) / 1000;
  const p = run.progress();
  return {
    leaves,
    workers,
    maxK,
    state: run.state,
    perK,
    distinct: p.distinct,
    trees: p.trees,
    seconds,
    treesPerSecond: p.trees / seconds,
    distinctPerSecond: p.distinct / seconds,
    megabytes: p.bytes / 2 ** 20,
  };
}

const root = join(import.meta.dirname, '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

async function serve(port: number): Promise<() => void> {
  await new Promise<void>((resolve, reject) => {
    const build = spawn(bin('vite'), ['build', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
    build.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))));
  });
  const server = spawn(bin('vite'), ['preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
    cwd: root,
    stdio: 'ignore',
  });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return () => server.kill();
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  server.kill();
  throw new Error(`the preview server did not answer on port ${port}`);
}

interface BrowserRun {
  target: string;
  maxK: number;
  status: string;
  distinct: number;
  trees: number;
  seconds: number;
  treesPerSecond: number;
  distinctPerSecond: number;
  megabytes: number;
}

async function runBrowser(): Promise<BrowserRun[]> {
  const port = Number(process.env.BENCH_PORT ?? 4198);
  const stop = await serve(port);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-quic'],
  });
  const out: BrowserRun[] = [];
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    // A target the search does not find (π, √x): the whole enumeration runs, as the counts above.
    for (const [target, maxK] of [
      ['pi', opts.constK],
      ['sqrt(x)', opts.unaryK],
    ] as const) {
      const box = page.getByRole('textbox', { name: 'Expression' });
      await box.fill(target);
      await box.press('Enter');
      const panel = page.getByRole('region', { name: 'Shortest form' });
      await panel.getByText('Smallest tree of').filter({ hasText: target }).waitFor();
      await panel.getByLabel('Search up to K').selectOption(String(maxK));
      await panel.getByRole('button', { name: /^(Start|Restart) search$/ }).click();
      const status = panel.getByRole('status');
      await status.getByText(/^(Done|Stopped|Found)/).waitFor({ timeout: 600_000 });
      const text = (await status.textContent()) ?? '';
      const num = (re: RegExp) => Number((text.match(re)?.[1] ?? 'NaN').replace(/,/g, ''));
      const distinct = num(/([\d,]+) distinct functions/);
      const trees = num(/([\d,]+) trees,/);
      const seconds = num(/([\d.]+) s\./);
      out.push({
        target,
        maxK,
        status: text,
        distinct,
        trees,
        seconds,
        treesPerSecond: trees / seconds,
        distinctPerSecond: distinct / seconds,
        megabytes: num(/([\d.]+) MB/),
      });
    }
  } finally {
    await browser.close();
    stop();
  }
  return out;
}

const loadAtStart = loadavg();
const threads = new ShardThreads();
const node: NodeRun[] = [];
for (const w of opts.workers)
  for (const [l, k] of [
    ['1', opts.constK],
    ['1,x', opts.unaryK],
  ] as const)
    node.push(await runNode(l, k, w));
await threads.close();
const inBrowser = opts.browser ? await runBrowser() : null;
const report = {
  machine: `this machine (${availableParallelism()} cores, load average at the start in loadAtStart); Node runs with 1 worker run in this process, with n ≥ 2 on n worker threads (levels of ≥ 2^20 pairs); the browser run uses navigator.hardwareConcurrency − 1 shard workers`,
  loadAtStart,
  node,
  browser: inBrowser,
};
if (opts.json) console.log(JSON.stringify(report, null, 2));
else {
  const M = (x: number) => `${(x / 1e6).toFixed(2)} M/s`;
  for (const r of node) {
    console.log(
      `Node, ${r.workers} worker${r.workers > 1 ? 's' : ''}, leaves {${r.leaves}} to K ${r.maxK} (${r.state}):`,
    );
    for (const l of r.perK)
      console.log(
        `  K ${String(l.k).padStart(2)}  ${String(l.distinct).padStart(9)} distinct  ${String(l.trees).padStart(10)} trees  ${l.seconds.toFixed(2)} s`,
      );
    console.log(
      `  total ${r.distinct} distinct, ${r.trees} trees in ${r.seconds.toFixed(2)} s: ${M(r.treesPerSecond)} trees, ${M(r.distinctPerSecond)} distinct; ${r.megabytes.toFixed(0)} MB`,
    );
  }
  for (const r of inBrowser ?? [])
    console.log(
      `Chromium, ${r.target} to K ${r.maxK}: ${r.distinct} distinct, ${r.trees} trees in ${r.seconds} s: ${M(r.treesPerSecond)} trees, ${M(r.distinctPerSecond)} distinct; ${r.megabytes} MB`,
    );
}
