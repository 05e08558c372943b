/**
 * Fit quality of a snapped tree on a dataset, in float64 by the core's batch evaluator, in a named semantics
 * (complex by default: an imaginary part in the prediction counts as error, as in the paper's loss; in 'finite'
 * a point where any node leaves the finite numbers is an error; in 'real-extended' a non-real step gives NaN).
 * Weights, when present, weight every mean, as they weight the engine's loss.
 */
import type { EmlNode } from '../eml/ast.ts';
import { compileBatch } from '../eml/evaluate/batch.ts';
import type { Semantics } from '../eml/evaluate/semantics.ts';
import type { Dataset } from './dataset.ts';
import { finiteError, meanSquaredError } from '../training/mse.ts';

export interface FitMetrics {
  n: number;
  /** Mean |pred − y|² (complex modulus). */
  mse: number;
  rmse: number;
  r2: number;
  maxError: number;
}

export function predict(
  tree: EmlNode,
  ds: Pick<Dataset, 'vars' | 'x' | 'n'>,
  semantics: Semantics = 'complex',
): { re: Float64Array; im: Float64Array } {
  const inputs: Record<string, Float64Array> = {};
  ds.vars.forEach((v, i) => (inputs[v] = ds.x[i]));
  const r = compileBatch(tree, semantics).run(inputs, ds.n);
  // 'finite' flags a point instead of changing its value; a flagged point has no valid prediction.
  if (r.invalid) for (let i = 0; i < ds.n; i++) if (r.invalid[i]) r.re[i] = r.im[i] = NaN;
  return { re: r.re, im: r.im };
}

export function metricsOf(
  pred: { re: ArrayLike<number>; im: ArrayLike<number> },
  y: ArrayLike<number>,
  w: ArrayLike<number> | null = null,
): FitMetrics {
  const n = y.length;
  let sw = 0;
  let mean = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i] : 1;
    sw += wi;
    mean += wi * y[i];
  }
  if (n === 0 || !(sw > 0)) return { n, mse: NaN, rmse: NaN, r2: NaN, maxError: NaN };
  mean /= sw;
  let st = 0;
  let mx = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i] : 1;
    st += wi * (y[i] - mean) ** 2;
    const dr = pred.re[i] - y[i];
    const e = Math.sqrt(dr * dr + pred.im[i] * pred.im[i]);
    // NaN errors must not hide behind Math.max's NaN-propagation quirks: any non-finite error makes it ∞.
    mx = Number.isFinite(e) ? Math.max(mx, e) : Infinity;
  }
  // The one MSE (training/mse.ts), as the trainer measured the same tree; raw weights rescaled to mean 1 (n / Σw).
  const mse = finiteError(meanSquaredError(pred.re, pred.im, y, w, n) * (w ? n / sw : 1));
  return { n, mse, rmse: Math.sqrt(mse), r2: st > 0 ? 1 - (mse * sw) / st : mse === 0 ? 1 : NaN, maxError: mx };
}

export function evaluateFit(tree: EmlNode, ds: Dataset, semantics: Semantics = 'complex'): FitMetrics {
  return metricsOf(predict(tree, ds, semantics), ds.y, ds.w);
}
