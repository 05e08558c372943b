/**
 * A snapped tree (each leaf one column of {1, vars}, each gate "constant 1" or "child") evaluated in float64 with the
 * core's complex exp/log (C99 special values, as `treeMse` judges it), with incremental re-evaluation. Changing one
 * choice only changes the values on the path from it to the root, so a neighbour of a snapped tree costs at most
 * `depth` node evaluations instead of the whole tree's. The searches over such neighbours live in discrete.ts.
 *
 * Choices are numbered: leaves 0 … nLeaves−1 (value = column index), then gates nLeaves + g for gate g = 2j + side
 * of internal node j (value 1 = "constant 1", 0 = "child"), the layout of the parameter vector (model.ts).
 */
import { expInto, logInto, type Complex } from '../eml/evaluate/complex.ts';
import type { TreeShape } from './model.ts';
import type { TrainingData } from './targets.ts';
import { finiteError, meanSquaredError } from './mse.ts';

export class SnappedTree {
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
  /** Pending (uncommitted) choice changes; subclasses read it to tell whether a compound edit changed anything. */
  protected nUndo = 0;
  private readonly e: Complex = { re: 0, im: 0 };
  private readonly l: Complex = { re: 0, im: 0 };
  /** MSE of the current (committed) choices. */
  mse = Infinity;
  /** Number of neighbour evaluations done (for cost accounting in tests and benches). */
  evaluations = 0;

  constructor(
    readonly shape: TreeShape,
    readonly data: TrainingData,
    maxMovesPerTry = 4,
  ) {
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
  }

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

  /** The value of slot `slot` (leaves, then internal nodes) at point p, into out. */
  valueAt(slot: number, p: number, out: Complex): Complex {
    out.re = this.re[slot * this.n + p];
    out.im = this.im[slot * this.n + p];
    return out;
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
    return finiteError(meanSquaredError(this.re, this.im, this.data.target, this.data.weight, n, o));
  }
}
