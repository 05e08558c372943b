/**
 * Searches over snapped trees, scored incrementally by SnappedTree (snappedTree.ts): greedy descent over single and
 * pair changes of the live choices, structural tree moves (mirror, shift, copy of subtrees), and kicked restarts of
 * that descent. This makes searching the neighbourhood of the trained weights cheap (improved.ts: smartHardening,
 * localSearch, treeMoves).
 */
import type { TreeShape } from './model.ts';
import type { Prng } from './prng.ts';
import { SnappedTree } from './snappedTree.ts';
import type { TrainingData } from './targets.ts';

export class DiscreteTree extends SnappedTree {
  /** Per internal node j: pairs[2·t], pairs[2·t+1] for t in pairStart[j] … pairStart[j+1]−1 (left choice, right choice). */
  private readonly pairStart: Int32Array;
  private readonly pairs: Int32Array;

  constructor(shape: TreeShape, data: TrainingData, maxMovesPerTry = 4) {
    super(shape, data, maxMovesPerTry);
    // Per internal node: its left subtree's choices paired with the mirror-position choices of its right subtree.
    this.pairStart = new Int32Array(shape.nInternal + 1);
    const pairs: number[] = [];
    const d = shape.depth;
    for (let j = 0; j < shape.nInternal; j++) {
      this.pairStart[j] = pairs.length / 2;
      const L = shape.level[j];
      const p = j - (2 ** d - 2 ** (L + 1));
      // Children at level L+1, positions 2p (left) and 2p+1 (right); walk both subtrees in lockstep.
      for (let k = 0; L + 1 + k < d; k++) {
        const w = 2 ** k;
        for (let q = 0; q < w; q++) {
          const a = 2 ** d - 2 ** (L + 2 + k) + 2 * p * w + q;
          const b = a + w;
          for (let sd = 0; sd < 2; sd++) pairs.push(shape.nLeaves + 2 * a + sd, shape.nLeaves + 2 * b + sd);
        }
      }
      const w = 2 ** (d - L - 1);
      for (let q = 0; q < w; q++) pairs.push(2 * p * w + q, 2 * p * w + w + q);
    }
    this.pairStart[shape.nInternal] = pairs.length / 2;
    this.pairs = Int32Array.from(pairs);
  }

  /** Number of structural move kinds per internal node (see `setMove`). */
  static readonly MOVE_KINDS = 5;

  /**
   * Tentatively apply structural move `kind` at internal node j (stackable like `set`; then `score()`, `undo()` or
   * `commit()`). Target-independent tree edits that single choice changes cannot make in one step, because they
   * rewrite a whole subtree consistently:
   *  0 mirror: swap the two subtrees and the two gates of j (EML[a, b] → EML[b, a]);
   *  1/2 shift left→right / right→left: copy the subtree on one side into the other, and move that side's gate
   *      there, closing the source gate (EML[a, ·] → EML[1, a] and back): an open path moves to the sibling side
   *      one level, keeping everything below it;
   *  3/4 copy left→right / right→left: copy one subtree over the other, gates unchanged (EML[a, b] → EML[a, a]).
   * Returns false (and changes nothing) when the move would not change any choice.
   */
  setMove(j: number, kind: number): boolean {
    const nl = this.shape.nLeaves;
    const gl = nl + 2 * j;
    const gr = gl + 1;
    const t0 = this.pairStart[j];
    const t1 = this.pairStart[j + 1];
    const pr = this.pairs;
    const before = this.nUndo;
    if (kind === 0) {
      for (let t = t0; t < t1; t++) {
        const a = pr[2 * t];
        const b = pr[2 * t + 1];
        const va = this.value(a);
        const vb = this.value(b);
        if (va !== vb) {
          this.set(a, vb);
          this.set(b, va);
        }
      }
      const va = this.value(gl);
      const vb = this.value(gr);
      if (va !== vb) {
        this.set(gl, vb);
        this.set(gr, va);
      }
    } else {
      const fromLeft = kind === 1 || kind === 3;
      const src = fromLeft ? 0 : 1;
      for (let t = t0; t < t1; t++) {
        const a = pr[2 * t + src];
        const b = pr[2 * t + 1 - src];
        const va = this.value(a);
        if (this.value(b) !== va) this.set(b, va);
      }
      if (kind <= 2) {
        const gs = fromLeft ? gl : gr;
        const gd = fromLeft ? gr : gl;
        const vs = this.value(gs);
        if (this.value(gd) !== vs) this.set(gd, vs);
        if (this.value(gs) !== 1) this.set(gs, 1);
      }
    }
    return this.nUndo > before;
  }

  /**
   * Greedy descent over single changes of live choices (best improvement per sweep), then, when `pairs`, over
   * pairs of them when no single change helps. Stops at `stopBelow`, after `maxSweeps` sweeps, or at a local
   * minimum. Returns the MSE of the committed tree.
   */
  climb(maxSweeps: number, stopBelow: number, pairs: boolean, structural = false): number {
    const live = new Int32Array(this.nChoices);
    const nodes = new Int32Array(this.shape.nInternal);
    for (let sweep = 0; sweep < maxSweeps && !(this.mse < stopBelow); sweep++) {
      const nl = this.liveChoices(live);
      let best = this.mse;
      let bc = -1;
      let bv = -1;
      for (let a = 0; a < nl; a++) {
        const c = live[a];
        const cur = this.value(c);
        for (let v = 0; v < this.arity(c); v++) {
          if (v === cur) continue;
          const m = this.tryOne(c, v);
          if (m < best) {
            best = m;
            bc = c;
            bv = v;
          }
        }
      }
      // Structural moves at live nodes compete with the single changes (best improvement wins).
      let bj = -1;
      let bk = -1;
      if (structural) {
        const nn = this.liveNodes(nodes);
        for (let a = 0; a < nn; a++)
          for (let kind = 0; kind < DiscreteTree.MOVE_KINDS; kind++) {
            if (!this.setMove(nodes[a], kind)) continue;
            const m = this.score();
            this.undo();
            if (m < best) {
              best = m;
              bj = nodes[a];
              bk = kind;
            }
          }
      }
      if (bj >= 0) {
        this.setMove(bj, bk);
        this.commit(this.score());
        continue;
      }
      if (bc >= 0) {
        this.set(bc, bv);
        this.commit(this.score());
        continue;
      }
      if (!pairs) break;
      if (this.climbPair(live, nl)) continue;
      if (!structural || !this.climbMovePlusOne(nodes, live)) break;
    }
    return this.mse;
  }

  /**
   * First improving (structural move, single change) combination: a move that is neutral or worse on its own can
   * become right after one choice is fixed (e.g. a path moved to the sibling side whose new op needs a different
   * gate below). Commits it and returns true.
   */
  private climbMovePlusOne(nodes: Int32Array, live: Int32Array): boolean {
    const nn = this.liveNodes(nodes);
    const moveNodes = Int32Array.from(nodes.subarray(0, nn));
    for (const j of moveNodes)
      for (let kind = 0; kind < DiscreteTree.MOVE_KINDS; kind++) {
        if (!this.setMove(j, kind)) continue;
        this.score();
        const mk = this.mark();
        const nl = this.liveChoices(live);
        for (let a = 0; a < nl; a++) {
          const c = live[a];
          const cur = this.value(c);
          for (let v = 0; v < this.arity(c); v++) {
            if (v === cur) continue;
            this.set(c, v);
            const m = this.score();
            if (m < this.mse) {
              this.commit(m);
              return true;
            }
            this.undoTo(mk);
          }
        }
        this.undo();
      }
    return false;
  }

  /**
   * Iterated local search (treeMoves): `kicks` times, perturb the best tree so far by one random structural move
   * and one random single change at live places, descend again (singles + moves), and keep the result when it is
   * better. Escapes minima of `climb` whose way out first goes uphill. Returns the MSE of the committed (best) tree.
   */
  kickClimb(kicks: number, sweeps: number, stopBelow: number, rng: Prng): number {
    const bestLeaf = Int32Array.from(this.leafCol);
    const bestGate = Uint8Array.from(this.gateOne);
    let best = this.mse;
    const nodes = new Int32Array(this.shape.nInternal);
    const live = new Int32Array(this.nChoices);
    for (let k = 0; k < kicks && !(best < stopBelow); k++) {
      const nn = this.liveNodes(nodes);
      if (nn > 0) this.setMove(nodes[rng.int(nn)], rng.int(DiscreteTree.MOVE_KINDS));
      const nl = this.liveChoices(live);
      if (nl > 0) {
        const c = live[rng.int(nl)];
        this.set(c, (this.value(c) + 1 + rng.int(this.arity(c) - 1)) % this.arity(c));
      }
      this.commit(this.score());
      const m = this.climb(sweeps, stopBelow, false, true);
      if (m < best) {
        best = m;
        bestLeaf.set(this.leafCol);
        bestGate.set(this.gateOne);
      } else {
        this.leafCol.set(bestLeaf);
        this.gateOne.set(bestGate);
        this.evaluateAll();
      }
    }
    return this.mse;
  }

  /** First improving pair of changes among the live choices; commits it and returns true. */
  private climbPair(live: Int32Array, nl: number): boolean {
    for (let a = 0; a < nl; a++) {
      const ca = live[a];
      const curA = this.value(ca);
      for (let va = 0; va < this.arity(ca); va++) {
        if (va === curA) continue;
        for (let b = a + 1; b < nl; b++) {
          const cb = live[b];
          const curB = this.value(cb);
          for (let vb = 0; vb < this.arity(cb); vb++) {
            if (vb === curB) continue;
            this.set(ca, va);
            this.set(cb, vb);
            const m = this.score();
            if (m < this.mse) {
              this.commit(m);
              return true;
            }
            this.undo();
          }
        }
      }
    }
    return false;
  }
}
