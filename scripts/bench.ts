/**
 * `npm run bench [-- --json]`: throughput of the reference interpreter vs the fast batch evaluator.
 * Prints node-point evaluations per second (tree eml nodes × points / seconds) and the ratio; then the compile time
 * per suite item, the decompile time of a K=1183 tree, and the times of the size limits the unit tests check only
 * for their result (a 10 000-column table, refused powers, a name of the longest length).
 * A benchmark script, not a test: it asserts nothing, it measures.
 */
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { benchTrees } from './benchTrees.ts';
import { compileBatch } from '../src/eml/evaluate/batch.ts';
import { trace } from '../src/eml/evaluate/interpreter.ts';
import { metrics } from '../src/eml/metrics.ts';
import { runCompilerBench } from '../src/eml/suites/bench.ts';
import { scriptOptions } from '../src/cli/options.ts';
import { prepare } from '../src/fit/prepare.ts';
import { MAX_COLUMNS } from '../src/fit/table.ts';
import * as Q from '../src/eml/math/rational.ts';
import { MAX_NAME_LENGTH } from '../src/eml/ast.ts';
import { parseEml, printLatex, printRpn } from '../src/eml/syntax/index.ts';

const { json } = scriptOptions(
  process.argv.slice(2),
  { json: { type: 'boolean' }, help: { type: 'boolean' } },
  'npm run bench -- [--json]',
  (v) => ({ json: v.json === true }),
);
const POINTS = 10_000;

function points(n: number, lo: number, hi: number, seed: number): Float64Array {
  const a = new Float64Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    a[i] = lo + ((hi - lo) * s) / 2 ** 32;
  }
  return a;
}

/** Best of `repeats` timings of fn, in seconds, after one warm-up run. */
function time(fn: () => void, repeats: number): number {
  fn();
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return best;
}

const rows = benchTrees().map(({ name, tree, range }) => {
  const m = metrics(tree);
  const xs = points(POINTS, range[0], range[1], 1);
  const ys = points(POINTS, range[0], range[1], 2);
  const compiled = compileBatch(tree, 'complex');
  let finite = 0;
  const fast = time(() => {
    const out = compiled.run({ x: xs, y: ys }, POINTS);
    finite = 0;
    for (let i = 0; i < POINTS; i++) if (Number.isFinite(out.re[i]) && Number.isFinite(out.im[i])) finite++;
  }, 5);
  // The interpreter is slow by design (it keeps every value and flag); a tenth of the points is enough to time it.
  const interpPoints = POINTS / 10;
  const interp =
    time(() => {
      for (let i = 0; i < interpPoints; i++) trace(tree, { x: xs[i], y: ys[i] }, 'complex');
    }, 3) * 10;
  const nodePoints = m.emlNodes * POINTS;
  return {
    name,
    k: m.k,
    depth: m.depth,
    emlNodes: m.emlNodes,
    distinctEmlNodes: m.distinctEmlNodes,
    instructions: compiled.stats.instructions,
    points: POINTS,
    finiteOutputs: finite,
    fastSeconds: fast,
    interpreterSeconds: interp,
    fastNodePointsPerSecond: nodePoints / fast,
    interpreterNodePointsPerSecond: nodePoints / interp,
    speedup: interp / fast,
  };
});

const compiler = runCompilerBench();

/** Milliseconds of one run of each size limit that used to be a timing assertion in a unit test (best of 3). */
function limitTimings(): Record<string, number> {
  const wide = (w: number) =>
    [
      Array.from({ length: w }, (_, j) => `c${j}`).join(','),
      ...Array.from({ length: 6 }, (_, i) => Array.from({ length: w }, (_, j) => String(i + j)).join(',')),
    ].join('\n');
  const table = wide(MAX_COLUMNS);
  const refuse = (f: () => unknown) => {
    try {
      f();
    } catch {
      /* the refusal is what is timed */
    }
  };
  const name = 'v'.repeat(MAX_NAME_LENGTH);
  const ms = (fn: () => void) => time(fn, 3) * 1000;
  return {
    tablePrepare10000Columns: ms(() => {
      prepare({
        text: table,
        header: 'auto',
        mapping: null,
        validation: 0.2,
        splitSeed: 1,
        sampleRows: 100_000,
        generator: null,
      });
    }),
    refusedPowers: ms(() => {
      refuse(() => Q.powInt(Q.rational(2), 10n ** 10n));
      refuse(() => Q.powInt(Q.rational(6, 5), 10n ** 100n));
      refuse(() => Q.powInt(Q.rational(2), 1400n));
    }),
    longestNameParsePrint: ms(() => {
      const t = parseEml(`eml(${name}, ${name})`).tree;
      printRpn(t);
      printLatex(t);
    }),
  };
}
const limits = limitTimings();

const report = {
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version },
  rows,
  compiler,
  limitsMs: limits,
};
if (json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  console.log(
    `batch evaluation, complex semantics, ${POINTS} points, ${report.machine.cpus} cores (${report.machine.cpu}), node ${report.machine.node}`,
  );
  for (const r of rows) {
    console.log(
      `\n${r.name}: K=${r.k}, depth ${r.depth}, ${r.emlNodes} eml nodes (${r.distinctEmlNodes} distinct, ${r.instructions} per-point instructions after folding), ${r.finiteOutputs}/${r.points} finite outputs`,
    );
    console.log(
      `  fast evaluator : ${(r.fastNodePointsPerSecond / 1e6).toFixed(1)}e6 node-points/s (${(r.fastSeconds * 1e3).toFixed(1)} ms)`,
    );
    console.log(
      `  interpreter    : ${(r.interpreterNodePointsPerSecond / 1e6).toFixed(2)}e6 node-points/s (${(r.interpreterSeconds * 1e3).toFixed(0)} ms, timed on ${POINTS / 10} points)`,
    );
    console.log(`  fast / interpreter: ${r.speedup.toFixed(1)}×`);
  }
  const slowest = compiler.items.reduce((a, b) => (b.compileMs > a.compileMs ? b : a));
  console.log(
    `\ncompiler: ${compiler.items.length} suite items, slowest ${slowest.item} at ${slowest.compileMs.toFixed(2)} ms per compile (median, warm)`,
  );
  console.log(
    `decompiler: K=${compiler.decompile.k} tree in ${compiler.decompile.ms.toFixed(1)} ms (median) → ${compiler.decompile.text.slice(0, 60)}`,
  );
  console.log(
    `limits: 10 000-column table prepared in ${limits.tablePrepare10000Columns.toFixed(1)} ms, three over-size powers refused in ${limits.refusedPowers.toFixed(2)} ms, a ${MAX_NAME_LENGTH}-character name parsed and printed in ${limits.longestNameParsePrint.toFixed(2)} ms`,
  );
  console.log('\nK per suite item: paper / compact / paper+clean / compact+clean');
  for (const it of compiler.items)
    console.log(
      `  ${it.item.padEnd(16)} ${String(it.paperK).padStart(5)} ${String(it.compactK).padStart(5)} ${String(it.paperCleanK).padStart(5)} ${String(it.compactCleanK).padStart(5)}`,
    );
}
