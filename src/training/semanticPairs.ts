/**
 * improved.pairRepair: semantic repair (semantic.ts) of two subtrees at once, run in chunks on an annealing's best
 * tree once the annealing is over.
 *
 * Why: when two subtrees of a tree are wrong, each one's desired values assume the other is right, so a single
 * replacement that fixes one usually raises the MSE (the wrong other had compensated for it) and semanticRepair,
 * which keeps only moves that lower it, never makes it. Here each of a node's best candidates is put in place and,
 * with it there, every other node's desired values are recomputed and its best candidates tried; the pair that
 * lowers the MSE most is kept. On the best trees of the 37 missed runs of random:6:bushy at seed0 90909 and 24680
 * (already at a fixed point of single repairs), pair repair made 3 exact and took a fourth from 4.5e−3 to 1e−16,
 * in 1–20 CPU s per tree. random:6:bushy with it after every annealing, fresh seed0 51515, 32 runs: 17/32 exact
 * (median 274 CPU s a run); its first 16 runs without it: 7 exact against 8 (total CPU 3 446 against 3 561 s).
 *
 * A pass tries every pair of disjoint nodes, one first node per chunk so that a worker stays responsive. The state
 * is plain numbers (a checkpoint's structuredClone keeps it); within a pass the tree does not change, and the pass's
 * best move is kept as node and rank indices, re-derived when it is applied.
 */
import { apply, candidates, geometry, repairOrder, semanticRepair, type Geometry } from './semantic.ts';
import type { SemanticLibrary } from './semanticLibrary.ts';
import type { SnappedTree } from './snappedTree.ts';

/** Pair moves per annealing at most (each is one pass over every pair of nodes). */
export const PAIR_PASSES = 3;
/** Candidates of each node of a pair tried. */
export const PAIR_TOP_K = 4;
/** Single-node repair passes after each pair move (a pair move often unlocks single ones). */
const FOLLOW_UP_PASSES = 4;

export interface PairRepairState {
  pass: number;
  /** The position in repairOrder of the next first node to try. */
  next: number;
  /** The pass's best move so far: first node, its candidate's rank, second node, its rank; and its MSE. */
  move: [number, number, number, number] | null;
  moveMse: number;
}

export const startPairRepair = (): PairRepairState => ({ pass: 0, next: 0, move: null, moveMse: Infinity });

/** Is a an ancestor of b, or b itself? */
const within = (g: Geometry, a: number, b: number): boolean => a === b || g.path[b].includes(a);

/**
 * Pair moves whose first node is one of the next `firstNodes` nodes, on the tree `t` holds (the same tree the
 * pass began on); at the end of a pass its best move is applied (followed by single repairs). Returns true when
 * the repair is over: a pass found nothing, PAIR_PASSES moves were made, or the MSE is below `stopBelow`.
 */
export function pairRepairChunk(
  t: SnappedTree,
  lib: SemanticLibrary,
  s: PairRepairState,
  firstNodes: number,
  stopBelow: number,
): boolean {
  const over = () => s.pass >= PAIR_PASSES || t.mse < stopBelow;
  if (over()) return true;
  const g = geometry(t);
  const order = repairOrder(t, lib, g);
  const m = lib.sample.length;
  const want = new Float64Array(2 * m);
  const valid = new Uint8Array(m);
  const end = Math.min(order.length, s.next + firstNodes);
  for (; s.next < end; s.next++) {
    const j1 = order[s.next];
    if (!t.nodeLive(g.parent[j1])) continue;
    const c1 = candidates(t, lib, g, j1, PAIR_TOP_K, want, valid);
    if (!c1) continue;
    c1.entries.forEach((e1, k1) => {
      apply(t, g, c1, e1);
      t.score();
      const mark = t.mark();
      for (const j2 of order) {
        if (within(g, j1, j2) || within(g, j2, j1) || !t.nodeLive(g.parent[j2])) continue;
        const c2 = candidates(t, lib, g, j2, PAIR_TOP_K, want, valid);
        c2?.entries.forEach((e2, k2) => {
          apply(t, g, c2, e2);
          const mse = t.score();
          t.undoTo(mark);
          if (mse < Math.min(s.moveMse, t.mse)) [s.move, s.moveMse] = [[j1, k1, j2, k2], mse];
        });
      }
      t.undo();
    });
  }
  if (s.next < order.length) return false;
  if (!s.move) return true;
  applyMove(t, lib, g, s.move, want, valid);
  semanticRepair(t, lib, { topK: PAIR_TOP_K, maxPasses: FOLLOW_UP_PASSES, stopBelow });
  Object.assign(s, { pass: s.pass + 1, next: 0, move: null, moveMse: Infinity });
  return over();
}

/** Applies and commits a pass's best move, re-deriving its candidates (the tree is the one they were ranked on). */
function applyMove(
  t: SnappedTree,
  lib: SemanticLibrary,
  g: Geometry,
  [j1, k1, j2, k2]: [number, number, number, number],
  want: Float64Array,
  valid: Uint8Array,
): void {
  const c1 = candidates(t, lib, g, j1, PAIR_TOP_K, want, valid)!;
  apply(t, g, c1, c1.entries[k1]);
  t.score();
  const c2 = candidates(t, lib, g, j2, PAIR_TOP_K, want, valid)!;
  apply(t, g, c2, c2.entries[k2]);
  t.commit(t.score());
}
