/**
 * Our improvements over the reference protocol, each behind a flag of TrainSettings.improved (all off = the
 * paper's protocol). Every flag changes behaviour; their measured effects are in the closing note of issue #5.
 *
 * - smartHardening: at every evaluation, snap and search the discrete neighbourhood of the current weights — the
 *   K least decided choices (gates nearest 0, leaves with the smallest top-two margin) are flipped in all 2^K
 *   combinations, each judged in float64 (snappedTree.ts, incremental). A soft state that is "almost" the right tree
 *   usually differs from it in a few undecided choices; annealing alone often commits those the wrong way. The
 *   best snapped tree is kept, and an exact hit ends the run at once.
 * - localSearch: from that best snapped tree, greedy descent over single changes of the live choices (the gates
 *   of nodes the root uses and the leaves they read) at each evaluation, and over pairs at the end of an attempt.
 *   Target-agnostic: the score is the data MSE of the discrete tree.
 * - treeMoves: structural tree edits in that descent (discrete.ts `setMove`, scored incrementally in float64): at every
 *   live node, mirror its subtrees (EML[a,b] → EML[b,a]), shift an open path to the sibling side copying the
 *   subtree across (EML[a,1] ↔ EML[1,a]), or copy one subtree over the other; at attempt ends also a move plus one
 *   single change, and TREE_MOVE_KICKS random kicks (one move + one change, descend, keep if better: iterated local
 *   search, seeded per run and attempt). Single changes cannot move a deep path to the other side, since the whole
 *   chain below would have to be rebuilt there one choice at a time. Target-agnostic like localSearch.
 * - adaptiveRestarts: a run is a step budget (the paper's search + hardening iterations × budgetFactor) spent on
 *   shorter attempts (attemptShare of the paper's schedule each); a failed attempt restarts from a fresh seeded init.
 * - earlyAbandon: an attempt is cut short when it is hopeless: stuck in non-finite losses (abandonNanRestarts NaN
 *   restores), or, at the checkpoint `abandonAt` × searchIters, its best soft loss is still above
 *   abandonSoftFactor × patienceThreshold. Only with adaptiveRestarts (the saved steps go to a fresh attempt).
 * - scaledAbandon: earlyAbandon's soft-loss bar scales with the target's variance (`abandonBar`), so an attempt on a
 *   target of large values is not cut merely for its scale (issue #14: bushy depth-4 targets, variances up to 10⁶).
 * - betterInit: a structured prior, the same for every target and data set: the tree starts as a random chain.
 *   Every expression the tree can hold that depends on a variable has a path of child gates from the root to a
 *   leaf (variables sit only at depth d), so the init opens the gates along one random root-to-leaf path (and
 *   both inputs of its bottom node) and leaves every other gate at the strategy's "constant 1" bias.
 */
import type { SnappedTree } from './snappedTree.ts';
import { initParams, type InitOptions } from './init.ts';
import type { TreeShape } from './model.ts';
import type { Prng } from './prng.ts';
import type { InitStrategy, TrainSettings } from './settings.ts';
import type { TrainingData } from './targets.ts';

/** Gate logit of the opened path in betterInit (s = sigmoid(−2/2.5) ≈ 0.31 at τ_search: open, still undecided). */
export const PATH_GATE_LOGIT = -2;

export function improvedInit(shape: TreeShape, init: InitStrategy, rng: Prng, opts: InitOptions): Float64Array {
  const p = initParams(shape, init, rng, opts);
  const G = shape.nLeafParams;
  const d = shape.depth;
  // Random root-to-bottom path, drawn after the strategy's own draws (so the leaves stay the strategy's).
  let pos = 0;
  for (let L = 0; L < d; L++) {
    const j = 2 ** d - 2 ** (L + 1) + pos;
    const side = L === d - 1 ? -1 : rng.int(2);
    for (let sd = 0; sd < 2; sd++) {
      const g = G + 2 * j + sd;
      if (side === -1 || sd === side) p[g] = PATH_GATE_LOGIT + rng.normal() * opts.scale * 0.5;
      else if (p[g] < 0) p[g] = -p[g]; // off the path: "constant 1" side of the strategy's bias
    }
    if (side >= 0) pos = 2 * pos + side;
  }
  // Gates of nodes off the path keep the strategy's draw (mostly +3/+4: constant 1).
  return p;
}

export interface AttemptPlan {
  searchIters: number;
  hardeningIters: number;
  /** A last attempt shorter than this (cut by the budget) is not started. */
  minSteps: number;
}

export function attemptPlan(s: TrainSettings): AttemptPlan {
  if (!s.improved.adaptiveRestarts)
    return { searchIters: s.searchIters, hardeningIters: s.hardeningIters, minSteps: s.searchIters + s.hardeningIters };
  const searchIters = Math.max(1, Math.round(s.searchIters * s.attemptShare));
  const hardeningIters = Math.max(1, Math.round(s.hardeningIters * s.attemptShare));
  return { searchIters, hardeningIters, minSteps: Math.round((searchIters + hardeningIters) / 4) };
}

/** The (weighted) variance of the target values: the MSE of the best constant tree. Cached per data set. */
const varianceCache = new WeakMap<TrainingData, number>();
export function targetVariance(data: TrainingData): number {
  const cached = varianceCache.get(data);
  if (cached !== undefined) return cached;
  const { target: y, weight: w, n } = data;
  let sw = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sw += w ? w[i] : 1;
    sy += (w ? w[i] : 1) * y[i];
  }
  const mean = sy / sw;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (w ? w[i] : 1) * (y[i] - mean) ** 2;
  const v = sw > 0 ? ss / sw : 0;
  varianceCache.set(data, v);
  return v;
}

/** scaledAbandon: an attempt is hopeless only when its soft loss is this many times the best constant tree's. */
export const ABANDON_VARIANCE_FACTOR = 10;

/**
 * earlyAbandon's soft-loss bar: abandonSoftFactor × patienceThreshold (1 at the defaults), and with scaledAbandon
 * that bar times max(1, ABANDON_VARIANCE_FACTOR × Var(target)). The absolute bar suits targets of small values; on
 * bushy random trees (variances up to 10⁶: exp of exp) attempts that go on to recover the target are still far
 * above it at the checkpoint, since the soft loss at τ_search mixes every choice, so every attempt was cut and the
 * run ended on a near-constant tree. Measured at seed0 31337 (random:4:bushy, 16 runs): the bar × max(1, Var) still
 * cut 16 attempts (7/16 exact), × max(1, 10·Var) none of the recoverable ones. Targets with Var ≤ 0.1 keep the bar.
 */
export function abandonBar(s: TrainSettings, data?: TrainingData): number {
  const bar = s.abandonSoftFactor * s.patienceThreshold;
  return s.improved.scaledAbandon && data ? bar * Math.max(1, ABANDON_VARIANCE_FACTOR * targetVariance(data)) : bar;
}

/** earlyAbandon's test at an evaluation during search (see the header); `data`: the training data (scaledAbandon). */
export function isHopeless(
  s: TrainSettings,
  it: number,
  searchIters: number,
  bestSoft: number,
  nanRestarts: number,
  data?: TrainingData,
): boolean {
  if (!s.improved.earlyAbandon || !s.improved.adaptiveRestarts) return false;
  if (nanRestarts >= s.abandonNanRestarts) return true;
  const at = Math.round(s.abandonAt * searchIters);
  return it >= at && it < at + s.evalEvery && !(bestSoft <= abandonBar(s, data));
}

/** Flip budget of the 2^K neighbourhood search. */
export function flipBudget(shape: TreeShape): number {
  return shape.depth <= 3 ? 7 : 6;
}

/**
 * smartHardening: the best of the 2^K trees within the K least decided choices of snap(params). Leaves with the
 * smallest top-two margin flip to their runner-up column, gates nearest 0 to the other side. Leaves `dt` holding
 * the best tree found; returns its MSE.
 */
export function snapSearch(dt: SnappedTree, params: ArrayLike<number>, K: number, stopBelow: number): number {
  const shape = dt.shape;
  const c = shape.nCols;
  const G = shape.nLeafParams;
  dt.fromParams(params);
  const nC = dt.nChoices;
  const conf = new Float64Array(nC);
  const alt = new Int32Array(nC);
  for (let i = 0; i < shape.nLeaves; i++) {
    const a = dt.leafCol[i];
    let b = -1;
    for (let q = 0; q < c; q++) if (q !== a && (b < 0 || params[i * c + q] > params[i * c + b])) b = q;
    conf[i] = params[i * c + a] - params[i * c + b];
    alt[i] = b;
  }
  for (let g = 0; g < 2 * shape.nInternal; g++) {
    conf[shape.nLeaves + g] = Math.abs(params[G + g]);
    alt[shape.nLeaves + g] = 1 - dt.gateOne[g];
  }
  const order = Array.from({ length: nC }, (_, i) => i).sort((x, y) => conf[x] - conf[y]);
  const pick = order.slice(0, Math.min(K, nC));
  let best = dt.mse;
  let bestMask = 0;
  for (let mask = 1; mask < 1 << pick.length && !(best < stopBelow); mask++) {
    for (let f = 0; f < pick.length; f++) if (mask & (1 << f)) dt.set(pick[f], alt[pick[f]]);
    const m = dt.score();
    dt.undo();
    if (m < best) {
      best = m;
      bestMask = mask;
    }
  }
  if (bestMask) {
    for (let f = 0; f < pick.length; f++) if (bestMask & (1 << f)) dt.set(pick[f], alt[pick[f]]);
    dt.commit(dt.score());
  }
  return dt.mse;
}

/** localSearch sweeps per evaluation (single changes) and at the end of an attempt (single and pair changes). */
export const CLIMB_SWEEPS_EVAL = 8;
export const CLIMB_SWEEPS_FINAL = 16;

/** treeMoves: random kicks (one structural move + one single change, then descent) at the end of an attempt. */
export const TREE_MOVE_KICKS = 40;
