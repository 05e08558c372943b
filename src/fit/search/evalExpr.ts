/**
 * Vectorised real float64 evaluation of a search expression over data columns, with forward-mode derivatives
 * with respect to the fitted constants (one tangent array per parameter), for Levenberg–Marquardt.
 *
 * Real semantics: ln of a negative, sqrt of a negative and a negative base to a non-integer power are NaN, so a
 * candidate that needs complex intermediates on the data is rejected during search; the final EML tree is
 * checked separately in the batch evaluator's complex semantics (finish.ts).
 */
import type { Expr } from './expr.ts';

export interface Evaluation {
  v: Float64Array;
  /** d[p] = ∂v/∂param p, or null where v does not depend on p (only when derivatives were asked for). */
  d: Array<Float64Array | null>;
}

export interface Columns {
  x: readonly Float64Array[];
  n: number;
}

const lnReal = (a: number) => (a > 0 ? Math.log(a) : a === 0 ? -Infinity : NaN);

/** Values only (fast path for the search's scoring). */
export function evalValues(e: Expr, cols: Columns, params: ArrayLike<number>): Float64Array {
  return evaluate(e, cols, params, false).v;
}

export function evaluate(e: Expr, cols: Columns, params: ArrayLike<number>, grad: boolean): Evaluation {
  const n = cols.n;
  const np = grad ? params.length : 0;
  const none = (): Array<Float64Array | null> => new Array<Float64Array | null>(np).fill(null);
  switch (e.t) {
    case 'var':
      return { v: cols.x[e.i].length === n ? cols.x[e.i] : cols.x[e.i].subarray(0, n), d: none() };
    case 'num':
      return { v: new Float64Array(n).fill(e.value), d: none() };
    case 'param': {
      const d = none();
      if (grad) d[e.i] = new Float64Array(n).fill(1);
      return { v: new Float64Array(n).fill(params[e.i]), d };
    }
    case 'un': {
      const A = evaluate(e.a, cols, params, grad);
      const v = new Float64Array(n);
      const a = A.v;
      // f′(a) per point, filled only when some tangent needs it.
      const fp = grad && A.d.some((x) => x !== null) ? new Float64Array(n) : null;
      for (let i = 0; i < n; i++) {
        const ai = a[i];
        let r: number;
        let dr = 0;
        switch (e.op) {
          case 'exp':
            r = Math.exp(ai);
            dr = r;
            break;
          case 'ln':
            r = lnReal(ai);
            dr = 1 / ai;
            break;
          case 'sqrt':
            r = ai >= 0 ? Math.sqrt(ai) : NaN;
            dr = 0.5 / r;
            break;
          case 'neg':
            r = -ai;
            dr = -1;
            break;
          case 'inv':
            r = 1 / ai;
            dr = -r * r;
            break;
          case 'sin':
            r = Math.sin(ai);
            dr = Math.cos(ai);
            break;
          case 'cos':
            r = Math.cos(ai);
            dr = -Math.sin(ai);
            break;
        }
        v[i] = r;
        if (fp) fp[i] = dr;
      }
      const d = A.d.map((da) => {
        if (!da || !fp) return null;
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) out[i] = fp[i] * da[i];
        return out;
      });
      return { v, d };
    }
    case 'bin': {
      const A = evaluate(e.a, cols, params, grad);
      const B = evaluate(e.b, cols, params, grad);
      const a = A.v;
      const b = B.v;
      const v = new Float64Array(n);
      const needA = grad && A.d.some((x) => x !== null);
      const needB = grad && B.d.some((x) => x !== null);
      const pa = needA ? new Float64Array(n) : null; // ∂v/∂a
      const pb = needB ? new Float64Array(n) : null; // ∂v/∂b
      for (let i = 0; i < n; i++) {
        const ai = a[i];
        const bi = b[i];
        let r: number;
        let ga = 0;
        let gb = 0;
        switch (e.op) {
          case 'add':
            r = ai + bi;
            ga = 1;
            gb = 1;
            break;
          case 'sub':
            r = ai - bi;
            ga = 1;
            gb = -1;
            break;
          case 'mul':
            r = ai * bi;
            ga = bi;
            gb = ai;
            break;
          case 'div':
            r = ai / bi;
            ga = 1 / bi;
            gb = -r / bi;
            break;
          case 'pow':
            r = Math.pow(ai, bi);
            ga = ai === 0 ? (bi === 1 ? 1 : 0) : (bi * r) / ai;
            gb = ai > 0 ? r * Math.log(ai) : 0;
            break;
          case 'eml': {
            const ea = Math.exp(ai);
            r = ea - lnReal(bi);
            ga = ea;
            gb = -1 / bi;
            break;
          }
        }
        v[i] = r;
        if (pa) pa[i] = ga;
        if (pb) pb[i] = gb;
      }
      const d: Array<Float64Array | null> = [];
      for (let p = 0; p < np; p++) {
        const da = A.d[p];
        const db = B.d[p];
        if (!da && !db) {
          d.push(null);
          continue;
        }
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) out[i] = (da ? pa![i] * da[i] : 0) + (db ? pb![i] * db[i] : 0);
        d.push(out);
      }
      return { v, d };
    }
  }
}

export function allFinite(v: ArrayLike<number>): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false;
  return true;
}
