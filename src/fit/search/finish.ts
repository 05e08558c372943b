/**
 * From raw search candidates to results: each candidate's constants refitted on every training point (its scale
 * and offset becoming ordinary constants), snapped to closed forms within the data's precision, compiled to a
 * pure EML tree; a Pareto front by K of that tree; verdicts for the front; and the pick.
 */
import type { EmlNode } from '../../eml/ast.ts';
import { compileBatch } from '../../eml/evaluate/batch.ts';
import { Prng } from '../../training/prng.ts';
import { evalValues, type Columns } from './evalExpr.ts';
import { shortestReading } from './alternatives.ts';
import { bin, key, param, paramCount, renumber, type Expr } from './expr.ts';
import { fitConstants, levenbergMarquardt, type FitOptions } from './fitConstants.ts';
import { pointTolerances, type Precision } from './precision.ts';
import type { RawCandidate, SearchData } from './search.ts';
import { snapConstants } from './snap.ts';
import { emlOf, paramName, readable, smallerTree, treeText, type EmlForm } from './toEml.ts';
import {
  freshCheck,
  localNoise,
  noiseScale,
  residualsLookRandom,
  scaledRms,
  withinTolerance,
  type FreshCheck,
  type Verdict,
} from './verdict.ts';
import type { FitReport, FormulaResult, Metrics } from './report.ts';

export interface FinishInput {
  vars: string[];
  train: SearchData;
  validation: SearchData;
  /** Tolerances of every point, training points first then validation points. */
  precision: Precision;
  candidates: readonly RawCandidate[];
  scaling: boolean;
  seed: number;
  /** Most candidates refitted and snapped (the best by loss, and the best of each size). */
  maxCandidates?: number;
  /** performance.now() time by which finishing should end: candidates after the first 6 are skipped past it. */
  deadline?: number;
}

/**
 * A report and each row's tree with its constants as `_c<i>` leaves (values in the row's `params`): the row's
 * `tree` text is `treeText` of it. The formula-search worker sends these trees encoded rather than the text
 * (workers/reportWire.ts), and the page prints the same text from them.
 */
export interface FinishedSearch {
  report: FitReport;
  trees: ReadonlyMap<FormulaResult, EmlNode>;
}

interface Finalised {
  expr: Expr;
  params: Float64Array;
  form: EmlForm;
  mse: number;
  predAll: Float64Array;
}

/**
 * Fewest points for a noise level estimated from the data alone: on sparser tables a smooth curve's curvature
 * between neighbours reads as noise (21 rows of the standard atmosphere "show" 3 % noise), and any flexible
 * formula would then pass as an exact law.
 */
export const MIN_POINTS_FOR_NOISE = 30;

/** Candidates always finished, even past the deadline: the best of each of the first sizes. */
const MIN_FINISHED = 12;

function concat(a: SearchData, b: SearchData): Columns & { y: Float64Array; w?: Float64Array } {
  const join = (p: Float64Array, q: Float64Array) => {
    const out = new Float64Array(p.length + q.length);
    out.set(p);
    out.set(q, p.length);
    return out;
  };
  const w = a.w && b.w ? join(a.w, b.w) : a.w ? join(a.w, new Float64Array(b.n).fill(1)) : undefined;
  return { x: a.x.map((c, j) => join(c, b.x[j])), y: join(a.y, b.y), n: a.n + b.n, ...(w ? { w } : {}) };
}

/**
 * R², RMSE and max error over points from…to; with weights, the weighted R² and RMSE (Σw·e² / Σw) and the largest
 * error among points of weight ≥ 1 % of the mean (a down-weighted outlier is not what the formula is judged on).
 */
function metrics(
  pred: ArrayLike<number>,
  y: ArrayLike<number>,
  from: number,
  to: number,
  w?: ArrayLike<number>,
): Metrics {
  let sw = 0;
  let mean = 0;
  for (let i = from; i < to; i++) {
    const wi = w ? w[i] : 1;
    sw += wi;
    mean += wi * y[i];
  }
  mean /= sw > 0 ? sw : 1;
  let se = 0;
  let st = 0;
  let mx = 0;
  for (let i = from; i < to; i++) {
    const wi = w ? w[i] : 1;
    const e = pred[i] - y[i];
    se += wi * e * e;
    st += wi * (y[i] - mean) ** 2;
    if (wi >= 0.01) mx = Number.isFinite(e) ? Math.max(mx, Math.abs(e)) : Infinity;
  }
  const n = to - from;
  if (n === 0 || !(sw > 0)) return { r2: NaN, rmse: NaN, maxError: NaN };
  return { r2: st > 0 ? 1 - se / st : se === 0 ? 1 : NaN, rmse: Math.sqrt(se / sw), maxError: mx };
}

/** The candidates worth finishing: the best by loss overall and the best two of each size, deduplicated. */
function shortlist(cands: readonly RawCandidate[], max: number): RawCandidate[] {
  const seen = new Set<string>();
  const out: RawCandidate[] = [];
  const take = (c: RawCandidate) => {
    const k = key(c.expr);
    if (seen.has(k) || out.length >= max) return;
    seen.add(k);
    out.push(c);
  };
  // The best of every size first, smallest first (the law is the best of its size; the front's simple end comes
  // from there), then the runners-up of each size, then the rest by loss; finishing may stop early.
  const bySize = new Map<number, RawCandidate[]>();
  for (const c of cands) bySize.set(c.size, [...(bySize.get(c.size) ?? []), c]);
  const sizes = [...bySize.keys()].sort((a, b) => a - b);
  for (const list of bySize.values()) list.sort((a, b) => a.mse - b.mse);
  for (const s of sizes) take(bySize.get(s)![0]);
  for (const s of sizes) if (bySize.get(s)![1]) take(bySize.get(s)![1]);
  [...cands].sort((a, b) => a.mse - b.mse).forEach(take);
  return out;
}

function finalise(
  c: RawCandidate,
  input: FinishInput,
  all: Columns & { y: Float64Array },
  check: Columns,
  rng: Prng,
): Finalised | null {
  const { train } = input;
  const opts: FitOptions = { scaling: input.scaling, starts: 2 + 2 * paramCount(c.expr), iterations: 60, rng };
  let first = fitConstants(c.expr, train, train.y, opts);
  if (c.params && c.params.length > 0) {
    // A trained candidate's own constants are one more start (random starts may miss its basin).
    const own = levenbergMarquardt(c.expr, train, train.y, Float64Array.from(c.params), opts);
    if (own && (!first || own.mse < first.mse)) first = { params: own.theta, a: own.a, b: own.b, mse: own.mse };
  }
  if (!first) return null;
  // The scale and offset become ordinary constants (snapped like any other), after the shape's own.
  const full = input.scaling ? renumber(bin('add', bin('mul', c.expr, param(0)), param(0))) : c.expr;
  const start = input.scaling ? Float64Array.from([...first.params, first.a, first.b]) : first.params;
  const refined =
    start.length > 0 ? levenbergMarquardt(full, train, train.y, start, { ...opts, scaling: false }) : null;
  const theta = refined ? refined.theta : start;
  const mse0 = refined ? refined.mse : first.mse;
  // A snap may cost at most what the data cannot tell apart: Δχ² ≤ 6 at the fit's own residual level, or the
  // rounding of the values themselves.
  const nt = train.n;
  let floor = 0;
  if (input.precision.source === 'digits') {
    const p = input.precision;
    const trainPrecision = { ...p, y: p.y.subarray(0, nt), x: p.x.map((c) => c.subarray(0, nt)) };
    const tol = pointTolerances(trainPrecision, train.x, train.y, (x) => evalValues(full, { x, n: nt }, theta));
    for (let i = 0; i < nt; i++) floor += tol[i] ** 2;
    floor /= nt;
  }
  const allowed = Math.max(mse0 * (1 + 6 / nt), floor);
  const snapped = snapConstants(full, theta, train, train.y, (mse) => mse <= allowed, { ...opts, scaling: false });
  const compiled = emlOf(snapped.expr, input.vars);
  if (!compiled) return null;
  // An equal reading with a smaller tree (ln(x/y) as ln x − ln y), checked on the data and fresh points.
  const { expr, form } = shortestReading(snapped.expr, compiled, snapped.params, input.vars, check);
  const predAll = evalValues(expr, all, snapped.params);
  return { expr, params: snapped.params, form, mse: snapped.mse, predAll };
}

/** The data and `count` fresh points drawn uniformly in the box of the inputs' ranges. */
function withFreshPoints(all: Columns, rng: Prng, count = 64): Columns {
  const x = all.x.map((c) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < all.n; i++) {
      lo = Math.min(lo, c[i]);
      hi = Math.max(hi, c[i]);
    }
    const out = new Float64Array(all.n + count);
    out.set(c.subarray(0, all.n));
    for (let i = 0; i < count; i++) out[all.n + i] = lo + (hi - lo) * rng.uniform();
    return out;
  });
  return { x, n: all.n + count };
}

/** Whether `tree` (constants as `_c<i>` leaves) gives the candidate's values at every point where those are finite. */
function sameValues(tree: EmlNode, f: Finalised, all: Columns, vars: readonly string[]): boolean {
  const inputs: Record<string, Float64Array> = {};
  vars.forEach((v, j) => (inputs[v] = all.x[j]));
  f.params.forEach((p, i) => (inputs[paramName(i)] = new Float64Array(all.n).fill(p)));
  const got = compileBatch(tree, 'complex').run(inputs, all.n);
  for (let i = 0; i < all.n; i++) {
    const want = f.predAll[i];
    if (!Number.isFinite(want)) continue;
    if (!(Math.hypot(got.re[i] - want, got.im[i]) <= 1e-9 * Math.max(1, Math.abs(want)))) return false;
  }
  return true;
}

export function finishSearch(input: FinishInput): FitReport {
  return finishSearchTrees(input).report;
}

/** finishSearch, with each row's symbolic tree (FinishedSearch). */
export function finishSearchTrees(input: FinishInput): FinishedSearch {
  const rng = new Prng(input.seed ^ 0x5eed);
  const all = concat(input.train, input.validation);
  const nt = input.train.n;
  const done: Finalised[] = [];
  const list = shortlist(input.candidates, input.maxCandidates ?? 40);
  // Its own generator, so the fits below draw the same starts as without it.
  const check = withFreshPoints(all, new Prng(input.seed ^ 0xc4ec));
  for (let i = 0; i < list.length; i++) {
    if (i >= MIN_FINISHED && input.deadline !== undefined && performance.now() > input.deadline) break;
    const f = finalise(list[i], input, all, check, rng);
    if (f && Number.isFinite(f.mse)) done.push(f);
  }
  if (done.length === 0)
    throw new Error('no candidate formula could be evaluated on the data (every one gave non-finite values)');
  // Pareto front: by K, each entry strictly better on training loss than every smaller one.
  done.sort((a, b) => a.form.k - b.form.k || a.mse - b.mse);
  const front: Finalised[] = [];
  for (const f of done) if (front.length === 0 || f.mse < front[front.length - 1].mse * (1 - 1e-9)) front.push(f);

  const scale = noiseScale(all.y);
  // A point of weight w (an inverse variance, mean 1) may be 1/√w times noisier.
  const wAll = all.w;
  const noiseUnit = wAll ? scale.map((v, i) => v / Math.sqrt(Math.max(wAll[i], 1e-300))) : scale;
  const stated = input.precision.source === 'noise' ? input.precision.noise : null;
  const mostAccurate = front[front.length - 1];
  // Without a stated noise level, it is estimated from the data alone (a model's own residuals would let the
  // most overfitted candidate set the bar).
  const estimated = stated === null && all.n >= MIN_POINTS_FOR_NOISE ? localNoise(all.x, all.y, scale) : NaN;
  // An estimate near the rounding of the digits is no evidence of noise (tabulated values, a smooth curve's own
  // curvature): then only "exact" or "approximation" apply, or any formula flexible enough would pass as a law.
  let rounding = 0;
  for (let i = 0; i < all.n; i++) rounding += (input.precision.y[i] / scale[i]) ** 2;
  rounding = Math.sqrt(rounding / all.n);
  const noise = stated ?? (estimated > 2 * rounding && estimated <= 0.05 ? estimated : null);
  // χ² within 3 σ of its mean; an estimated level gets 25 % more room for the estimate's own error.
  const chiLimit = (1 + 3 * Math.sqrt(2 / all.n)) * (stated === null ? 1.25 ** 2 : 1);
  const order = all.x.length === 1 ? all.x[0] : mostAccurate.predAll;

  /** Cheap pre-tests (no decompiling): inside every tolerance, or residuals at the noise level. */
  const pretest = (f: Finalised) => {
    const model = (x: readonly Float64Array[]) => evalValues(f.expr, { x, n: all.n }, f.params);
    const tol = input.precision.source === 'digits' ? pointTolerances(input.precision, all.x, all.y, model) : null;
    // Weights are inverse variances (mean 1): a point of weight w is known 1/√w times less precisely, and one
    // weighted below 1/1000 of the mean is taken as set aside by the user (an outlier), held to no tolerance.
    if (tol && all.w)
      for (let i = 0; i < all.n; i++) tol[i] = all.w[i] < 1e-3 ? Infinity : tol[i] / Math.sqrt(all.w[i]);
    const inside = tol ? withinTolerance(f.predAll, all.y, tol) : { fraction: 0, worstRatio: Infinity };
    const noiseRms = scaledRms(f.predAll, all.y, noiseUnit);
    const exact = inside.fraction === 1;
    const noisy =
      !exact &&
      noise !== null &&
      noiseRms <= noise * Math.sqrt(chiLimit) &&
      (stated !== null || residualsLookRandom(f.predAll, all.y, order));
    return { inside, noiseRms, exact, noisy };
  };
  const judged = new Map<Finalised, FormulaResult>();
  const trees = new Map<FormulaResult, EmlNode>();
  const judge = (f: Finalised): FormulaResult => {
    const known = judged.get(f);
    if (known) return known;
    const t = pretest(f);
    let verdict: Verdict = 'approximation';
    let fresh: FreshCheck | null = null;
    const read = readable(f.expr, f.form, input.vars, f.params);
    // A shorter tree for the same function, if a decompiled reading compiles to one: kept only if it computes the
    // candidate's values on the data (and, for exact and noisy verdicts, at fresh points below).
    const shorter = smallerTree(read, f.form);
    const form = shorter && sameValues(shorter.tree, f, all, input.vars) ? shorter : f.form;
    if (t.exact || t.noisy) {
      fresh = freshCheck(f.expr, f.params, form.tree, read.math, input.vars, all, rng);
      if (fresh.pass) verdict = t.exact ? 'exact' : 'exact-noisy';
    }
    const r: FormulaResult = {
      tree: treeText(form.tree, f.params),
      formula: read.text,
      latex: read.latex,
      k: form.k,
      depth: form.depth,
      constants: Array.from(f.params),
      verdict,
      train: metrics(f.predAll, all.y, 0, nt, all.w),
      validation: metrics(f.predAll, all.y, nt, all.n, all.w),
      rmse: metrics(f.predAll, all.y, 0, all.n, all.w).rmse,
      withinPrecision: t.inside.fraction,
      noiseRms: t.noiseRms,
      fresh,
      expr: f.expr,
      params: Array.from(f.params),
    };
    judged.set(f, r);
    trees.set(r, form.tree);
    return r;
  };
  const frontResults = front.map(judge);
  // The simplest candidate within the data's precision (or noise) need not be on the loss front: under noise a
  // more flexible formula of the same K fits the noise better. Look for it among everything finished.
  let simplest: FormulaResult | null = null;
  for (const f of done) {
    if (simplest && simplest.k <= f.form.k) break;
    const t = pretest(f);
    if (!t.exact && !t.noisy) continue;
    const r = judge(f);
    if (
      r.verdict !== 'approximation' &&
      (!simplest || r.k < simplest.k || (r.verdict === 'exact' && simplest.verdict !== 'exact'))
    )
      simplest = r;
  }
  const results = [...new Set([...frontResults, ...(simplest ? [simplest] : [])])].sort(
    (a, b) => a.k - b.k || a.train.rmse - b.train.rmse,
  );
  const exact = results.filter((r) => r.verdict === 'exact');
  const noisy = results.filter((r) => r.verdict === 'exact-noisy');
  const best = exact[0] ?? noisy[0] ?? pysrBest(frontResults.sort((a, b) => a.k - b.k));
  const report: FitReport = {
    best,
    pareto: results,
    precision: {
      source: input.precision.source,
      outputDigits: input.precision.outputDigits,
      noise: input.precision.noise,
      ...(input.precision.digitsStated ? { digitsStated: true } : {}),
    },
    noise,
  };
  return { report, trees };
}

/**
 * PySR's "best" model selection: among formulas whose loss is within 1.5× the most accurate one's (or that are
 * already very good), the one with the steepest loss drop per unit of complexity from its predecessor on the front.
 */
export function pysrBest(front: readonly FormulaResult[]): FormulaResult {
  const loss = (r: FormulaResult) => Math.max(r.train.rmse ** 2, 1e-300);
  const minLoss = Math.min(...front.map(loss));
  let best = front[front.length - 1];
  let bestScore = -Infinity;
  front.forEach((r, i) => {
    // Also eligible: a formula already explaining 99.99 % of the variance on training and validation points, so
    // a long tail of tiny gains by ever larger formulas cannot push a readable one out.
    const good = r.train.r2 >= 0.9999 && !(r.validation.r2 < 0.9999);
    if (loss(r) > 1.5 * minLoss && !good) return;
    const score = i === 0 ? Infinity : -Math.log(loss(r) / loss(front[i - 1])) / (r.k - front[i - 1].k);
    if (score > bestScore) {
      bestScore = score;
      best = r;
    }
  });
  return best;
}
