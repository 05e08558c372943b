/**
 * The fitter's one entry point for any host (CLI, bench, a Web Worker): search, then finish, with a time budget,
 * progress callbacks and cancellation; and the stable JSON shape of a result.
 */
import { finishSearch, type FinishInput } from './finish.ts';
import type { FitReport, FormulaResult } from './report.ts';
import type { FitProblem } from './problem.ts';
import { runSearch, type RawCandidate, type SearchOptions, type SearchOutcome } from './search.ts';

export interface FitOptions {
  budgetMs: number;
  seed: number;
  signal?: SearchOptions['signal'];
  onProgress?: SearchOptions['onProgress'];
  /** Fit y ≈ a·f + b (default true). */
  scaling?: boolean;
  /** Share of the search budget for the generalised gradient model (search.ts GENERAL_SHARE by default; 0: off). */
  generalShare?: number;
}

/** A training MSE this small is a fit within the data's precision (the search may wind down). */
export function targetMseOf(problem: FitProblem): number {
  const { train, precision } = problem;
  const nt = train.n;
  const sd = (v: ArrayLike<number>) => {
    let m = 0;
    for (let i = 0; i < nt; i++) m += v[i];
    m /= nt;
    let s = 0;
    for (let i = 0; i < nt; i++) s += (v[i] - m) ** 2;
    return Math.sqrt(s / nt);
  };
  // Input rounding moves the output by about slope·half-ulp; the typical slope is sd(y)/sd(x), with room for 3×.
  const slopes = train.x.map((c) => (sd(c) > 0 ? sd(train.y) / sd(c) : 0));
  let s = 0;
  for (let i = 0; i < nt; i++) {
    let t = precision.y[i];
    slopes.forEach((k, j) => (t += 3 * k * (precision.x[j]?.[i] ?? 0)));
    s += t * t;
  }
  return s / nt;
}

/** Share of the budget for the search; the rest is for finishing (refits, snapping, EML trees, verdicts). */
export const SEARCH_SHARE = 0.75;

export function searchOptionsFor(problem: FitProblem, opts: FitOptions): SearchOptions {
  return {
    budgetMs: opts.budgetMs * SEARCH_SHARE,
    seed: opts.seed,
    signal: opts.signal,
    onProgress: opts.onProgress,
    scaling: opts.scaling ?? true,
    targetMse: targetMseOf(problem),
    ...(opts.generalShare !== undefined ? { generalShare: opts.generalShare } : {}),
  };
}

export function finishProblem(
  problem: FitProblem,
  candidates: readonly RawCandidate[],
  opts: Pick<FitOptions, 'seed' | 'scaling'>,
  deadline?: number,
): FitReport {
  return finishSearch(finishInput(problem, candidates, opts, deadline));
}

/** What finishing a problem's candidates takes (finishProblem; the search worker also wants the trees). */
export function finishInput(
  problem: FitProblem,
  candidates: readonly RawCandidate[],
  opts: Pick<FitOptions, 'seed' | 'scaling'>,
  deadline?: number,
): FinishInput {
  return {
    deadline,
    vars: problem.vars,
    train: problem.train,
    validation: problem.validation,
    precision: problem.precision,
    candidates,
    scaling: opts.scaling ?? true,
    seed: opts.seed,
  };
}

/** Search and finish in the calling thread. */
export function fitProblem(problem: FitProblem, opts: FitOptions): { report: FitReport; search: SearchOutcome } {
  const t0 = performance.now();
  const search = runSearch(problem.train, searchOptionsFor(problem, opts));
  return { report: finishProblem(problem, search.candidates, opts, t0 + opts.budgetMs), search };
}

const num = (v: number): number | string => (Number.isFinite(v) ? v : String(v));

export function formulaJson(r: FormulaResult) {
  return {
    tree: r.tree,
    formula: r.formula,
    latex: r.latex,
    k: r.k,
    depth: r.depth,
    verdict: r.verdict,
    trainR2: num(r.train.r2),
    validationR2: num(r.validation.r2),
    rmse: num(r.rmse),
    trainRmse: num(r.train.rmse),
    validationRmse: num(r.validation.rmse),
    maxErrorTrain: num(r.train.maxError),
    maxErrorValidation: num(r.validation.maxError),
    withinPrecision: r.withinPrecision,
    constants: r.constants,
    freshCheck: r.fresh ? { points: r.fresh.points, maxRelError: num(r.fresh.maxRelError), pass: r.fresh.pass } : null,
  };
}

/** The documented `fit --json` object. */
export function reportJson(
  problem: FitProblem,
  report: FitReport,
  seconds: number,
  search: Pick<SearchOutcome, 'evaluated' | 'stopped'>,
) {
  return {
    ...formulaJson(report.best),
    seconds: Math.round(seconds * 1000) / 1000,
    target: problem.target,
    inputs: problem.inputs,
    variables: problem.vars,
    rows: problem.rows,
    precision: { ...report.precision, noiseUsed: report.noise },
    evaluated: search.evaluated,
    stopped: search.stopped,
    pareto: report.pareto.map(formulaJson),
  };
}
