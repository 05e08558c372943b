/**
 * A formula-search worker: searches its shard of the problem (fit/search/search.ts runSearch), or finishes the
 * merged candidates of every shard (refits, snapping, pure EML trees, verdicts), typesets each formula with KaTeX
 * and computes the fit plot's values, so nothing of the report is computed on the page. One protocol
 * (protocol.ts: SearchCommand / SearchEvent); each request carries the table text and reads the problem itself.
 */
import { finishInput, searchOptionsFor } from '../fit/search/fitTable.ts';
import { finishSearchTrees } from '../fit/search/finish.ts';
import { evalValues } from '../fit/search/evalExpr.ts';
import type { Expr } from '../fit/search/expr.ts';
import { readProblem, type FitProblem } from '../fit/search/problem.ts';
import { runSearch, type RawCandidate } from '../fit/search/search.ts';
import { katexHtml } from '../eml/export/katexHtml.ts';
import { encodeReport } from './reportWire.ts';
import {
  transferables,
  type SearchCommand,
  type SearchEvent,
  type SearchPlot,
  type SearchProblemSpec,
} from './protocol.ts';

const scope = self as unknown as {
  postMessage(m: SearchEvent, transfer: Transferable[]): void;
  onmessage: ((e: MessageEvent<SearchCommand>) => void) | null;
};
const post = (m: SearchEvent) => scope.postMessage(m, transferables(m as never));

const MAX_PLOTTED = 2000;
const GRID = 200;

function problemOf(spec: SearchProblemSpec): { problem: FitProblem; warnings: string[] } {
  const read = readProblem(spec.text, {
    target: spec.target,
    inputs: spec.inputs,
    noise: spec.noise ?? undefined,
    digits: spec.digits ?? undefined,
    weights: spec.weights,
    validationFraction: spec.validationFraction,
    seed: spec.splitSeed,
  });
  if (!read.ok) throw new Error(read.errors.join(' '));
  return { problem: read.problem, warnings: read.warnings };
}

function safeValues(expr: Expr, x: Float64Array[], params: ArrayLike<number>): Float64Array {
  try {
    return evalValues(expr, { x, n: x[0]?.length ?? 0 }, params);
  } catch {
    return new Float64Array(x[0]?.length ?? 0).fill(NaN);
  }
}

/** The plotted points (training first, strided to at most MAX_PLOTTED) and every formula's values there. */
function plotOf(problem: FitProblem, formulas: ReadonlyArray<{ expr: Expr; params: ArrayLike<number> }>): SearchPlot {
  const { train, validation } = problem;
  const stride = Math.max(1, Math.ceil((train.n + validation.n) / MAX_PLOTTED));
  const pick = (d: typeof train) => Array.from({ length: Math.ceil(d.n / stride) }, (_, k) => k * stride);
  const ti = pick(train);
  const vi = pick(validation);
  const x = problem.vars.map((_, j) =>
    Float64Array.from([...ti.map((i) => train.x[j][i]), ...vi.map((i) => validation.x[j][i])]),
  );
  const y = Float64Array.from([...ti.map((i) => train.y[i]), ...vi.map((i) => validation.y[i])]);
  let grid: SearchPlot['grid'] = null;
  if (x.length === 1) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of x[0]) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    if (lo <= hi) {
      const gx = Float64Array.from({ length: GRID }, (_, i) => lo + ((hi - lo) * i) / (GRID - 1));
      grid = { x: gx, pred: formulas.map((f) => safeValues(f.expr, [gx], f.params)) };
    }
  }
  return {
    vars: problem.vars,
    target: problem.target,
    x,
    y,
    nTrain: ti.length,
    pred: formulas.map((f) => safeValues(f.expr, x, f.params)),
    grid,
  };
}

/** PySR's score of each Pareto row: the loss drop per unit of complexity from the previous row. */
export function paretoScores(rows: ReadonlyArray<{ k: number; train: { rmse: number } }>): number[] {
  const loss = (r: { train: { rmse: number } }) => Math.max(r.train.rmse ** 2, 1e-300);
  return rows.map((r, i) =>
    i === 0 || r.k === rows[i - 1].k ? NaN : -Math.log(loss(r) / loss(rows[i - 1])) / (r.k - rows[i - 1].k),
  );
}

/** RMSE over every point, training then validation (as finish.ts measures `rmse`). */
function rmseAll(problem: FitProblem, expr: Expr, params: ArrayLike<number>): number {
  const x = problem.vars.map((_, j) => Float64Array.from([...problem.train.x[j], ...problem.validation.x[j]]));
  const y = [...problem.train.y, ...problem.validation.y];
  const p = safeValues(expr, x, params);
  let se = 0;
  y.forEach((v, i) => (se += (p[i] - v) ** 2));
  return Math.sqrt(se / y.length);
}

scope.onmessage = (e) => {
  const cmd = e.data;
  try {
    if (cmd.type === 'search-start') {
      const { problem } = problemOf(cmd.problem);
      // The same per-shard seeds as the CLI (cli/fit/pool.ts), so a shard's search is the same wherever it runs.
      const {
        signal: _s,
        onProgress: _p,
        ...options
      } = searchOptionsFor(problem, { budgetMs: cmd.budgetMs, seed: cmd.seed + 7919 * cmd.shard.index });
      const outcome = runSearch(problem.train, {
        ...options,
        shard: cmd.shard,
        progressEveryMs: 80,
        onProgress: (p) => post({ type: 'search-progress', id: cmd.id, shard: cmd.shard.index, ...p }),
      });
      post({
        type: 'search-done',
        id: cmd.id,
        shard: cmd.shard.index,
        candidates: outcome.candidates,
        evaluated: outcome.evaluated,
        elapsedMs: outcome.elapsedMs,
        stopped: outcome.stopped,
      });
    } else if (cmd.type === 'search-finish') {
      const { problem, warnings } = problemOf(cmd.problem);
      // Finishing gets the quarter of the budget the search left it (fitTable.ts SEARCH_SHARE), at least 2 s.
      const deadline = performance.now() + Math.max(2000, cmd.budgetMs * 0.25);
      const { report, trees } = finishSearchTrees(
        finishInput(problem, cmd.candidates as RawCandidate[], { seed: cmd.seed }, deadline),
      );
      const html = report.pareto.map((r) => katexHtml(r.latex, false));
      const plot = plotOf(problem, report.pareto);
      post({
        type: 'search-report',
        id: cmd.id,
        // Each row's tree encoded, not as text: the page decodes it once (reportWire.ts).
        report: encodeReport(report, trees),
        bestIndex: Math.max(0, report.pareto.indexOf(report.best)),
        html,
        scores: paretoScores(report.pareto),
        plot,
        warnings,
      });
    } else if (cmd.type === 'search-replot') {
      const { problem } = problemOf(cmd.problem);
      const formulas = cmd.formulas.map((f) => ({ expr: f.expr as Expr, params: f.params }));
      post({
        type: 'search-replotted',
        id: cmd.id,
        html: cmd.formulas.map((f) => katexHtml(f.latex, false)),
        plot: plotOf(problem, formulas),
        rmse: formulas.map((f) => rmseAll(problem, f.expr, f.params)),
      });
    }
  } catch (err) {
    post({ type: 'search-error', id: cmd.id, message: err instanceof Error ? err.message : String(err) });
  }
};
