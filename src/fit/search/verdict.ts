/**
 * Verdicts judged by the data's own precision:
 *  - exact: every residual (training and validation points) is inside that point's tolerance — the value's
 *    rounding interval widened by the inputs' rounding (precision.ts) — and the EML tree and the formula shown
 *    agree with the fitted expression at fresh points off the data (1e−9 relative);
 *  - exact-noisy: residuals consistent with the stated noise (or, without one, with the noise estimated from the
 *    data alone, on ≥ 30 points, above the rounding of the digits, with no systematic pattern), the same
 *    fresh-point agreement, and no
 *    simpler candidate consistent too (the caller takes the smallest K that passes);
 *  - approximation otherwise, with its metrics.
 */
import type { EmlNode } from '../../eml/ast.ts';
import { compileBatch } from '../../eml/evaluate/batch.ts';
import type { MathNode } from '../../eml/math/ast.ts';
import { evaluateMath } from '../../eml/math/evaluate.ts';
import type { Prng } from '../../training/prng.ts';
import { evalValues, type Columns } from './evalExpr.ts';
import type { Expr } from './expr.ts';
import { solveSmall } from './fitConstants.ts';
import { paramName } from './toEml.ts';

export type Verdict = 'exact' | 'exact-noisy' | 'approximation';

export const FRESH_RTOL = 1e-9;

/** Fraction of points whose |residual| is within tolerance, and the worst residual/tolerance ratio. */
export function withinTolerance(
  pred: ArrayLike<number>,
  y: ArrayLike<number>,
  tol: ArrayLike<number>,
): { fraction: number; worstRatio: number } {
  let inside = 0;
  let worst = 0;
  for (let i = 0; i < y.length; i++) {
    const r = Math.abs(pred[i] - y[i]);
    const ratio = tol[i] > 0 ? r / tol[i] : r === 0 ? 0 : Infinity;
    if (ratio <= 1) inside++;
    worst = Number.isFinite(ratio) ? Math.max(worst, ratio) : Infinity;
  }
  return { fraction: y.length > 0 ? inside / y.length : 0, worstRatio: worst };
}

/**
 * The scale of each point's noise: |y| (relative noise, as measurements of one sign usually have) when every value
 * is non-zero with one sign, else the standard deviation of y (absolute noise, in units of the data's spread).
 */
export function noiseScale(y: ArrayLike<number>): Float64Array {
  let pos = 0;
  let neg = 0;
  let mean = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] > 0) pos++;
    else if (y[i] < 0) neg++;
    mean += y[i] / y.length;
  }
  const relative = pos === y.length || neg === y.length;
  let ss = 0;
  for (let i = 0; i < y.length; i++) ss += (y[i] - mean) ** 2;
  const sd = Math.sqrt(ss / y.length) || 1;
  return Float64Array.from({ length: y.length }, (_, i) => (relative ? Math.abs(y[i]) : sd));
}

/** RMS of residuals in units of `scale` (relative residuals when scale = |y|). */
export function scaledRms(pred: ArrayLike<number>, y: ArrayLike<number>, scale: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += ((pred[i] - y[i]) / scale[i]) ** 2;
  return Math.sqrt(s / y.length);
}

/**
 * Sign runs of the residuals in the order of `order` (sorted by the first input, or by prediction): noise gives
 * about (n − 1)/2 sign changes; a systematic misfit gives few. True when there are no fewer than 2 σ below.
 */
export function residualsLookRandom(pred: ArrayLike<number>, y: ArrayLike<number>, order: ArrayLike<number>): boolean {
  const idx = Array.from({ length: y.length }, (_, i) => i).sort((a, b) => order[a] - order[b]);
  let changes = 0;
  let prev = 0;
  for (const i of idx) {
    const s = Math.sign(pred[i] - y[i]);
    if (s === 0) continue;
    if (prev !== 0 && s !== prev) changes++;
    prev = s;
  }
  const n = y.length;
  return changes >= (n - 1) / 2 - 2 * (Math.sqrt(n - 1) / 2);
}

export interface FreshCheck {
  points: number;
  /** Largest |tree − expression| / max(1, |expression|) over the valid fresh points (and the formula's). */
  maxRelError: number;
  pass: boolean;
}

/**
 * The EML tree (complex float64, batch evaluator) and the readable formula (math evaluator) against the fitted
 * expression at fresh points drawn uniformly over the inputs' ranges, plus the data points themselves.
 */
export function freshCheck(
  expr: Expr,
  params: ArrayLike<number>,
  tree: EmlNode,
  formula: MathNode | null,
  vars: readonly string[],
  data: Columns,
  rng: Prng,
  count = 200,
): FreshCheck {
  const ranges = data.x.map((c) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < data.n; i++) {
      lo = Math.min(lo, c[i]);
      hi = Math.max(hi, c[i]);
    }
    return [lo, hi];
  });
  const fresh = ranges.map(([lo, hi]) => Float64Array.from({ length: count }, () => lo + (hi - lo) * rng.uniform()));
  const sets: Columns[] = [{ x: fresh, n: count }, data];
  let maxRel = 0;
  let valid = 0;
  let total = 0;
  for (const cols of sets) {
    const want = evalValues(expr, cols, params);
    const inputs: Record<string, Float64Array> = {};
    vars.forEach((v, j) => (inputs[v] = cols.x[j].length === cols.n ? cols.x[j] : cols.x[j].subarray(0, cols.n)));
    for (let p = 0; p < params.length; p++) inputs[paramName(p)] = new Float64Array(cols.n).fill(params[p]);
    const got = compileBatch(tree, 'complex').run(inputs, cols.n);
    for (let i = 0; i < cols.n; i++) {
      total++;
      if (!Number.isFinite(want[i])) continue;
      valid++;
      const scale = Math.max(1, Math.abs(want[i]));
      const err = Math.hypot(got.re[i] - want[i], got.im[i]) / scale;
      maxRel = Number.isFinite(err) ? Math.max(maxRel, err) : Infinity;
    }
  }
  if (formula) {
    // The formula is slower to evaluate (exact rationals, complex): 20 fresh points are enough to catch a wrong reading.
    const m = Math.min(20, count);
    const cols: Columns = { x: fresh.map((c) => c.subarray(0, m)), n: m };
    const want = evalValues(expr, cols, params);
    for (let i = 0; i < m; i++) {
      if (!Number.isFinite(want[i])) continue;
      const env: Record<string, number> = {};
      vars.forEach((v, j) => (env[v] = fresh[j][i]));
      const z = evaluateMath(formula, env);
      const err = Math.hypot(z.re - want[i], z.im) / Math.max(1, Math.abs(want[i]));
      maxRel = Number.isFinite(err) ? Math.max(maxRel, err) : Infinity;
    }
  }
  return { points: valid, maxRelError: maxRel, pass: valid >= total / 2 && maxRel <= FRESH_RTOL };
}

/**
 * The data's own noise level, without any model: each point is predicted by a local linear fit through its
 * nearest neighbours (not itself), and the leverage-corrected squared errors, in units of `scale`, give σ² through
 * their median (robust to the few points where curvature dominates). Smooth exact data give ~0.
 */
export function localNoise(
  x: readonly Float64Array[],
  y: ArrayLike<number>,
  scale: ArrayLike<number>,
  maxPoints = 1500,
): number {
  const n = Math.min(y.length, maxPoints);
  const d = x.length;
  const k = d === 1 ? 4 : 2 * d + 4;
  if (n < k + 2) return NaN;
  const range = x.map((c) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      lo = Math.min(lo, c[i]);
      hi = Math.max(hi, c[i]);
    }
    return hi > lo ? hi - lo : 1;
  });
  const ratios: number[] = [];
  const dist = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += ((x[c][j] - x[c][i]) / range[c]) ** 2;
      dist[j] = j === i ? Infinity : s;
    }
    const nb = Array.from({ length: n }, (_, j) => j)
      .sort((a, b) => dist[a] - dist[b])
      .slice(0, k);
    // Normal equations of y ≈ β0 + Σ βc (x_c − x_c,i): the prediction at x_i is β0.
    const p = d + 1;
    const A = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    const g = new Array<number>(p).fill(0);
    for (const j of nb) {
      const row = [1, ...x.map((c, ci) => (c[j] - c[i]) / range[ci])];
      for (let a = 0; a < p; a++) {
        g[a] += row[a] * y[j];
        for (let b = 0; b < p; b++) A[a][b] += row[a] * row[b];
      }
    }
    for (let a = 0; a < p; a++) A[a][a] += 1e-12;
    const beta = solveSmall(
      A.map((r) => [...r]),
      [...g],
    );
    const unit = solveSmall(
      A.map((r) => [...r]),
      [1, ...new Array<number>(d).fill(0)],
    );
    if (!beta || !unit) continue;
    const e = (y[i] - beta[0]) / scale[i];
    ratios.push((e * e) / (1 + unit[0]));
  }
  if (ratios.length === 0) return NaN;
  ratios.sort((a, b) => a - b);
  return Math.sqrt(ratios[Math.floor(ratios.length / 2)] / 0.4549);
}
