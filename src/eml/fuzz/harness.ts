/**
 * The fuzz harness shared by the Vitest suite and `npm run fuzz`: input categories (an arbitrary and the check run
 * on it), deterministic generation of input number i from a seed, one timed run classified into an outcome, and the
 * per-category tally that both report.
 */
import fc from 'fast-check';
import type { EmlNode } from '../ast.ts';
import type { Complex } from '../evaluate/complex.ts';
import type { Semantics } from '../evaluate/semantics.ts';
import { printRpn } from '../syntax/index.ts';
import { emlText, emlTree, mathText, point, semantics, treeJsonText } from './arbitraries.ts';
import {
  checkEmlText,
  checkMathText,
  checkTree,
  checkTreeJson,
  FuzzViolation,
  resetSlowest,
  slowestOperationMs,
  type CheckResult,
} from './checks.ts';

export interface Category<T> {
  name: string;
  arbitrary: fc.Arbitrary<T>;
  check: (input: T) => CheckResult;
  /** The input as bounded text, for reports. */
  describe: (input: T) => string;
}

type TreeCase = { tree: EmlNode; point: Complex; semantics: Semantics };

const bounded = (s: string, max = 300) => (s.length <= max ? s : `${s.slice(0, max)}… (${s.length} characters)`);

export const CATEGORIES: ReadonlyArray<Category<unknown>> = [
  { name: 'eml-text', arbitrary: emlText, check: checkEmlText, describe: (s) => bounded(JSON.stringify(s)) },
  { name: 'math-text', arbitrary: mathText, check: checkMathText, describe: (s) => bounded(JSON.stringify(s)) },
  {
    name: 'eml-tree',
    arbitrary: fc.record({ tree: emlTree, point, semantics }),
    check: ({ tree, point: p, semantics: s }) => checkTree(tree, p, s),
    describe: ({ tree, point: p, semantics: s }) => `${bounded(printRpn(tree), 200)} at ${p.re} + ${p.im}i (${s})`,
  } satisfies Category<TreeCase> as Category<unknown>,
  { name: 'tree-json', arbitrary: treeJsonText, check: checkTreeJson, describe: (s) => bounded(JSON.stringify(s)) },
] as ReadonlyArray<Category<unknown>>;

export const CATEGORY_NAMES = CATEGORIES.map((c) => c.name);

/** 'hung': no result within the script's hard limit; the input was stopped (counted only as over budget). */
export type OutcomeKind = 'ok' | 'typed' | 'uncaught' | 'violation' | 'hung';

export interface Outcome {
  category: string;
  index: number;
  kind: OutcomeKind;
  /** The slowest single operation (see checks.ts), held to the budget. */
  ms: number;
  /** All of the input's operations together. */
  totalMs: number;
  input: string;
  /** For uncaught errors and violations: the error, bounded. */
  error?: string;
}

/** Input number `index` of the run with `seed`: a category in turn, generated from a seed of its own. */
export function inputAt(
  seed: number,
  index: number,
  categories = CATEGORIES,
): { category: Category<unknown>; input: unknown } {
  const category = categories[index % categories.length];
  const [input] = fc.sample(category.arbitrary, {
    seed: (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + index) | 0,
    numRuns: 1,
  });
  return { category, input };
}

/** Runs one input and classifies what happened; never throws. */
export function runInput(category: Category<unknown>, input: unknown, index: number): Outcome {
  resetSlowest();
  const t0 = performance.now();
  let kind: OutcomeKind;
  let error: string | undefined;
  try {
    kind = category.check(input);
  } catch (e) {
    kind = e instanceof FuzzViolation ? 'violation' : 'uncaught';
    error = bounded(e instanceof Error ? `${e.name}: ${e.message}` : String(e), 400);
  }
  const totalMs = performance.now() - t0;
  // Checks that run one operation (trees, tree JSON) or fail before timing one are timed as a whole.
  const ms = slowestOperationMs() > 0 ? slowestOperationMs() : totalMs;
  let described: string;
  try {
    described = category.describe(input);
  } catch (e) {
    described = `(could not describe the input: ${String(e)})`;
  }
  return { category: category.name, index, kind, ms, totalMs, input: described, error };
}

export interface CategoryTally {
  inputs: number;
  ok: number;
  typed: number;
  uncaught: number;
  violations: number;
  overBudget: number;
  /** Slowest single operation. */
  maxMs: number;
  /** Slowest input, all its operations together. */
  maxInputMs: number;
}

export interface FuzzReport {
  seed: number;
  runs: number;
  budgetMs: number;
  wallMs: number;
  categories: Record<string, CategoryTally>;
  /** The first offending inputs (uncaught, violation or over budget), at most `maxFailures`. */
  failures: Array<Outcome & { overBudget: boolean }>;
}

/** Accumulates outcomes into a report. */
export class Tally {
  readonly report: FuzzReport;

  constructor(
    seed: number,
    runs: number,
    budgetMs: number,
    private readonly maxFailures = 10,
  ) {
    const categories: Record<string, CategoryTally> = {};
    for (const name of CATEGORY_NAMES)
      categories[name] = {
        inputs: 0,
        ok: 0,
        typed: 0,
        uncaught: 0,
        violations: 0,
        overBudget: 0,
        maxMs: 0,
        maxInputMs: 0,
      };
    this.report = { seed, runs, budgetMs, wallMs: 0, categories, failures: [] };
  }

  add(o: Outcome): void {
    const c = this.report.categories[o.category];
    c.inputs++;
    if (o.kind === 'ok') c.ok++;
    else if (o.kind === 'typed') c.typed++;
    else if (o.kind === 'uncaught') c.uncaught++;
    else if (o.kind === 'violation') c.violations++;
    const overBudget = o.ms > this.report.budgetMs;
    if (overBudget) c.overBudget++;
    c.maxMs = Math.max(c.maxMs, Math.round(o.ms * 10) / 10);
    c.maxInputMs = Math.max(c.maxInputMs, Math.round(o.totalMs * 10) / 10);
    const failed = overBudget || o.kind === 'uncaught' || o.kind === 'violation' || o.kind === 'hung';
    if (failed && this.report.failures.length < this.maxFailures) this.report.failures.push({ ...o, overBudget });
  }

  /** True when nothing escaped, nothing broke a property and nothing ran over the budget. */
  get clean(): boolean {
    return Object.values(this.report.categories).every(
      (c) => c.uncaught === 0 && c.violations === 0 && c.overBudget === 0,
    );
  }
}
