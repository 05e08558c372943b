/**
 * `npm run fuzz -- [--runs N] [--seed S] [--budget-ms MS] [--categories a,b] [--json]`: the core's fuzz
 * properties (src/eml/fuzz) at full size. Every input must give a value or a typed, positioned error within the
 * budget. Prints per category: inputs, ok, typed errors, uncaught exceptions, property violations, inputs over the
 * budget (per operation: one parse, or one compile with its value and decompilation), the slowest operation and
 * the slowest input; then the first offending inputs. Exit 0 when clean, 1 when anything failed,
 * 2 on a bad command line.
 *
 * Inputs run in a worker thread: an input still running after the hard limit (5 × budget, at least 10 s) is
 * stopped and counted as over budget, and a worker that dies (out of memory) is counted as an uncaught error;
 * either way a fresh worker carries on with the next input, so one hang cannot stall the whole run.
 */
import { Worker } from 'node:worker_threads';
import {
  CATEGORIES,
  CATEGORY_NAMES,
  inputAt,
  Tally,
  type CategoryTally,
  type FuzzReport,
  type Outcome,
} from '../src/eml/fuzz/harness.ts';
import { UsageError } from '../src/cli/command.ts';
import { parseOptions } from '../src/cli/options.ts';

const USAGE =
  'usage: npm run fuzz -- [--runs N] [--seed S] [--budget-ms MS] [--categories ' +
  CATEGORY_NAMES.join(',') +
  '] [--index I] [--json]';

interface Options {
  /** Inputs [start, runs) are run: all of them, or the one --index names. */
  start: number;
  runs: number;
  seed: number;
  budgetMs: number;
  categories: string[];
  json: boolean;
}

function integer(name: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  if (!/^-?\d+$/.test(text.trim())) throw new UsageError(`--${name} must be an integer, not "${text.slice(0, 40)}"`);
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min)
    throw new UsageError(`--${name} must be an integer ≥ ${min}, not ${text.slice(0, 40)}`);
  return value;
}

function readOptions(argv: string[]): Options {
  // The CLI's parser: strict, and "--seed -5" is a value, not an unknown option.
  const { values } = parseOptions(
    argv,
    {
      runs: { type: 'string' },
      seed: { type: 'string' },
      'budget-ms': { type: 'string' },
      categories: { type: 'string' },
      index: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    false,
  );
  const v = values as {
    runs?: string;
    seed?: string;
    'budget-ms'?: string;
    categories?: string;
    index?: string;
    json: boolean;
    help: boolean;
  };
  if (v.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const categories = v.categories === undefined ? [...CATEGORY_NAMES] : v.categories.split(',').map((s) => s.trim());
  const unknown = categories.filter((c) => !CATEGORY_NAMES.includes(c));
  if (unknown.length > 0 || categories.length === 0)
    throw new UsageError(
      `--categories takes names from ${CATEGORY_NAMES.join(', ')}; unknown: ${unknown.join(', ').slice(0, 80) || '(empty)'}`,
    );
  const runs = integer('runs', v.runs, 10_000, 1);
  const index = v.index === undefined ? null : integer('index', v.index, 0, 0);
  if (index !== null && v.seed === undefined) throw new UsageError('--index needs the --seed of the run it comes from');
  return {
    start: index ?? 0,
    runs: index === null ? runs : index + 1,
    // A fresh seed each run explores new inputs; it is printed so any run can be repeated.
    seed: integer('seed', v.seed, Math.floor(Math.random() * 2 ** 31), -(2 ** 31)),
    budgetMs: integer('budget-ms', v['budget-ms'], 2_000, 1),
    categories,
    json: v.json ?? false,
  };
}

/** Runs inputs [from, runs) in a worker; resolves with the index to resume at (runs when finished). */
function runWorker(o: Options, from: number, tally: Tally, hardLimitMs: number): Promise<number> {
  return new Promise((resolve) => {
    const current = new SharedArrayBuffer(4);
    const view = new Int32Array(current);
    view[0] = -1;
    // tsx's loader does not reach worker threads through execArgv here, so the worker registers it itself first.
    const entry = new URL('./fuzzWorker.ts', import.meta.url).href;
    const worker = new Worker(
      `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`,
      {
        eval: true,
        workerData: { seed: o.seed, from, to: o.runs, categories: o.categories, current },
        // A worker's default stack is 4 MB, four times a main thread's (Node's and the browsers' ≈ 1 MB): at the
        // default, recursion that overflows on the page would pass here, so the worker gets a main thread's stack.
        resourceLimits: { maxOldGenerationSizeMb: 4096, stackSizeMb: 1 },
      },
    );
    let done = from;
    let watched = -1;
    let since = Date.now();
    let settled = false;
    /** Ends this worker's share of the run once, however many of error/exit/watchdog report it. */
    const finish = (next: () => number) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      resolve(next());
    };
    /** The input the worker was on when it was stopped or died. */
    const lost = (kind: Outcome['kind'], ms: number, error: string) => {
      const index = Math.max(done, Atomics.load(view, 0));
      const category = o.categories[index % o.categories.length];
      tally.add({
        category,
        index,
        kind,
        ms,
        totalMs: ms,
        input: `input #${index} (see it with --seed ${o.seed} --index ${index})`,
        error,
      });
      return index + 1;
    };
    worker.on('message', (outcome: Outcome) => {
      tally.add(outcome);
      done = outcome.index + 1;
    });
    worker.on('error', (e) =>
      finish(() => lost('uncaught', Date.now() - since, `the worker died: ${String(e).slice(0, 300)}`)),
    );
    worker.on('exit', (code) =>
      finish(() =>
        done >= o.runs ? o.runs : lost('uncaught', Date.now() - since, `the worker exited with code ${code}`),
      ),
    );
    const timer = setInterval(() => {
      const now = Atomics.load(view, 0);
      if (now !== watched) {
        watched = now;
        since = Date.now();
        return;
      }
      if (now >= 0 && Date.now() - since > hardLimitMs) {
        const next = lost('hung', Date.now() - since, `no result after ${hardLimitMs} ms; stopped`);
        // Settle now, so the exit event that terminate() causes does not count the input a second time.
        finish(() => next);
        void worker.terminate();
      }
    }, 100);
  });
}

function table(report: FuzzReport): string {
  const head = ['category', 'inputs', 'ok', 'typed', 'uncaught', 'violations', 'over budget', 'max ms', 'max input ms'];
  const cells = (name: string, c: CategoryTally) =>
    [name, c.inputs, c.ok, c.typed, c.uncaught, c.violations, c.overBudget, c.maxMs, c.maxInputMs].map(String);
  const rows = Object.entries(report.categories).map(([name, c]) => cells(name, c));
  const total = Object.values(report.categories).reduce(
    (t, c) => ({
      inputs: t.inputs + c.inputs,
      ok: t.ok + c.ok,
      typed: t.typed + c.typed,
      uncaught: t.uncaught + c.uncaught,
      violations: t.violations + c.violations,
      overBudget: t.overBudget + c.overBudget,
      maxMs: Math.max(t.maxMs, c.maxMs),
      maxInputMs: Math.max(t.maxInputMs, c.maxInputMs),
    }),
    { inputs: 0, ok: 0, typed: 0, uncaught: 0, violations: 0, overBudget: 0, maxMs: 0, maxInputMs: 0 },
  );
  rows.push(cells('total', total));
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}

async function main(): Promise<number> {
  let o: Options;
  try {
    o = readOptions(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`fuzz: ${e.message}\n${USAGE}`);
    return 2;
  }
  const tally = new Tally(o.seed, o.runs - o.start, o.budgetMs);
  const hardLimitMs = Math.max(10_000, 5 * o.budgetMs);
  const t0 = Date.now();
  if (o.runs - o.start === 1 && !o.json) {
    const { category, input } = inputAt(
      o.seed,
      o.start,
      CATEGORIES.filter((c) => o.categories.includes(c.name)),
    );
    console.log(`input #${o.start} (${category.name}): ${category.describe(input)}`);
  }
  if (!o.json)
    console.log(
      `fuzz: ${o.runs - o.start} inputs, seed ${o.seed}, budget ${o.budgetMs} ms per operation, categories ${o.categories.join(', ')}`,
    );
  for (let next = o.start; next < o.runs;) next = await runWorker(o, next, tally, hardLimitMs);
  tally.report.wallMs = Date.now() - t0;
  const r = tally.report;
  if (o.json) {
    console.log(JSON.stringify({ ...r, clean: tally.clean }, null, 2));
  } else {
    console.log(table(r));
    console.log(`wall time ${(r.wallMs / 1000).toFixed(1)} s`);
    for (const f of r.failures) {
      const what = f.overBudget ? `over budget (${Math.round(f.ms)} ms)` : f.kind;
      console.log(`\n${f.category} #${f.index}: ${what}\n  input: ${f.input}${f.error ? `\n  error: ${f.error}` : ''}`);
    }
    console.log(
      tally.clean
        ? '\nclean: no uncaught errors, no violations, nothing over budget'
        : `\nFAILED (rerun one input with --seed ${o.seed} --index I)`,
    );
  }
  return tally.clean ? 0 : 1;
}

process.exitCode = await main();
