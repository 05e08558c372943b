/**
 * The leaves of a NativeTree on the JavaScript path: each leaf is w0 + Σ_k w_k·x_k over the data, and its weights'
 * gradients are the matching sums over its gradient row. Rows start at leaf·st (st ≥ n). The SIMD kernel has its
 * own (kernel/simdKernel.ts); these keep the sums in the order the golden traces pin.
 */
import type { TreeShape } from './model.ts';
import type { TrainingData } from './targets.ts';

/** Leaf values into vre (real parts; a leaf's imaginary part stays +0 from the allocation). */
export function leafValues(shape: TreeShape, data: TrainingData, w: Float64Array, vre: Float64Array, st: number): void {
  const c = shape.nCols;
  const xs = data.x;
  const n = data.n;
  for (let i = 0; i < shape.nLeaves; i++) {
    const o = i * st;
    const w0 = w[i * c];
    if (c === 3) {
      // Two variables (the paper's x, y): one pass, the same sums in the same order as the general loop.
      const [x0, x1] = xs;
      const w1 = w[i * c + 1];
      const w2 = w[i * c + 2];
      for (let p = 0; p < n; p++) vre[o + p] = w0 + w1 * x0[p] + w2 * x1[p];
      continue;
    }
    for (let p = 0; p < n; p++) vre[o + p] = w0;
    for (let k = 1; k < c; k++) {
      const wk = w[i * c + k];
      const x = xs[k - 1];
      for (let p = 0; p < n; p++) vre[o + p] += wk * x[p];
    }
  }
}

/** Adds each leaf weight's gradient (the sums over the leaf's gradient row in gre) into gw. */
export function leafGradients(
  shape: TreeShape,
  data: TrainingData,
  gre: Float64Array,
  st: number,
  gw: Float64Array,
): void {
  const c = shape.nCols;
  const xs = data.x;
  const n = data.n;
  for (let i = 0; i < shape.nLeaves; i++) {
    const o = i * st;
    if (c === 3) {
      const [x0, x1] = xs;
      let g0 = 0;
      let g1 = 0;
      let g2 = 0;
      for (let p = 0; p < n; p++) {
        const g = gre[o + p];
        g0 += g;
        g1 += g * x0[p];
        g2 += g * x1[p];
      }
      gw[i * c] += g0;
      gw[i * c + 1] += g1;
      gw[i * c + 2] += g2;
      continue;
    }
    let g0 = 0;
    for (let p = 0; p < n; p++) g0 += gre[o + p];
    gw[i * c] += g0;
    for (let k = 1; k < c; k++) {
      const x = xs[k - 1];
      let g = 0;
      for (let p = 0; p < n; p++) g += gre[o + p] * x[p];
      gw[i * c + k] += g;
    }
  }
}
