/**
 * The trainable EML tree of the reference trainer (docs/fitting.md#the-trainable-tree, docs/fitting.md#loss), engine-independent parts:
 * shape and parameter layout, the leaf softmax and gate sigmoid, the entropy and binarity penalties with their
 * gradients, and the uncertainty count. The per-point forward/backward lives in the engines.
 *
 * Layout (as the reference): a full binary tree of depth d, 2^d leaves and 2^d − 1 eml nodes. Internal nodes are
 * numbered bottom level first: node (level from top L, position p) has index 2^d − 2^(L+1) + p, so the root is
 * the last. Parameters: leaf logits [2^d, 1 + nVars] (columns 1, x, y, ...), then gate logits [2^d − 1, 2]
 * (left, right); a gate s = sigmoid(logit/τ) feeds s·1 + (1 − s)·child, s = 1 meaning "constant 1".
 */

/** The reference's _BYPASS_THR: a gate above it feeds exactly 1 + 0i. */
export const BYPASS_THR = 1 - 2.22e-16;

export interface TreeShape {
  depth: number;
  nVars: number;
  /** Leaf columns: 1 + nVars. */
  nCols: number;
  nLeaves: number;
  nInternal: number;
  /** Value slots: leaves 0..nLeaves−1, then internal node j at nLeaves + j. */
  nSlots: number;
  nLeafParams: number;
  nParams: number;
  /** Per internal node: value slot of the left / right child. */
  childL: Int32Array;
  childR: Int32Array;
  /** Per internal node: its level from the top (root 0) and that level's node count. */
  level: Int32Array;
  levelSize: Int32Array;
}

export function treeShape(depth: number, nVars: number): TreeShape {
  if (!Number.isInteger(depth) || depth < 1 || depth > 8) throw new Error(`depth must be 1–8, got ${depth}`);
  const nLeaves = 2 ** depth;
  const nInternal = nLeaves - 1;
  const nCols = 1 + nVars;
  const childL = new Int32Array(nInternal);
  const childR = new Int32Array(nInternal);
  const level = new Int32Array(nInternal);
  const levelSize = new Int32Array(nInternal);
  for (let L = 0; L < depth; L++) {
    const size = 2 ** L;
    for (let p = 0; p < size; p++) {
      const j = flatNodeIndex(depth, L, p);
      level[j] = L;
      levelSize[j] = size;
      if (L === depth - 1) {
        childL[j] = 2 * p;
        childR[j] = 2 * p + 1;
      } else {
        childL[j] = nLeaves + flatNodeIndex(depth, L + 1, 2 * p);
        childR[j] = nLeaves + flatNodeIndex(depth, L + 1, 2 * p + 1);
      }
    }
  }
  const nLeafParams = nLeaves * nCols;
  return {
    depth,
    nVars,
    nCols,
    nLeaves,
    nInternal,
    nSlots: nLeaves + nInternal,
    nLeafParams,
    nParams: nLeafParams + 2 * nInternal,
    childL,
    childR,
    level,
    levelSize,
  };
}

export function flatNodeIndex(depth: number, levelFromTop: number, pos: number): number {
  return 2 ** depth - 2 ** (levelFromTop + 1) + pos;
}

/** Leaf probabilities softmax(logits/τ) into `w` [nLeaves·nCols]. */
export function leafWeights(shape: TreeShape, params: ArrayLike<number>, tau: number, w: Float64Array): void {
  const c = shape.nCols;
  for (let i = 0; i < shape.nLeaves; i++) {
    let m = -Infinity;
    for (let k = 0; k < c; k++) m = Math.max(m, params[i * c + k] / tau);
    let sum = 0;
    for (let k = 0; k < c; k++) {
      const e = Math.exp(params[i * c + k] / tau - m);
      w[i * c + k] = e;
      sum += e;
    }
    for (let k = 0; k < c; k++) w[i * c + k] /= sum;
  }
}

/** Gate values sigmoid(logit/τ) into `s` [nInternal·2]. */
export function gateValues(shape: TreeShape, params: ArrayLike<number>, tau: number, s: Float64Array): void {
  const off = shape.nLeafParams;
  for (let j = 0; j < 2 * shape.nInternal; j++) s[j] = 1 / (1 + Math.exp(-params[off + j] / tau));
}

/**
 * λ_ent·entropy + λ_bin·binarity (docs/fitting.md#loss, uncertainty_power 1); adds d/dp (leaves) and d/ds (gates) into gw, gs.
 * Returns the weighted penalty value.
 */
export function penalties(
  shape: TreeShape,
  w: Float64Array,
  s: Float64Array,
  lamEnt: number,
  lamBin: number,
  gw: Float64Array,
  gs: Float64Array,
  parts?: { entropy: number; binarity: number },
): number {
  const c = shape.nCols;
  let ent = 0;
  let bin = 0;
  const nl = shape.nLeaves;
  for (let i = 0; i < nl; i++) {
    let mx = -1;
    let am = 0;
    let h = 0;
    for (let k = 0; k < c; k++) {
      const p = w[i * c + k];
      if (p > mx) {
        mx = p;
        am = k;
      }
      h -= p * Math.log(p + 1e-12);
    }
    const raw = (1 - mx) / (2 / 3);
    const unc = raw < 0 ? 0 : raw > 1 ? 1 : raw;
    ent += unc * h;
    if (lamEnt !== 0) {
      const scale = lamEnt / nl;
      for (let k = 0; k < c; k++) {
        const p = w[i * c + k];
        gw[i * c + k] += scale * unc * (-Math.log(p + 1e-12) - p / (p + 1e-12));
      }
      // torch's clamp passes the gradient at the bounds too; max() routes it to the arg-max column.
      if (raw >= 0 && raw <= 1) gw[i * c + am] += scale * h * -1.5;
    }
  }
  const ng = 2 * shape.nInternal;
  for (let j = 0; j < ng; j++) {
    const v = s[j];
    const d = 2 * v - 1;
    const raw = 1 - Math.abs(d);
    const u = raw < 0 ? 0 : raw > 1 ? 1 : raw;
    bin += v * (1 - v) * u;
    if (lamBin !== 0) {
      const du = raw >= 0 && raw <= 1 ? (d > 0 ? -2 : d < 0 ? 2 : 0) : 0;
      gs[j] += (lamBin / ng) * ((1 - 2 * v) * u + v * (1 - v) * du);
    }
  }
  ent /= nl;
  bin /= ng;
  if (parts) {
    parts.entropy = ent;
    parts.binarity = bin;
  }
  return lamEnt * ent + lamBin * bin;
}

/** Chain d/dp and d/ds back to the logits through softmax(·/τ) and sigmoid(·/τ). */
export function backToLogits(
  shape: TreeShape,
  w: Float64Array,
  s: Float64Array,
  tau: number,
  gw: Float64Array,
  gs: Float64Array,
  grad: Float64Array,
): void {
  const c = shape.nCols;
  for (let i = 0; i < shape.nLeaves; i++) {
    let dot = 0;
    for (let k = 0; k < c; k++) dot += w[i * c + k] * gw[i * c + k];
    for (let k = 0; k < c; k++) grad[i * c + k] = (w[i * c + k] * (gw[i * c + k] - dot)) / tau;
  }
  const off = shape.nLeafParams;
  for (let j = 0; j < 2 * shape.nInternal; j++) grad[off + j] = (gs[j] * s[j] * (1 - s[j])) / tau;
}

/** The reference's analyze_snap: at τ = 1, leaves with max prob < 1 − thr and gates in (thr, 1 − thr). */
export function countUncertain(shape: TreeShape, params: ArrayLike<number>, thr: number): number {
  const w = new Float64Array(shape.nLeafParams);
  const s = new Float64Array(2 * shape.nInternal);
  leafWeights(shape, params, 1, w);
  gateValues(shape, params, 1, s);
  let n = 0;
  const c = shape.nCols;
  for (let i = 0; i < shape.nLeaves; i++) {
    let mx = 0;
    for (let k = 0; k < c; k++) mx = Math.max(mx, w[i * c + k]);
    if (mx < 1 - thr) n++;
  }
  for (const v of s) if (v > thr && v < 1 - thr) n++;
  return n;
}

/** hard_project_inplace: each leaf to its arg-max (logits ±24), each gate to ±24 by the sign of its logit. */
export function snapParams(shape: TreeShape, params: ArrayLike<number>, out: Float64Array, k = 24): Float64Array {
  const c = shape.nCols;
  for (let i = 0; i < shape.nLeaves; i++) {
    let am = 0;
    for (let q = 1; q < c; q++) if (params[i * c + q] > params[i * c + am]) am = q;
    for (let q = 0; q < c; q++) out[i * c + q] = q === am ? k : -k;
  }
  for (let j = shape.nLeafParams; j < shape.nParams; j++) out[j] = params[j] >= 0 ? k : -k;
  return out;
}
