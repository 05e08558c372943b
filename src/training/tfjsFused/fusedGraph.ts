/**
 * The batched loss graph on the fused kernels (kernels.ts): the same losses as tfjsGraph.ts's composite graph, with
 * each level of eml nodes one kernel. Values are laid out nodes-first, [nodes, R, n(, 2)], and each level's nodes are
 * ordered so that a level's children are its left children followed by its right children (the bit-reversed heap
 * order), so a level reads its two operands from one tensor without slicing or transposing anything large. Only the
 * small parameter tensors are gathered into that order.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TreeShape } from '../model.ts';
import { penalisedTotal, type GraphData, type LossInputs, type Losses } from '../tfjsGraph.ts';
import { emlLevel } from './kernels.ts';

/** The index tensors of the nodes-first layout, made once per engine. */
export interface FusedLayout {
  /** [nLeaves]: the heap index of the leaf at each position of the bottom level's children. */
  leafOrder: tf.Tensor1D;
  /** [Q]: the flat gate index ([nInternal, 2] flattened) of each row of the gate table: every level's child slots,
   * from the bottom level up (levelGateIndex). */
  gateOrder: tf.Tensor1D;
  /** By level L (root 0): its first row in the gate table. */
  offset: number[];
  /** [n, 2]: the target as (re, im). */
  target2: tf.Tensor2D;
}

/** p's lowest `bits` bits, reversed. */
function bitReverse(p: number, bits: number): number {
  let r = 0;
  for (let b = 0; b < bits; b++) r = (r << 1) | ((p >> b) & 1);
  return r;
}

/** Child slot q of level L (2^L nodes) is child q div 2^L of the node at position q mod 2^L, heap bitReverse(·, L). */
export function levelGateIndex(depth: number, L: number): number[] {
  const size = 2 ** L;
  const start = 2 ** depth - 2 ** (L + 1);
  return Array.from({ length: 2 * size }, (_, q) => 2 * (start + bitReverse(q % size, L)) + (q < size ? 0 : 1));
}

export function leafOrder(depth: number): number[] {
  return Array.from({ length: 2 ** depth }, (_, q) => bitReverse(q, depth));
}

export function makeFusedLayout(shape: TreeShape, target: ArrayLike<number>): FusedLayout {
  const t2 = new Float32Array(2 * target.length);
  for (let i = 0; i < target.length; i++) t2[2 * i] = target[i];
  const order: number[] = [];
  const offset: number[] = [];
  for (let L = shape.depth - 1; L >= 0; L--) {
    offset[L] = order.length;
    order.push(...levelGateIndex(shape.depth, L));
  }
  return {
    leafOrder: tf.tensor1d(leafOrder(shape.depth), 'int32'),
    gateOrder: tf.tensor1d(order, 'int32'),
    offset,
    target2: tf.tensor2d(t2, [target.length, 2]),
  };
}

export function disposeFusedLayout(lay: FusedLayout): void {
  tf.dispose([lay.leafOrder, lay.gateOrder, lay.target2]);
}

/** Per-restart losses [R] each, as tfjsGraph.ts's batchedLosses computes them. */
export function fusedLosses(g: GraphData, lay: FusedLayout, x: LossInputs, withPenalties: boolean): Losses {
  const { leaf, gate, bypass, tau, lamEnt, lamBin } = x;
  const { depth, nLeaves, nCols, nInternal } = g.shape;
  const { R, n } = g;
  const tau3 = tf.reshape(tau, [R, 1, 1]);
  const w = tf.softmax(tf.div(leaf, tau3));
  const wp = tf.transpose(tf.gather(w, lay.leafOrder, 1), [1, 0, 2]);
  let C = tf.reshape(tf.matMul(tf.reshape(wp, [nLeaves * R, nCols]), g.feats), [nLeaves, R, n]);
  const s = tf.sigmoid(tf.div(gate, tau3));
  const flat = tf.reshape(s, [R, 2 * nInternal]);
  const by = tf.reshape(bypass, [R, 2 * nInternal]);
  // A bypassed child enters as S + U·c = 1 + 0·c: exactly 1 (children are guarded, so finite).
  const S = tf.where(by, tf.onesLike(flat), flat);
  const U = tf.where(by, tf.zerosLike(flat), tf.sub(1, flat));
  const SU = tf.transpose(tf.gather(tf.stack([S, U]), lay.gateOrder, 2), [0, 2, 1]);
  const interParts: tf.Tensor[] = [];
  for (let L = depth - 1; L >= 0; L--) {
    const [Z, P] = emlLevel(C, SU, { clamp: g.clamp, thr: g.interThreshold, offset: lay.offset[L] });
    C = Z;
    interParts.push(P);
  }
  const sq = tf.sum(tf.square(tf.sub(tf.reshape(C, [R, n, 2]), lay.target2)), -1);
  const data = tf.mean(g.weight ? tf.mul(g.weight, sq) : sq, 1) as tf.Tensor1D;
  if (!withPenalties) return { total: data, data };
  return { total: penalisedTotal(g, data, interParts, w, s, lamEnt, lamBin), data };
}
