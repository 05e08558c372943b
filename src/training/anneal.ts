/**
 * improved.anneal: simulated annealing over snapped trees (issue 14). After a gradient attempt fails, the run
 * anneals the discrete tree for `annealEvals` evaluations, starting from the attempt's best snap: each move changes
 * one random choice (a leaf's column or a gate), or two with probability ANNEAL_PAIR_SHARE, scored incrementally in
 * float64 by SnappedTree; a worse tree is accepted with probability exp(−Δ/T), where Δ is the change of ln MSE and
 * T falls geometrically from ANNEAL_T0 to ANNEAL_T1 over the budget. A change at a position the root does not read
 * scores the same and is always accepted, so hidden parts drift and surface when a gate opens.
 *
 * Why: on bushy random targets the soft optimum is a blend of half-open gates far from any discrete tree (its
 * snap is a constant, and threshold snaps overflow), so the gradient's neighbourhood searches have nothing to start
 * from; annealing over the whole discrete space does not need a good start. Measured on depth-4 bushy targets
 * (seed0 4100, 16 runs, three 1 s chains): 12/16 trees found against 8/16 for the gradient attempts; at depth 5 the
 * two find different trees (4 and 3 of 16, 6 together).
 *
 * The state is plain data (typed arrays and numbers), so a checkpoint's structuredClone keeps it; every chunk draws
 * from a PRNG seeded by the annealing's seed and progress, so a run is reproducible and a restored checkpoint
 * continues it exactly (for the same chunk size).
 */
import { deriveSeed, Prng } from './prng.ts';
import { semanticRepair } from './semantic.ts';
import type { SemanticLibrary } from './semanticLibrary.ts';
import { pairRepairChunk, startPairRepair, type PairRepairState } from './semanticPairs.ts';
import type { SnappedTree } from './snappedTree.ts';

export const ANNEAL_T0 = 3;
export const ANNEAL_T1 = 0.003;
export const ANNEAL_PAIR_SHARE = 0.3;
/**
 * Evaluations of one annealing (one per missed attempt), per choice of the tree (leaves + gates: 46 at depth 4,
 * 94 at depth 5, 190 at depth 6). Depth-5 bushy targets, seed0 4100, 16 runs: 50 000 evaluations found 4 (median
 * 17.7 CPU s a run), 150 000 found 6 (32.7 s); depth 4 finds most of its trees within 30 000.
 */
export const ANNEAL_EVALS_PER_CHOICE = 1000;
export const annealEvals = (dt: SnappedTree): number => ANNEAL_EVALS_PER_CHOICE * dt.nChoices;
/** Evaluations per chunk (one Trainer step of an annealing restart): small enough to keep a worker responsive. */
export const ANNEAL_CHUNK = 512;

export interface AnnealState {
  leafCol: Int32Array;
  gateOne: Uint8Array;
  bestLeaf: Int32Array;
  bestGate: Uint8Array;
  best: number;
  done: number;
  total: number;
  seed: number;
  /** improved.pairRepair: the pair repair of the best tree, once the annealing proper is over (null before). */
  pairs: PairRepairState | null;
}

/** Annealing from the tree `dt` holds now, for `total` evaluations. */
export function startAnneal(dt: SnappedTree, total: number, seed: number): AnnealState {
  return {
    leafCol: Int32Array.from(dt.leafCol),
    gateOne: Uint8Array.from(dt.gateOne),
    bestLeaf: Int32Array.from(dt.leafCol),
    bestGate: Uint8Array.from(dt.gateOne),
    best: dt.mse,
    done: 0,
    total,
    seed,
    pairs: null,
  };
}

const energy = (mse: number): number => Math.log(mse + 1e-300);

/** Flip choice c of `dt` to a different random value. */
function randomChange(dt: SnappedTree, rng: Prng): void {
  const c = rng.int(dt.nChoices);
  const a = dt.arity(c);
  dt.set(c, (dt.value(c) + 1 + rng.int(a - 1)) % a);
}

/**
 * Up to `evals` more evaluations of annealing `a` on `dt` (whose tree is overwritten); stops early once the best
 * tree is below `stopBelow`. Returns true when the annealing is over (budget spent or target reached); the best
 * tree is then in a.bestLeaf / a.bestGate with MSE a.best (loadBest puts it in a SnappedTree).
 */
export function annealChunk(dt: SnappedTree, a: AnnealState, evals: number, stopBelow: number): boolean {
  if (a.done >= a.total || a.best < stopBelow) return true;
  dt.leafCol.set(a.leafCol);
  dt.gateOne.set(a.gateOne);
  let cur = dt.evaluateAll();
  const rng = new Prng(deriveSeed(a.seed, a.done, 0xa22e));
  const end = Math.min(a.total, a.done + evals);
  const logRatio = Math.log(ANNEAL_T1 / ANNEAL_T0);
  for (; a.done < end && !(a.best < stopBelow); a.done++) {
    const T = ANNEAL_T0 * Math.exp((logRatio * a.done) / a.total);
    randomChange(dt, rng);
    if (rng.uniform() < ANNEAL_PAIR_SHARE) randomChange(dt, rng);
    const m = dt.score();
    // A non-finite tree (∞) is taken only from another non-finite one (a walk out of an overflowing start).
    if (m <= cur || (m < Infinity && rng.uniform() < Math.exp(-(energy(m) - energy(cur)) / T))) {
      dt.commit(m);
      cur = m;
      if (m < a.best) {
        a.best = m;
        a.bestLeaf.set(dt.leafCol);
        a.bestGate.set(dt.gateOne);
      }
    } else dt.undo();
  }
  a.leafCol.set(dt.leafCol);
  a.gateOne.set(dt.gateOne);
  return a.done >= a.total || a.best < stopBelow;
}

/** Puts the annealing's best tree in `dt` and returns its MSE. */
export function loadBest(dt: SnappedTree, a: AnnealState): number {
  dt.leafCol.set(a.bestLeaf);
  dt.gateOne.set(a.bestGate);
  return dt.evaluateAll();
}

/** improved.semanticRepair: repair passes after each chunk (few: the annealing moves on and calls again). */
const REPAIR_PASSES_PER_CHUNK = 2;
/** Candidates per node tried on the whole tree. */
const REPAIR_TOP_K = 4;

/**
 * Annealing from the tree `dt` holds, for annealEvals(dt) evaluations; with a library (improved.semanticRepair)
 * that tree is repaired first (semantic.ts).
 */
export function beginAnneal(
  dt: SnappedTree,
  lib: SemanticLibrary | null,
  seed: number,
  stopBelow: number,
): AnnealState {
  if (lib) semanticRepair(dt, lib, { topK: REPAIR_TOP_K, maxPasses: 2 * REPAIR_PASSES_PER_CHUNK, stopBelow });
  return startAnneal(dt, annealEvals(dt), seed);
}

/**
 * One chunk of annealing `a` (annealChunk), then, with a library, repair passes on its current tree, which goes
 * back to the annealing as its current and, when lower, its best tree. Returns true when the annealing is over.
 */
export function annealAndRepair(
  dt: SnappedTree,
  a: AnnealState,
  lib: SemanticLibrary | null,
  stopBelow: number,
): boolean {
  if (annealChunk(dt, a, ANNEAL_CHUNK, stopBelow)) return true;
  if (!lib) return false;
  semanticRepair(dt, lib, { topK: REPAIR_TOP_K, maxPasses: REPAIR_PASSES_PER_CHUNK, stopBelow });
  keepTree(dt, a);
  return a.best < stopBelow;
}

/** The tree `dt` holds becomes the annealing's current tree and, when lower, its best. */
function keepTree(dt: SnappedTree, a: AnnealState): void {
  a.leafCol.set(dt.leafCol);
  a.gateOne.set(dt.gateOne);
  if (dt.mse < a.best) {
    a.best = dt.mse;
    a.bestLeaf.set(dt.leafCol);
    a.bestGate.set(dt.gateOne);
  }
}

/** improved.pairRepair: first nodes of a pair-repair pass per chunk (one takes 30–300 ms at depth 6). */
const PAIR_FIRST_NODES_PER_CHUNK = 1;

/**
 * Once annealing `a` is over: one chunk of pair repair (semanticPairs.ts) of its best tree, whose result goes back
 * to it as its current and, when lower, best tree. Returns true when the pair repair is over.
 */
export function pairRepairStep(dt: SnappedTree, a: AnnealState, lib: SemanticLibrary, stopBelow: number): boolean {
  if (!a.pairs) {
    a.pairs = startPairRepair();
    a.leafCol.set(a.bestLeaf);
    a.gateOne.set(a.bestGate);
  }
  dt.leafCol.set(a.leafCol);
  dt.gateOne.set(a.gateOne);
  dt.evaluateAll();
  const over = pairRepairChunk(dt, lib, a.pairs, PAIR_FIRST_NODES_PER_CHUNK, stopBelow);
  keepTree(dt, a);
  return over;
}
