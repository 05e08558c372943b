/**
 * The discrete side of training: a snapped tree (each leaf one column of {1, vars}, each gate "constant 1" or
 * "child") evaluated in float64 with the core's complex exp/log (C99 special values, as `treeMse` judges it), with
 * incremental re-evaluation. Changing one choice only changes the values on the path from it to the root, so a
 * neighbour of a snapped tree costs at most `depth` node evaluations instead of the whole tree's. This makes
 * searching the neighbourhood of the trained weights cheap (improved.ts: smartHardening, localSearch).
 *
 * Choices are numbered: leaves 0 … nLeaves−1 (value = column index), then gates nLeaves + g for gate g = 2j + side
 * of internal node j (value 1 = "constant 1", 0 = "child"), the layout of the parameter vector (model.ts).
 */
import { expInto, logInto, type Complex } from '../eml/evaluate/complex.ts';
import type { TreeShape } from './model.ts';
import type { Prng } from './prng.ts';
import type { TrainingData } from './targets.ts';

export class DiscreteTree {
  readonly n: number;
  /** Current choice per leaf (column) and per gate (1 = constant 1). */
  readonly leafCol: Int32Array;
  readonly gateOne: Uint8Array;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  /** Internal node owning each value slot as a child (−1 for the root), and the side. */
  private readonly parent: Int32Array;
  private readonly dirty: Uint8Array;
  private readonly dirtyList: Int32Array;
  private readonly saveRe: Float64Array;
  private readonly saveIm: Float64Array;
  private readonly saveSlot: Int32Array;
  private nSaved = 0;
  private readonly undoChoice: Int32Array;
  private readonly undoValue: Int32Array;
  private nUndo = 0;
  private readonly e: Complex = { re: 0, im: 0 };
  private readonly l: Complex = { re: 0, im: 0 };
  /** MSE of the current (committed) choices. */
  mse = Infinity;
  /** Number of neighbour evaluations done (for cost accounting in tests and benches). */
  evaluations = 0;

  constructor(readonly shape: TreeShape, readonly data: TrainingData, maxMovesPerTry = 4) {
    const n = (this.n = data.n);
    this.leafCol = new Int32Array(shape.nLeaves);
    this.gateOne = new Uint8Array(2 * shape.nInternal);
    this.re = new Float64Array(shape.nSlots * n);
    this.im = new Float64Array(shape.nSlots * n);
    this.parent = new Int32Array(shape.nSlots).fill(-1);
    for (let j = 0; j < shape.nInternal; j++) {
      this.parent[shape.childL[j]] = j;
      this.parent[shape.childR[j]] = j;
    }
    this.dirty = new Uint8Array(shape.nInternal);
    this.dirtyList = new Int32Array(shape.nInternal);
    // Room for `maxMovesPerTry` single changes plus one structural move (which may rewrite a whole subtree).
    const maxSaved = maxMovesPerTry * (shape.depth + 2) + 2 + 2 * shape.nSlots;
    this.saveRe = new Float64Array(maxSaved * n);
    this.saveIm = new Float64Array(maxSaved * n);
    this.saveSlot = new Int32Array(maxSaved);
    const maxUndo = maxMovesPerTry * 2 + 4 + 2 * (shape.nLeaves + 2 * shape.nInternal);
    this.undoChoice = new Int32Array(maxUndo);
    this.undoValue = new Int32Array(maxUndo);
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

  /** Per internal node j: pairs[2·t], pairs[2·t+1] for t in pairStart[j] … pairStart[j+1]−1 (left choice, right choice). */
  private readonly pairStart: Int32Array;
  private readonly pairs: Int32Array;

  get nChoices(): number {
    return this.shape.nLeaves + 2 * this.shape.nInternal;
  }

  /** Number of values choice `c` can take. */
  arity(c: number): number {
    return c < this.shape.nLeaves ? this.shape.nCols : 2;
  }

  value(c: number): number {
    return c < this.shape.nLeaves ? this.leafCol[c] : this.gateOne[c - this.shape.nLeaves];
  }

  /** Snap logits (leaf arg-max, gate logit ≥ 0 → constant 1) and evaluate the whole tree. */
  fromParams(params: ArrayLike<number>): number {
    const { shape } = this;
    const c = shape.nCols;
    for (let i = 0; i < shape.nLeaves; i++) {
      let am = 0;
      for (let q = 1; q < c; q++) if (params[i * c + q] > params[i * c + am]) am = q;
      this.leafCol[i] = am;
    }
    for (let g = 0; g < 2 * shape.nInternal; g++) this.gateOne[g] = params[shape.nLeafParams + g] >= 0 ? 1 : 0;
    return this.evaluateAll();
  }

  /** One-hot logits (±k) of the current choices, the form snapParams produces. */
  toParams(out: Float64Array, k = 24): Float64Array {
    const { shape } = this;
    const c = shape.nCols;
    for (let i = 0; i < shape.nLeaves; i++) for (let q = 0; q < c; q++) out[i * c + q] = q === this.leafCol[i] ? k : -k;
    for (let g = 0; g < 2 * shape.nInternal; g++) out[shape.nLeafParams + g] = this.gateOne[g] ? k : -k;
    return out;
  }

  evaluateAll(): number {
    for (let i = 0; i < this.shape.nLeaves; i++) this.writeLeaf(i);
    for (let j = 0; j < this.shape.nInternal; j++) this.writeNode(j);
    this.mse = this.rootMse();
    return this.mse;
  }

  /** Is internal node j's value used by the root (every gate on its way up feeds the child)? */
  nodeLive(j: number): boolean {
    const { shape } = this;
    let slot = shape.nLeaves + j;
    for (;;) {
      const p = this.parent[slot];
      if (p < 0) return true;
      const side = shape.childL[p] === slot ? 0 : 1;
      if (this.gateOne[2 * p + side]) return false;
      slot = shape.nLeaves + p;
    }
  }

  /**
   * The choices whose change can alter the output: both gates of every live node, and the leaves fed into a
   * live bottom node through a child gate. Written to `out`; returns the count.
   */
  liveChoices(out: Int32Array): number {
    const { shape } = this;
    let k = 0;
    for (let j = shape.nInternal - 1; j >= 0; j--) {
      if (!this.nodeLive(j)) continue;
      for (let side = 0; side < 2; side++) {
        const g = 2 * j + side;
        out[k++] = shape.nLeaves + g;
        const child = side === 0 ? shape.childL[j] : shape.childR[j];
        if (!this.gateOne[g] && child < shape.nLeaves) out[k++] = child;
      }
    }
    return k;
  }

  /**
   * Tentatively set choice c to value v (several calls may be stacked), re-evaluating only the paths to the root.
   * Call `score()` for the MSE, then `undo()` or `commit()`.
   */
  set(c: number, v: number): void {
    this.undoChoice[this.nUndo] = c;
    this.undoValue[this.nUndo++] = this.value(c);
    const { shape } = this;
    let node: number;
    if (c < shape.nLeaves) {
      this.leafCol[c] = v;
      this.save(c);
      this.writeLeaf(c);
      node = this.parent[c];
    } else {
      this.gateOne[c - shape.nLeaves] = v;
      node = (c - shape.nLeaves) >> 1;
    }
    for (let j = node; j >= 0; j = this.parent[shape.nLeaves + j]) this.dirty[j] = 1;
  }

  /** MSE after the pending `set`s (∞ when not finite). */
  score(): number {
    const { shape } = this;
    let m = 0;
    for (let j = 0; j < shape.nInternal; j++) if (this.dirty[j]) this.dirtyList[m++] = j;
    // Node indices run bottom level first, so ascending order evaluates children before parents.
    for (let q = 0; q < m; q++) {
      const j = this.dirtyList[q];
      this.dirty[j] = 0;
      this.save(shape.nLeaves + j);
      this.writeNode(j);
    }
    this.evaluations++;
    return this.rootMse();
  }

  undo(): void {
    const n = this.n;
    for (let q = this.nSaved - 1; q >= 0; q--) {
      const o = this.saveSlot[q] * n;
      this.re.set(this.saveRe.subarray(q * n, (q + 1) * n), o);
      this.im.set(this.saveIm.subarray(q * n, (q + 1) * n), o);
    }
    for (let q = this.nUndo - 1; q >= 0; q--) {
      const c = this.undoChoice[q];
      if (c < this.shape.nLeaves) this.leafCol[c] = this.undoValue[q];
      else this.gateOne[c - this.shape.nLeaves] = this.undoValue[q];
    }
    this.dirty.fill(0);
    this.nSaved = 0;
    this.nUndo = 0;
  }

  commit(mse: number): void {
    this.nSaved = 0;
    this.nUndo = 0;
    this.mse = mse;
  }

  /** Undo back to a `mark()` taken right after a `score()` (keeps the changes made before the mark). */
  mark(): number {
    return this.nSaved * 65536 + this.nUndo;
  }

  undoTo(mark: number): void {
    const n = this.n;
    const keepSaved = Math.floor(mark / 65536);
    const keepUndo = mark % 65536;
    for (let q = this.nSaved - 1; q >= keepSaved; q--) {
      const o = this.saveSlot[q] * n;
      this.re.set(this.saveRe.subarray(q * n, (q + 1) * n), o);
      this.im.set(this.saveIm.subarray(q * n, (q + 1) * n), o);
    }
    for (let q = this.nUndo - 1; q >= keepUndo; q--) {
      const c = this.undoChoice[q];
      if (c < this.shape.nLeaves) this.leafCol[c] = this.undoValue[q];
      else this.gateOne[c - this.shape.nLeaves] = this.undoValue[q];
    }
    this.dirty.fill(0);
    this.nSaved = keepSaved;
    this.nUndo = keepUndo;
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

  /** Internal nodes whose value reaches the root (ascending), written to `out`; returns the count. */
  liveNodes(out: Int32Array): number {
    let k = 0;
    for (let j = 0; j < this.shape.nInternal; j++) if (this.nodeLive(j)) out[k++] = j;
    return k;
  }

  /** MSE of one tentative change, undone afterwards. */
  tryOne(c: number, v: number): number {
    this.set(c, v);
    const m = this.score();
    this.undo();
    return m;
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

  private save(slot: number): void {
    const n = this.n;
    const q = this.nSaved++;
    this.saveSlot[q] = slot;
    this.saveRe.set(this.re.subarray(slot * n, (slot + 1) * n), q * n);
    this.saveIm.set(this.im.subarray(slot * n, (slot + 1) * n), q * n);
  }

  private writeLeaf(i: number): void {
    const n = this.n;
    const o = i * n;
    const col = this.leafCol[i];
    if (col === 0) this.re.fill(1, o, o + n);
    else this.re.set(this.data.x[col - 1], o);
    this.im.fill(0, o, o + n);
  }

  private writeNode(j: number): void {
    const { shape, n, re, im, e, l } = this;
    const oneL = this.gateOne[2 * j] === 1;
    const oneR = this.gateOne[2 * j + 1] === 1;
    const cl = shape.childL[j] * n;
    const cr = shape.childR[j] * n;
    const o = (shape.nLeaves + j) * n;
    for (let p = 0; p < n; p++) {
      if (oneL) {
        e.re = Math.exp(1);
        e.im = 0;
      } else expInto(re[cl + p], im[cl + p], e);
      if (oneR) {
        l.re = 0;
        l.im = 0;
      } else logInto(re[cr + p], im[cr + p], l);
      re[o + p] = e.re - l.re;
      im[o + p] = e.im - l.im;
    }
  }

  private rootMse(): number {
    const n = this.n;
    const o = (this.shape.nSlots - 1) * n;
    const t = this.data.target;
    let s = 0;
    for (let p = 0; p < n; p++) {
      const dr = this.re[o + p] - t[p];
      const di = this.im[o + p];
      s += dr * dr + di * di;
    }
    const m = s / n;
    return Number.isFinite(m) ? m : Infinity;
  }
}
