/**
 * Batched restarts on the tfjs path against the native engine: steps·restarts per second at each batch size, in
 * Node (tfjs cpu backend) and in headless Chromium (tfjs webgl; SwiftShader on a machine without a GPU), with the
 * native engine measured in the same place:
 *   npm run bench:tfjs-batch -- [--batches 1,64,1024] [--depth 3] [--seconds 3] [--where node,browser]
 *     [--graph fused|composite] [--json]
 * Each point trains `batch` restarts of mixed inits on the paper target eml_DEPTH for about --seconds (at least two
 * timed steps after two warm-up steps). The figure of merit is the throughput per restart at a batch against
 * batch 1 of the same engine (the issue's target: ≥ 20× at batch 1024 on webgl). --graph picks the tfjs engine's loss
 * graph: fused (a level of nodes is one kernel; the default) or composite (tfjs's own ops). The probe code
 * (benchTfjsBatchProbe.ts) is bundled with esbuild, because tfjs-core's ESM build uses directory imports that Node
 * rejects, and to load it into the page.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { UsageError } from '../src/cli/command.ts';
import { integerOption, numberOption, scriptOptions } from '../src/cli/options.ts';
import { TFJS_GRAPHS, type TfjsGraph } from '../src/training/engine.ts';
import type { ProbeRequest, ProbeResult } from './benchTfjsBatchProbe.ts';

const USAGE =
  'npm run bench:tfjs-batch -- [--batches 1,64,1024] [--depth 2…6] [--seconds S] [--where node,browser] ' +
  '[--graph fused|composite] [--json]';
const OPTIONS = {
  batches: { type: 'string' },
  depth: { type: 'string' },
  seconds: { type: 'string' },
  where: { type: 'string' },
  graph: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;
const PLACES = ['node', 'browser'] as const;
type Place = (typeof PLACES)[number];

/** A comma-separated list, each item checked by `item`; empty items and repeats are errors. */
function list<T>(name: string, text: string, item: (s: string) => T): T[] {
  const parts = text.split(',').map((s) => s.trim());
  if (parts.some((s) => s === '')) throw new UsageError(`--${name}: empty item in "${text}"`);
  if (new Set(parts).size !== parts.length) throw new UsageError(`--${name}: an item repeats in "${text}"`);
  return parts.map(item);
}

const options = scriptOptions(process.argv.slice(2), OPTIONS, USAGE, (v) => {
  const batches = list('batches', (v.batches as string | undefined) ?? '1,64,1024', (s) => {
    const n = /^\d+$/.test(s) ? Number(s) : NaN;
    if (!(n >= 1 && n <= 65_536)) throw new UsageError(`--batches: "${s}" is not a whole number from 1 to 65536`);
    return n;
  });
  const where = list('where', (v.where as string | undefined) ?? 'node,browser', (s) => {
    if (!(PLACES as readonly string[]).includes(s))
      throw new UsageError(`--where: "${s}" is not one of ${PLACES.join(', ')}`);
    return s as Place;
  });
  const graph = (v.graph as string | undefined) ?? 'fused';
  if (!(TFJS_GRAPHS as readonly string[]).includes(graph))
    throw new UsageError(`--graph: "${graph}" is not one of ${TFJS_GRAPHS.join(', ')}`);
  return {
    batches,
    where,
    graph: graph as TfjsGraph,
    depth: integerOption(v, 'depth', 3, 2, 6),
    seconds: numberOption(v, 'seconds', 3, 0.1, 600),
    json: v.json === true,
  };
});

const log = (m: string) => process.stderr.write(`bench:tfjs-batch: ${m}\n`);

async function bundle(platform: 'node' | 'browser'): Promise<string> {
  const { build } = await import('esbuild');
  const outfile = join(mkdtempSync(join(tmpdir(), 'eml-tfjs-batch-')), `probe.${platform === 'node' ? 'mjs' : 'js'}`);
  await build({
    entryPoints: [fileURLToPath(new URL('./benchTfjsBatchProbe.ts', import.meta.url))],
    bundle: true,
    platform,
    format: platform === 'node' ? 'esm' : 'iife',
    mainFields: ['module', 'main'],
    outfile,
    logLevel: 'warning',
    ...(platform === 'node'
      ? { banner: { js: "import { createRequire as __cr } from 'module'; const require = __cr(import.meta.url);" } }
      : {}),
  });
  return outfile;
}

type Probe = (q: ProbeRequest) => Promise<ProbeResult>;

/** Every engine × batch in one place; tfjs first at each batch so a failure shows before the long native runs. */
async function measureAll(place: Place, run: Probe): Promise<ProbeResult[]> {
  const backend = place === 'node' ? 'cpu' : 'webgl';
  const out: ProbeResult[] = [];
  for (const batch of options.batches)
    for (const engine of ['tfjs', 'native'] as const) {
      log(`${place}: ${engine}${engine === 'tfjs' ? ` (${backend})` : ''} at batch ${batch}`);
      const r = await run({
        engine,
        backend,
        graph: options.graph,
        batch,
        depth: options.depth,
        ms: options.seconds * 1000,
      });
      if (engine === 'tfjs' && r.ran.split(' ')[0] !== backend)
        throw new Error(`${place}: the tfjs ${backend} backend did not start (got ${r.ran})`);
      if (engine === 'tfjs' && r.ranGraph !== options.graph)
        throw new Error(`${place}: the tfjs engine ran the ${r.ranGraph} graph, not ${options.graph}`);
      out.push(r);
    }
  return out;
}

async function inNode(): Promise<ProbeResult[]> {
  await import(pathToFileURL(await bundle('node')).href);
  return measureAll('node', (globalThis as unknown as { emlBenchTfjs: Probe }).emlBenchTfjs);
}

async function inBrowser(): Promise<ProbeResult[]> {
  const { chromium } = await import('@playwright/test');
  const file = await bundle('browser');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>bench:tfjs-batch</title>');
    await page.addScriptTag({ path: file });
    return await measureAll('browser', (q) =>
      page.evaluate(
        (req) => (globalThis as unknown as { emlBenchTfjs: (r: typeof req) => Promise<ProbeResult> }).emlBenchTfjs(req),
        q,
      ),
    );
  } finally {
    await browser.close();
  }
}

interface Row extends ProbeResult {
  where: Place;
  /** Throughput per restart at this batch over the same engine's at the smallest batch measured. */
  perRestartGain: number;
}

function rows(where: Place, rs: ProbeResult[]): Row[] {
  const base = (e: string) => rs.filter((r) => r.engine === e).sort((a, b) => a.batch - b.batch)[0];
  return rs.map((r) => ({ ...r, where, perRestartGain: r.rate / base(r.engine).rate }));
}

const all: Row[] = [];
for (const place of options.where) all.push(...rows(place, place === 'node' ? await inNode() : await inBrowser()));

const big = Math.max(...options.batches);
const small = Math.min(...options.batches);
const summary = options.where.map((where) => {
  const at = (engine: string, batch: number) =>
    all.find((r) => r.where === where && r.engine === engine && r.batch === batch)!;
  return {
    where,
    tfjsBackend: at('tfjs', big).ran,
    device: at('tfjs', big).device,
    gainAtLargest: at('tfjs', big).perRestartGain,
    tfjsOverNative: Object.fromEntries(
      options.batches.map((b) => [String(b), at('tfjs', b).rate / at('native', b).rate]),
    ),
  };
});
if (options.json)
  console.log(
    JSON.stringify({ depth: options.depth, seconds: options.seconds, graph: options.graph, rows: all, summary }),
  );
else {
  console.log(
    `depth ${options.depth}, target eml_depth${options.depth}, ${all[0]?.points} points, tfjs graph ${options.graph}`,
  );
  console.log('where    engine  backend       batch  steps·restarts/s  ms/step  per-restart gain vs batch ' + small);
  for (const r of all)
    console.log(
      `${r.where.padEnd(8)} ${r.engine.padEnd(7)} ${r.ran.padEnd(13)} ${String(r.batch).padStart(5)}  ` +
        `${r.rate.toFixed(1).padStart(16)}  ${r.msPerStep.toFixed(1).padStart(7)}  ${r.perRestartGain.toFixed(1)}×`,
    );
  for (const s of summary) {
    const ratios = Object.entries(s.tfjsOverNative)
      .map(([b, x]) => `batch ${b} ${x.toPrecision(2)}×`)
      .join(', ');
    console.log(
      `${s.where}: tfjs (${s.tfjsBackend}${s.device ? `, ${s.device}` : ''}) per-restart throughput at batch ${big} is ` +
        `${s.gainAtLargest.toFixed(1)}× batch ${small}${s.tfjsBackend.startsWith('webgl') ? ' (target ≥ 20×)' : ''}; tfjs/native: ${ratios}`,
    );
  }
}
