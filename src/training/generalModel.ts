/**
 * The generalised trainable EML tree: a full binary tree of eml nodes in which EVERY input of every node (not only
 * the bottom leaves, as in the paper's master formula, model.ts) chooses by a softmax over logits among the
 * constant 1, each variable, a trainable real constant of its own, and — for inputs of nodes above the bottom
 * level — its child node. So eml(x, eml(1,1)) lives in a depth-2 tree and eml(ln x, x) in a depth-4 one, where the
 * paper's parametrisation needs deeper trees and cannot express constants other than 1 at all.
 *
 * Float64 complex arithmetic with the principal log and the native engine's per-node scrub (NaN → 0, ±∞ and
 * values beyond ±clamp → ±clamp, no gradient where the scrub changed a value), hand-written reverse mode.
 *
 * Layout: nodes numbered bottom level first as in model.ts (node at level L from the top, position p has index
 * 2^d − 2^(L+1) + p; root last), so children come before parents. Input slot s = 2·node + (0 left | 1 right).
 * Parameters: logits [nSlots · nCols] (columns: 1, x1 … xV, constant, child), then one constant per slot.
 * Bottom-level slots have no child: their child column is left out of the softmax (probability 0, gradient 0).
 */
import { flatNodeIndex } from './model.ts';
import { MAX_GENERAL_MODEL_DEPTH } from './settings.ts';

export interface GeneralShape {
  depth: number;
  nVars: number;
  /** 1 + nVars + constant + child. */
  nCols: number;
  nNodes: number;
  nSlots: number;
  nParams: number;
  /** Column of the constant and of the child. */
  colConst: number;
  colChild: number;
  /** Per node: index of the left / right child node, or −1 at the bottom level. */
  childL: Int32Array;
  childR: Int32Array;
}

export const MAX_GENERAL_DEPTH = MAX_GENERAL_MODEL_DEPTH;

export function generalShape(depth: number, nVars: number): GeneralShape {
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_GENERAL_DEPTH)
    throw new Error(`general model depth must be 1–${MAX_GENERAL_DEPTH}, got ${depth}`);
  if (!Number.isInteger(nVars) || nVars < 1) throw new Error(`general model needs at least one variable, got ${nVars}`);
  const nNodes = 2 ** depth - 1;
  const childL = new Int32Array(nNodes).fill(-1);
  const childR = new Int32Array(nNodes).fill(-1);
  for (let L = 0; L < depth - 1; L++) {
    for (let p = 0; p < 2 ** L; p++) {
      const j = flatNodeIndex(depth, L, p);
      childL[j] = flatNodeIndex(depth, L + 1, 2 * p);
      childR[j] = flatNodeIndex(depth, L + 1, 2 * p + 1);
    }
  }
  const nCols = nVars + 3;
  const nSlots = 2 * nNodes;
  return {
    depth,
    nVars,
    nCols,
    nNodes,
    nSlots,
    nParams: nSlots * (nCols + 1),
    colConst: nVars + 1,
    colChild: nVars + 2,
    childL,
    childR,
  };
}

/** The child node feeding slot s, or −1 (bottom level). */
export function slotChild(shape: GeneralShape, s: number): number {
  const j = s >> 1;
  return (s & 1) === 0 ? shape.childL[j] : shape.childR[j];
}

/** Index of slot s's constant in the parameter vector. */
export const constIndex = (shape: GeneralShape, s: number) => shape.nSlots * shape.nCols + s;

/** Softmax(logits/τ) of every slot into `w` [nSlots·nCols]; a bottom slot's child column gets 0. */
export function slotWeights(shape: GeneralShape, params: ArrayLike<number>, tau: number, w: Float64Array): void {
  const c = shape.nCols;
  for (let s = 0; s < shape.nSlots; s++) {
    const cols = slotChild(shape, s) < 0 ? c - 1 : c;
    let m = -Infinity;
    for (let k = 0; k < cols; k++) m = Math.max(m, params[s * c + k] / tau);
    let sum = 0;
    for (let k = 0; k < cols; k++) sum += w[s * c + k] = Math.exp(params[s * c + k] / tau - m);
    for (let k = 0; k < cols; k++) w[s * c + k] /= sum;
    if (cols < c) w[s * c + c - 1] = 0;
  }
}

export interface GeneralData {
  x: readonly Float64Array[];
  y: Float64Array;
  n: number;
  /** Optional per-point weights of the squared error (weighted least squares). */
  w?: Float64Array;
}

/**
 * One generalised tree evaluated over a data set; buffers allocated once, a step allocates nothing.
 * Loss = Σ w_p |f(x_p) − y_p|² / n (w_p = 1 without weights) + λ_ent · mean slot entropy.
 */
export class GeneralTree {
  readonly n: number;
  private readonly vre: Float64Array;
  private readonly vim: Float64Array;
  private readonly are: Float64Array;
  private readonly aim: Float64Array;
  private readonly ere: Float64Array;
  private readonly eim: Float64Array;
  private readonly gre: Float64Array;
  private readonly gim: Float64Array;
  private readonly ok: Uint8Array;
  private readonly w: Float64Array;
  private readonly gw: Float64Array;
  /** Per-variable gradient sums of the left and right slot being folded. */
  private readonly scratchL: Float64Array;
  private readonly scratchR: Float64Array;
  /** Unweighted parts of the last loss. */
  readonly parts = { data: 0, entropy: 0 };

  constructor(
    readonly shape: GeneralShape,
    readonly data: GeneralData,
    readonly clamp = 1e300,
  ) {
    const n = (this.n = data.n);
    if (data.x.length !== shape.nVars) throw new Error(`data has ${data.x.length} variables, the tree ${shape.nVars}`);
    this.vre = new Float64Array(shape.nNodes * n);
    this.vim = new Float64Array(shape.nNodes * n);
    this.ere = new Float64Array(shape.nNodes * n);
    this.eim = new Float64Array(shape.nNodes * n);
    this.gre = new Float64Array(shape.nNodes * n);
    this.gim = new Float64Array(shape.nNodes * n);
    this.ok = new Uint8Array(shape.nNodes * n);
    this.are = new Float64Array(shape.nSlots * n);
    this.aim = new Float64Array(shape.nSlots * n);
    this.w = new Float64Array(shape.nSlots * shape.nCols);
    this.gw = new Float64Array(shape.nSlots * shape.nCols);
    this.scratchL = new Float64Array(shape.nVars);
    this.scratchR = new Float64Array(shape.nVars);
  }

  /** The root's values (real and imaginary parts) after the last forward pass. */
  rootValues(): { re: Float64Array; im: Float64Array } {
    const o = (this.shape.nNodes - 1) * this.n;
    return { re: this.vre.subarray(o, o + this.n), im: this.vim.subarray(o, o + this.n) };
  }

  /** Forward pass at temperature τ; returns the (weighted) data MSE. */
  forward(params: ArrayLike<number>, tau: number): number {
    const { shape, n, vre, vim, are, aim, ere, eim, ok, w } = this;
    const C = this.clamp;
    const c = shape.nCols;
    slotWeights(shape, params, tau, w);
    const xs = this.data.x;
    for (let j = 0; j < shape.nNodes; j++) {
      // The two input slots of node j: real choices, then the child blend (children are computed already).
      for (let side = 0; side < 2; side++) {
        const s = 2 * j + side;
        const o = s * n;
        const base = w[s * c] + w[s * c + shape.colConst] * params[constIndex(shape, s)];
        for (let p = 0; p < n; p++) are[o + p] = base;
        aim.fill(0, o, o + n);
        for (let k = 1; k <= shape.nVars; k++) {
          const wk = w[s * c + k];
          if (wk === 0) continue;
          const x = xs[k - 1];
          for (let p = 0; p < n; p++) are[o + p] += wk * x[p];
        }
        const ch = slotChild(shape, s);
        const wc = w[s * c + shape.colChild];
        if (ch >= 0 && wc !== 0) {
          const co = ch * n;
          for (let p = 0; p < n; p++) {
            are[o + p] += wc * vre[co + p];
            aim[o + p] = wc * vim[co + p];
          }
        }
      }
      const oa = 2 * j * n;
      const ob = (2 * j + 1) * n;
      const o = j * n;
      for (let p = 0; p < n; p++) {
        const ar = are[oa + p];
        const ai = aim[oa + p];
        const br = are[ob + p];
        const bi = aim[ob + p];
        const E = Math.exp(ar);
        const er = ai === 0 ? E : E * Math.cos(ai);
        const ei = ai === 0 ? 0 : E * Math.sin(ai);
        const rho = br * br + bi * bi;
        const lr = bi === 0 && br > 0 ? Math.log(br) : 0.5 * Math.log(rho);
        const li = bi === 0 && br > 0 ? 0 : Math.atan2(bi, br);
        let re = er - lr;
        let im = ei - li;
        let m = 3;
        if (!(re >= -C && re <= C)) {
          m &= 2;
          re = re !== re ? 0 : re > 0 ? C : -C;
        }
        if (!(im >= -C && im <= C)) {
          m &= 1;
          im = im !== im ? 0 : im > 0 ? C : -C;
        }
        vre[o + p] = re;
        vim[o + p] = im;
        ere[o + p] = er;
        eim[o + p] = ei;
        ok[o + p] = m;
      }
    }
    const root = (shape.nNodes - 1) * n;
    const t = this.data.y;
    const wt = this.data.w;
    let mse = 0;
    for (let p = 0; p < n; p++) {
      const dr = vre[root + p] - t[p];
      const di = vim[root + p];
      mse += (wt ? wt[p] : 1) * (dr * dr + di * di);
    }
    mse /= n;
    this.parts.data = mse;
    return mse;
  }

  /** Mean Shannon entropy of the slots' choices; adds λ·∂/∂w into gw when λ ≠ 0. */
  private entropy(lamEnt: number): number {
    const { shape, w, gw } = this;
    const c = shape.nCols;
    let h = 0;
    const k = lamEnt / shape.nSlots;
    for (let i = 0; i < shape.nSlots * c; i++) {
      const p = w[i];
      if (p <= 0) continue;
      h -= p * Math.log(p);
      if (k !== 0) gw[i] += k * -(Math.log(p) + 1);
    }
    return h / shape.nSlots;
  }

  /**
   * Total loss (data MSE + λ_ent · entropy) and, when it is finite, its gradient with respect to every logit and
   * constant into `grad` [nParams]. A non-finite loss returns early without touching `grad`.
   */
  lossAndGrad(params: ArrayLike<number>, tau: number, lamEnt: number, grad: Float64Array): number {
    const { shape, n, vre, vim, are, aim, ere, eim, gre, gim, ok, w, gw } = this;
    const data = this.forward(params, tau);
    gw.fill(0);
    this.parts.entropy = this.entropy(lamEnt);
    const total = data + lamEnt * this.parts.entropy;
    if (!Number.isFinite(total)) return total;
    grad.fill(0);
    gre.fill(0);
    gim.fill(0);
    const root = (shape.nNodes - 1) * n;
    const t = this.data.y;
    const wt = this.data.w;
    for (let p = 0; p < n; p++) {
      const k = (2 * (wt ? wt[p] : 1)) / n;
      gre[root + p] = k * (vre[root + p] - t[p]);
      gim[root + p] = k * vim[root + p];
    }
    const c = shape.nCols;
    const xs = this.data.x;
    for (let j = shape.nNodes - 1; j >= 0; j--) {
      const o = j * n;
      const sa = 2 * j;
      const sb = 2 * j + 1;
      const oa = sa * n;
      const ob = sb * n;
      // Each input slot's gradient per point, folded straight into its choice weights, constant and child.
      for (let side = 0; side < 2; side++) {
        const s = side === 0 ? sa : sb;
        const os = side === 0 ? oa : ob;
        const ch = slotChild(shape, s);
        const wc = w[s * c + shape.colChild];
        const co = ch * n;
        let g1 = 0;
        let gConstW = 0;
        let gChildW = 0;
        const gVar = side === 0 ? this.scratchL : this.scratchR;
        gVar.fill(0);
        for (let p = 0; p < n; p++) {
          let gR = gre[o + p];
          let gI = gim[o + p];
          const m = ok[o + p];
          if ((m & 1) === 0) gR = 0;
          if ((m & 2) === 0) gI = 0;
          if (gR === 0 && gI === 0) continue;
          let dr: number;
          let di: number;
          if (side === 0) {
            const er = ere[o + p];
            const ei = eim[o + p];
            dr = gR * er + gI * ei;
            di = gI * er - gR * ei;
          } else {
            const br = are[os + p];
            const bi = aim[os + p];
            const rho = br * br + bi * bi;
            if (!(rho > 0 && rho < Infinity)) continue;
            dr = (-gR * br + gI * bi) / rho;
            di = (-gR * bi - gI * br) / rho;
          }
          if (!Number.isFinite(dr) || !Number.isFinite(di)) continue;
          g1 += dr;
          gConstW += dr;
          for (let k = 0; k < shape.nVars; k++) gVar[k] += dr * xs[k][p];
          if (ch >= 0) {
            gChildW += dr * vre[co + p] + di * vim[co + p];
            gre[co + p] += wc * dr;
            gim[co + p] += wc * di;
          }
        }
        const ci = constIndex(shape, s);
        gw[s * c] += g1;
        for (let k = 0; k < shape.nVars; k++) gw[s * c + 1 + k] += gVar[k];
        gw[s * c + shape.colConst] += gConstW * params[ci];
        if (ch >= 0) gw[s * c + shape.colChild] += gChildW;
        grad[ci] = gConstW * w[s * c + shape.colConst];
      }
    }
    // Softmax(·/τ) back to the logits.
    for (let s = 0; s < shape.nSlots; s++) {
      let dot = 0;
      for (let k = 0; k < c; k++) dot += w[s * c + k] * gw[s * c + k];
      for (let k = 0; k < c; k++) grad[s * c + k] = (w[s * c + k] * (gw[s * c + k] - dot)) / tau;
    }
    return total;
  }
}

/** Each slot's arg-max column (the hardened choice). */
export function argmaxChoices(shape: GeneralShape, params: ArrayLike<number>): Int32Array {
  const c = shape.nCols;
  const out = new Int32Array(shape.nSlots);
  for (let s = 0; s < shape.nSlots; s++) {
    const cols = slotChild(shape, s) < 0 ? c - 1 : c;
    let am = 0;
    for (let k = 1; k < cols; k++) if (params[s * c + k] > params[s * c + am]) am = k;
    out[s] = am;
  }
  return out;
}
