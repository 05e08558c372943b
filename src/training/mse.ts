/**
 * The one mean squared error: Σ wᵢ·|predᵢ − yᵢ|² / n over complex predictions (an imaginary part counts as error,
 * as in the paper's loss), unweighted when `w` is absent. Weights are of mean 1 (fit/dataset.ts toTrainingData
 * normalises them; the tfjs engine's tf.mean divides by n the same way); fit/metrics.ts rescales raw weights.
 * The training engine's data loss, the discrete search's incremental check (snappedTree.ts), a snapped tree's
 * verification (snap.ts treeMse) and the fit metrics (fit/metrics.ts) all call it, so the numbers they report
 * agree to the last bit on the same tree and rows. The raw quotient is returned — NaN and ∞ included — because
 * the engine's NaN guard must see a NaN step; callers that judge a tree map a non-finite error to ∞ (finiteError).
 */
export function meanSquaredError(
  re: ArrayLike<number>,
  im: ArrayLike<number>,
  y: ArrayLike<number>,
  w: ArrayLike<number> | null | undefined,
  n: number = y.length,
  offset = 0,
): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const dr = re[offset + i] - y[i];
    const di = im[offset + i];
    s += w ? w[i] * (dr * dr + di * di) : dr * dr + di * di;
  }
  return s / n;
}

/** A tree's error as the trainer and the cockpit judge it: non-finite (a point that overflows or is NaN) is ∞. */
export const finiteError = (mse: number): number => (Number.isFinite(mse) ? mse : Infinity);
