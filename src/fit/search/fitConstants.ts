/**
 * Fitting a candidate's real constants: Levenberg–Marquardt on the expression's parameters θ with forward-mode
 * derivatives (evalExpr.ts), from several starts, and optional linear scaling y ≈ a·f(θ) + b with a, b solved in
 * closed form at every θ (variable projection: the LM step uses the Jacobian projected off span{f, 1}, Kaufman's
 * approximation), so the scale and offset never fight the shape's own constants.
 */
import type { Prng } from '../../training/prng.ts';
import { evaluate, type Columns } from './evalExpr.ts';
import { paramCount, type Expr } from './expr.ts';

export interface FitOptions {
  /** Fit y ≈ a·f + b (a, b closed form) instead of y ≈ f. */
  scaling: boolean;
  /** Starting points for θ (the first is all ones); ignored when the candidate has no parameters. */
  starts: number;
  iterations: number;
  rng: Prng;
}

export interface ConstantFit {
  params: Float64Array;
  a: number;
  b: number;
  /** Mean squared error on the fitting points. */
  mse: number;
}

/**
 * Least squares y ≈ a·f + b (or y ≈ f when !scaling); null when f is not finite or (with scaling) constant.
 * With weights w (mean 1), weighted least squares: Σ w (a·f + b − y)² / n.
 */
export function linearScale(
  f: ArrayLike<number>,
  y: ArrayLike<number>,
  scaling: boolean,
  w?: ArrayLike<number>,
): { a: number; b: number; mse: number } | null {
  if (w) return linearScaleWeighted(f, y, scaling, w);
  const n = y.length;
  let mf = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(f[i])) return null;
    mf += f[i];
    my += y[i];
  }
  mf /= n;
  my /= n;
  let a = 1;
  let b = 0;
  if (scaling) {
    let sff = 0;
    let sfy = 0;
    for (let i = 0; i < n; i++) {
      sff += (f[i] - mf) ** 2;
      sfy += (f[i] - mf) * (y[i] - my);
    }
    // A (numerically) constant f carries no shape; scaling would just fit the mean.
    if (!(sff > 1e-24 * n * (1 + mf * mf))) return null;
    a = sfy / sff;
    b = my - a * mf;
  }
  let se = 0;
  for (let i = 0; i < n; i++) se += (a * f[i] + b - y[i]) ** 2;
  const mse = se / n;
  return Number.isFinite(mse) ? { a, b, mse } : null;
}

function linearScaleWeighted(
  f: ArrayLike<number>,
  y: ArrayLike<number>,
  scaling: boolean,
  w: ArrayLike<number>,
): { a: number; b: number; mse: number } | null {
  const n = y.length;
  let sw = 0;
  let mf = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(f[i])) return null;
    sw += w[i];
    mf += w[i] * f[i];
    my += w[i] * y[i];
  }
  if (!(sw > 0)) return null;
  mf /= sw;
  my /= sw;
  let a = 1;
  let b = 0;
  if (scaling) {
    let sff = 0;
    let sfy = 0;
    for (let i = 0; i < n; i++) {
      sff += w[i] * (f[i] - mf) ** 2;
      sfy += w[i] * (f[i] - mf) * (y[i] - my);
    }
    if (!(sff > 1e-24 * sw * (1 + mf * mf))) return null;
    a = sfy / sff;
    b = my - a * mf;
  }
  let se = 0;
  for (let i = 0; i < n; i++) se += w[i] * (a * f[i] + b - y[i]) ** 2;
  const mse = se / n;
  return Number.isFinite(mse) ? { a, b, mse } : null;
}

/** Solves the small dense system A δ = g in place (Gaussian elimination, partial pivoting); null if singular. */
export function solveSmall(A: number[][], g: number[]): number[] | null {
  const p = g.length;
  for (let c = 0; c < p; c++) {
    let piv = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
    if (!(Math.abs(A[piv][c]) > 1e-300)) return null;
    [A[c], A[piv]] = [A[piv], A[c]];
    [g[c], g[piv]] = [g[piv], g[c]];
    for (let r = c + 1; r < p; r++) {
      const m = A[r][c] / A[c][c];
      for (let k = c; k < p; k++) A[r][k] -= m * A[c][k];
      g[r] -= m * g[c];
    }
  }
  const x = new Array<number>(p).fill(0);
  for (let r = p - 1; r >= 0; r--) {
    let s = g[r];
    for (let k = r + 1; k < p; k++) s -= A[r][k] * x[k];
    x[r] = s / A[r][r];
  }
  return x.every(Number.isFinite) ? x : null;
}

/** Removes from `g` its least-squares component on span{f, 1} (f centred as fc, with Σfc² = sff). */
function project(g: Float64Array, fc: Float64Array, sff: number): void {
  const n = g.length;
  let mg = 0;
  for (let i = 0; i < n; i++) mg += g[i];
  mg /= n;
  let sfg = 0;
  for (let i = 0; i < n; i++) sfg += fc[i] * g[i];
  const k = sff > 0 ? sfg / sff : 0;
  for (let i = 0; i < n; i++) g[i] -= mg + k * fc[i];
}

/** Removes from each column its least-squares component on span{√w, √w·f} (Gram–Schmidt). */
function projectWeighted(J: Float64Array[], sw: Float64Array, f: Float64Array): void {
  const n = sw.length;
  const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += a[i] * b[i];
    return s;
  };
  const q1 = Float64Array.from(sw);
  const n1 = Math.sqrt(dot(q1, q1));
  if (!(n1 > 0)) return;
  for (let i = 0; i < n; i++) q1[i] /= n1;
  const q2 = Float64Array.from(sw, (s, i) => s * f[i]);
  const c = dot(q2, q1);
  for (let i = 0; i < n; i++) q2[i] -= c * q1[i];
  const n2 = Math.sqrt(dot(q2, q2));
  for (const col of J) {
    const k1 = dot(col, q1);
    for (let i = 0; i < n; i++) col[i] -= k1 * q1[i];
    if (n2 > 0) {
      const k2 = dot(col, q2) / (n2 * n2);
      for (let i = 0; i < n; i++) col[i] -= k2 * q2[i];
    }
  }
}

interface State {
  theta: Float64Array;
  a: number;
  b: number;
  mse: number;
}

/** Columns that may carry point weights (mean 1): every fit on them is weighted least squares. */
export type WeightedColumns = Columns & { w?: Float64Array };

export function stateAt(
  e: Expr,
  cols: WeightedColumns,
  y: Float64Array,
  theta: Float64Array,
  scaling: boolean,
): State | null {
  const f = evaluate(e, cols, theta, false).v;
  const s = linearScale(f, y, scaling, cols.w);
  return s ? { theta, a: s.a, b: s.b, mse: s.mse } : null;
}

/** LM from one given start (used to refit the remaining constants after one is snapped). */
export function levenbergMarquardt(
  e: Expr,
  cols: WeightedColumns,
  y: Float64Array,
  start: Float64Array,
  opts: FitOptions,
): State | null {
  const p = start.length;
  const n = cols.n;
  let cur = stateAt(e, cols, y, start, opts.scaling);
  if (!cur) return null;
  let lambda = 1e-3;
  for (let it = 0; it < opts.iterations && cur.mse > 0; it++) {
    const ev = evaluate(e, cols, cur.theta, true);
    const f = ev.v;
    const J = ev.d.map((d) => {
      const col = new Float64Array(n);
      if (d) for (let i = 0; i < n; i++) col[i] = cur!.a * d[i];
      return col;
    });
    const w = cols.w;
    if (w) {
      // Weighted: rows scaled by √w; the scale and offset are projected out in the weighted inner product.
      const sw = Float64Array.from(w, (v) => Math.sqrt(v));
      for (const col of J) for (let i = 0; i < n; i++) col[i] *= sw[i];
      if (opts.scaling) projectWeighted(J, sw, f);
    } else if (opts.scaling) {
      let mf = 0;
      for (let i = 0; i < n; i++) mf += f[i];
      mf /= n;
      const fc = new Float64Array(n);
      let sff = 0;
      for (let i = 0; i < n; i++) sff += (fc[i] = f[i] - mf) ** 2;
      for (const col of J) project(col, fc, sff);
    }
    const JtJ = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    const Jtr = new Array<number>(p).fill(0);
    for (let i = 0; i < n; i++) {
      const r = (cur.a * f[i] + cur.b - y[i]) * (w ? Math.sqrt(w[i]) : 1);
      for (let j = 0; j < p; j++) {
        const jj = J[j][i];
        Jtr[j] += jj * r;
        for (let k = 0; k <= j; k++) JtJ[j][k] += jj * J[k][i];
      }
    }
    for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) JtJ[k][j] = JtJ[j][k];
    if (!Jtr.every(Number.isFinite)) return cur;
    let improved = false;
    for (let tries = 0; tries < 8 && !improved; tries++) {
      const A = JtJ.map((row, j) => row.map((v, k) => (j === k ? v + lambda * (v + 1e-12) : v)));
      const delta = solveSmall(
        A,
        Jtr.map((v) => -v),
      );
      if (!delta) {
        lambda *= 10;
        continue;
      }
      const theta = Float64Array.from(cur.theta, (t, j) => t + delta[j]);
      const next = stateAt(e, cols, y, theta, opts.scaling);
      if (next && next.mse < cur.mse) {
        const gain = (cur.mse - next.mse) / cur.mse;
        cur = next;
        lambda = Math.max(lambda / 3, 1e-12);
        improved = true;
        if (gain < 1e-14) return cur;
      } else lambda *= 4;
    }
    if (!improved) break;
  }
  return cur;
}

/** Best fit over the starts, or null when no start gives finite values at every point. */
export function fitConstants(e: Expr, cols: WeightedColumns, y: Float64Array, opts: FitOptions): ConstantFit | null {
  const p = paramCount(e);
  if (p === 0) {
    const s = stateAt(e, cols, y, new Float64Array(0), opts.scaling);
    return s ? { params: s.theta, a: s.a, b: s.b, mse: s.mse } : null;
  }
  let best: State | null = null;
  for (let s = 0; s < Math.max(1, opts.starts); s++) {
    const start = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      // Start 0 is all ones; later starts draw a sign and a log-uniform magnitude in [0.1, 10].
      start[j] = s === 0 ? 1 : (opts.rng.uniform() < 0.3 ? -1 : 1) * Math.exp((opts.rng.uniform() * 2 - 1) * Math.LN10);
    }
    const r = levenbergMarquardt(e, cols, y, start, opts);
    if (r && (!best || r.mse < best.mse)) best = r;
    if (best && best.mse === 0) break;
  }
  return best ? { params: best.theta, a: best.a, b: best.b, mse: best.mse } : null;
}
