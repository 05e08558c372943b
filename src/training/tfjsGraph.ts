/**
 * The batched loss graph of the tfjs engine: every restart's tree evaluated at once, as tensors with a leading
 * restart dimension R, vectorised per tree level over [R, nodes of the level, points]. So the number of kernels per
 * step grows with the depth, not with R or the node count: one forward/backward serves the whole batch, and the
 * cost per restart falls as R grows until the device is full. Nothing here mixes restarts, so each restart's
 * losses and gradients are exactly those it would have alone (same model as nativeEngine.ts, in float32).
 * Complex values are (re, im) tensor pairs (tfjs has no complex autodiff); log uses atan2 for the principal branch.
 */
import * as tf from '@tensorflow/tfjs-core';
import { BYPASS_THR, type TreeShape } from './model.ts';

/** In float32, 1 − 2.22e−16 rounds to 1; the bypass test becomes s ≥ 1, which is the same set of gates. */
const BYPASS32 = Math.fround(BYPASS_THR) < 1 ? Math.fround(BYPASS_THR) : 1;

export interface GraphData {
  shape: TreeShape;
  R: number;
  n: number;
  /** [nCols, n]: the column of ones, then one row per variable. */
  feats: tf.Tensor2D;
  /** [1, n]. */
  target: tf.Tensor;
  /** [1, n] point weights (mean 1), or null for the plain mean. */
  weight: tf.Tensor | null;
  clamp: number;
  /** Scalars 1 and 0 for where(), made once on the engine's backend. */
  one: tf.Scalar;
  zero: tf.Scalar;
  lamInter: number;
  interThreshold: number;
}

/**
 * The bypass mask [R, nInternal, 2] (gate s ≥ the bypass threshold: feed exactly 1). It must be made OUTSIDE the
 * gradient tape and passed in: made from the gate variable inside it, the tape follows the mask into where()'s
 * broadcast (a Tile over the points), and tfjs's Tile gradient is one Slice + Add per repetition, so every step
 * ran 2 × points × levels × 2 extra kernels (12 000 kernels per step at depth 3 with 441 points instead of ~1 400).
 * The mask has no gradient anyway (a step function of the gate).
 */
export function bypassMask(gate: tf.Tensor, tau: tf.Tensor, R: number): tf.Tensor {
  return tf.tidy(() => tf.greaterEqual(tf.sigmoid(tf.div(gate, tf.reshape(tau, [R, 1, 1]))), BYPASS32));
}

/** What a step's losses are computed from: the parameters, the bypass mask, and per-restart [R] τ and weights. */
export interface LossInputs {
  leaf: tf.Tensor;
  gate: tf.Tensor;
  bypass: tf.Tensor;
  tau: tf.Tensor;
  lamEnt: tf.Tensor;
  lamBin: tf.Tensor;
}

export interface Losses {
  total: tf.Tensor1D;
  data: tf.Tensor1D;
}

/** Per-restart losses [R] each: total (with penalties when asked) and the soft data MSE. */
export function batchedLosses(g: GraphData, x: LossInputs, withPenalties: boolean): Losses {
  const { leaf, gate, bypass, tau, lamEnt, lamBin } = x;
  const { depth, nLeaves, nCols } = g.shape;
  const { R, n } = g;
  const tau3 = tf.reshape(tau, [R, 1, 1]);
  const w = tf.softmax(tf.div(leaf, tau3));
  let re: tf.Tensor = tf.reshape(tf.matMul(tf.reshape(w, [R * nLeaves, nCols]), g.feats), [R, nLeaves, n]);
  let im: tf.Tensor = tf.zerosLike(re);
  const s = tf.sigmoid(tf.div(gate, tau3));
  const interParts: tf.Tensor[] = [];
  for (let L = depth - 1; L >= 0; L--) {
    const size = 2 ** L;
    const start = 2 ** depth - 2 ** (L + 1);
    const pr = tf.reshape(re, [R, size, 2, n]);
    const pi = tf.reshape(im, [R, size, 2, n]);
    const side = (k: 0 | 1) => {
      const sv = tf.slice(s, [0, start, k], [R, size, 1]);
      const cre = tf.reshape(tf.slice(pr, [0, 0, k, 0], [R, size, 1, n]), [R, size, n]);
      const cim = tf.reshape(tf.slice(pi, [0, 0, k, 0], [R, size, 1, n]), [R, size, n]);
      const u = tf.sub(1, sv);
      // [R, size, 1]: where broadcasts it (and the scalars) over the points, so no full-size mask or fill is made.
      const by = tf.slice(bypass, [0, start, k], [R, size, 1]);
      const bre = tf.add(sv, tf.mul(u, cre));
      const bim = tf.mul(u, cim);
      return { re: tf.where(by, g.one, bre), im: tf.where(by, g.zero, bim) };
    };
    const a = side(0);
    const b = side(1);
    const E = tf.exp(a.re);
    const er = tf.mul(E, tf.cos(a.im));
    const ei = tf.mul(E, tf.sin(a.im));
    const lr = tf.mul(0.5, tf.log(tf.add(tf.square(b.re), tf.square(b.im))));
    const li = tf.atan2(b.im, b.re);
    re = scrub(tf.sub(er, lr), g.clamp, g.zero);
    im = scrub(tf.sub(ei, li), g.clamp, g.zero);
    if (withPenalties) {
      const mag = tf.sqrt(tf.add(tf.square(re), tf.square(im)));
      interParts.push(tf.mean(tf.square(tf.relu(tf.sub(mag, g.interThreshold))), [1, 2]));
    }
  }
  const out = tf.reshape(re, [R, n]);
  const oi = tf.reshape(im, [R, n]);
  const sq = tf.add(tf.square(tf.sub(out, g.target)), tf.square(oi));
  const data = tf.mean(g.weight ? tf.mul(g.weight, sq) : sq, 1) as tf.Tensor1D;
  if (!withPenalties) return { total: data, data };
  return { total: penalisedTotal(g, data, interParts, w, s, lamEnt, lamBin), data };
}

/**
 * The training loss per restart: data + λ_ent · entropy of uncertain leaves + λ_bin · gate binarity + λ_inter ·
 * the mean of the levels' intermediate-magnitude penalties. w: leaf weights [R, nLeaves, nCols]; s: gates
 * [R, nInternal, 2]; inter: one [R] penalty per level. Shared by both graphs (tfjsFused/fusedGraph.ts).
 */
export function penalisedTotal(
  g: GraphData,
  data: tf.Tensor1D,
  interParts: tf.Tensor[],
  w: tf.Tensor,
  s: tf.Tensor,
  lamEnt: tf.Tensor,
  lamBin: tf.Tensor,
): tf.Tensor1D {
  const inter = tf.div(tf.addN(interParts), g.shape.depth);
  const mx = tf.max(w, -1);
  const unc = tf.clipByValue(tf.div(tf.sub(1, mx), 2 / 3), 0, 1);
  const H = tf.neg(tf.sum(tf.mul(w, tf.log(tf.add(w, 1e-12))), -1));
  const ent = tf.mean(tf.mul(unc, H), -1);
  const gu = tf.clipByValue(tf.sub(1, tf.abs(tf.sub(tf.mul(2, s), 1))), 0, 1);
  const bin = tf.mean(tf.mul(tf.mul(s, tf.sub(1, s)), gu), [1, 2]);
  return tf.addN([data, tf.mul(lamEnt, ent), tf.mul(lamBin, bin), tf.mul(g.lamInter, inter)]) as tf.Tensor1D;
}

/** The reference's per-node guard: NaN → 0, ±∞ → ±C, then clamp (no gradient where the value was changed). */
function scrub(x: tf.Tensor, C: number, zero: tf.Scalar): tf.Tensor {
  return tf.clipByValue(tf.where(tf.isNaN(x), zero, x), -C, C);
}
