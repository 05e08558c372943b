/**
 * Values of every node of the soft (trainable) tree at given weights and τ, over a dataset: what the live tree
 * shows when a node is clicked. Same parametrisation as training/model.ts (leaf softmax over (1, vars), gates
 * blending toward the constant 1), in float64 complex arithmetic with the principal log; display only.
 */
import { gateValues, leafWeights, treeShape, type TreeShape } from '../training/model.ts';

export interface SoftValues {
  shape: TreeShape;
  /** [slot][point] real parts; slots as in model.ts (leaves, then internal nodes bottom-up). */
  re: Float64Array[];
  im: Float64Array[];
  leafProb: Float64Array;
  gate: Float64Array;
}

export function softProbabilities(depth: number, nVars: number, weights: ArrayLike<number>, tau: number) {
  const shape = treeShape(depth, nVars);
  const leafProb = new Float64Array(shape.nLeafParams);
  const gate = new Float64Array(2 * shape.nInternal);
  const t = Math.max(1e-3, tau);
  leafWeights(shape, weights, t, leafProb);
  gateValues(shape, weights, t, gate);
  return { shape, leafProb, gate };
}

export function softValues(
  depth: number,
  weights: ArrayLike<number>,
  tau: number,
  x: Float64Array[],
  n: number,
): SoftValues {
  const { shape, leafProb, gate } = softProbabilities(depth, x.length, weights, tau);
  const re = Array.from({ length: shape.nSlots }, () => new Float64Array(n));
  const im = Array.from({ length: shape.nSlots }, () => new Float64Array(n));
  const c = shape.nCols;
  for (let i = 0; i < shape.nLeaves; i++) {
    for (let p = 0; p < n; p++) {
      let v = leafProb[i * c];
      for (let k = 1; k < c; k++) v += leafProb[i * c + k] * x[k - 1][p];
      re[i][p] = v;
    }
  }
  for (let j = 0; j < shape.nInternal; j++) {
    const L = shape.childL[j];
    const R = shape.childR[j];
    const sl = gate[2 * j];
    const sr = gate[2 * j + 1];
    const out = shape.nLeaves + j;
    for (let p = 0; p < n; p++) {
      const ar = sl + (1 - sl) * re[L][p];
      const ai = (1 - sl) * im[L][p];
      const br = sr + (1 - sr) * re[R][p];
      const bi = (1 - sr) * im[R][p];
      const ea = Math.exp(ar);
      re[out][p] = ea * Math.cos(ai) - Math.log(Math.hypot(br, bi));
      im[out][p] = ea * Math.sin(ai) - Math.atan2(bi, br);
    }
  }
  return { shape, re, im, leafProb, gate };
}
