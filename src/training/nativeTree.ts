/**
 * One tree of the native engine evaluated over the whole data set: float64, complex values as (re, im) pairs,
 * hand-written reverse mode. Buffers are allocated once; a pass allocates nothing.
 *
 * Reverse mode of one node out = exp(a) − log(b), with upstream gradient (gR, gI) = (∂L/∂out.re, ∂L/∂out.im):
 *   ∂a.re = gR·Re e^a + gI·Im e^a,   ∂a.im = gI·Re e^a − gR·Im e^a,
 *   ∂b.re = (−gR·b.re + gI·b.im)/|b|²,   ∂b.im = (−gR·b.im − gI·b.re)/|b|²,
 * and through a blend a = (s + (1−s)c.re, (1−s)c.im): ∂s = ∂a.re(1 − c.re) − ∂a.im·c.im, ∂c = (1−s)∂a.
 * The per-node scrub (NaN → 0, ±∞ → ±clamp, then clamp) passes no gradient where it changed the value, as torch's
 * nan_to_num/clamp do.
 *
 * Speed (issue 14): most nodes of the paper's runs are real at every point (at depth 3, all of them), so a node whose
 * inputs are real takes a real fast path (one exp, one log, no imaginary arrays), and so does its reverse mode when
 * every ancestor is real as well. The fast paths produce the same numbers as the complex path, bit for bit
 * (nativeEngine.golden.test.ts pins traces computed before they existed); any point with a non-positive logarithm
 * argument sends its node back to the complex path.
 */
import { logInto, type Complex } from '../eml/evaluate/complex.ts';
import { BYPASS_THR, backToLogits, gateValues, leafWeights, penalties, type TreeShape } from './model.ts';
import type { TrainingData } from './targets.ts';
import { meanSquaredError } from './mse.ts';

/** One tree evaluated over the whole data set; shared by all restarts of an engine (they run one after another). */
export class NativeTree {
  readonly n: number;
  private readonly vre: Float64Array;
  private readonly vim: Float64Array;
  private readonly ere: Float64Array;
  private readonly eim: Float64Array;
  private readonly gre: Float64Array;
  private readonly gim: Float64Array;
  private readonly ok: Uint8Array;
  private readonly w: Float64Array;
  private readonly s: Float64Array;
  private readonly gw: Float64Array;
  private readonly gs: Float64Array;
  private readonly scratch: Complex = { re: 0, im: 0 };
  /**
   * Per value slot: 1 when the last forward computed it on the real fast path (every imaginary part +0, kept in vim).
   * Leaves are always real. pathReal marks, during a backward pass, the nodes whose every ancestor is real too.
   */
  private readonly real: Uint8Array;
  private readonly pathReal: Uint8Array;
  /** Per slot / internal node: vim / eim hold values other than +0 (written by the general path). */
  private readonly vimDirty: Uint8Array;
  private readonly eimDirty: Uint8Array;
  /** Per-point scratch of the real fast path: the exp and log arguments. */
  private readonly argA: Float64Array;
  private readonly argB: Float64Array;
  /**
   * The last node's overflow-penalty sum. Kept in a Float64Array rather than returned: a sum that is 0 on most
   * steps came back as a small integer and the optimised caller, having guessed integers, deoptimised on the rest.
   */
  private readonly lvl = new Float64Array(1);
  /** Unweighted parts of the last loss. */
  readonly parts = { data: 0, entropy: 0, binarity: 0, inter: 0 };

  constructor(
    readonly shape: TreeShape,
    readonly data: TrainingData,
    readonly clamp = 1e300,
    readonly interThreshold = 50,
  ) {
    const n = (this.n = data.n);
    if (data.x.length !== shape.nVars) throw new Error(`data has ${data.x.length} variables, the tree ${shape.nVars}`);
    this.vre = new Float64Array(shape.nSlots * n);
    this.vim = new Float64Array(shape.nSlots * n);
    this.gre = new Float64Array(shape.nSlots * n);
    this.gim = new Float64Array(shape.nSlots * n);
    this.ere = new Float64Array(shape.nInternal * n);
    this.eim = new Float64Array(shape.nInternal * n);
    this.ok = new Uint8Array(shape.nInternal * n);
    this.w = new Float64Array(shape.nLeafParams);
    this.gw = new Float64Array(shape.nLeafParams);
    this.s = new Float64Array(2 * shape.nInternal);
    this.gs = new Float64Array(2 * shape.nInternal);
    this.real = new Uint8Array(shape.nSlots).fill(1, 0, shape.nLeaves);
    this.pathReal = new Uint8Array(shape.nSlots);
    this.vimDirty = new Uint8Array(shape.nSlots);
    this.eimDirty = new Uint8Array(shape.nInternal);
    this.argA = new Float64Array(n);
    this.argB = new Float64Array(n);
  }

  /** Forward pass at temperature τ; returns the (weighted, when data.weight is set) data MSE and fills parts.data / parts.inter. */
  forward(params: ArrayLike<number>, tau: number, withInter: boolean): number {
    const { shape, n, vre, vim, w, s } = this;
    leafWeights(shape, params, tau, w);
    gateValues(shape, params, tau, s);
    const c = shape.nCols;
    const xs = this.data.x;
    for (let i = 0; i < shape.nLeaves; i++) {
      const o = i * n;
      const w0 = w[i * c];
      if (c === 3) {
        // Two variables (the paper's x, y): one pass, the same sums in the same order as the general loop.
        const [x0, x1] = xs;
        const w1 = w[i * c + 1];
        const w2 = w[i * c + 2];
        for (let p = 0; p < n; p++) vre[o + p] = w0 + w1 * x0[p] + w2 * x1[p];
        continue;
      }
      for (let p = 0; p < n; p++) vre[o + p] = w0;
      for (let k = 1; k < c; k++) {
        const wk = w[i * c + k];
        const x = xs[k - 1];
        for (let p = 0; p < n; p++) vre[o + p] += wk * x[p];
      }
      // A leaf's vim is never written: it stays +0 from the allocation.
    }
    let inter = 0;
    const real = this.real;
    const lvl = this.lvl;
    for (let j = 0; j < shape.nInternal; j++) {
      const slot = shape.nLeaves + j;
      if (real[shape.childL[j]] && real[shape.childR[j]] && this.forwardRealNode(j, withInter)) {
        real[slot] = 1;
        if (this.vimDirty[slot]) this.vim.fill(0, slot * n, (slot + 1) * n);
        if (this.eimDirty[j]) this.eim.fill(0, j * n, (j + 1) * n);
        this.vimDirty[slot] = 0;
        this.eimDirty[j] = 0;
      } else {
        this.forwardNode(j, withInter);
        real[slot] = 0;
        this.vimDirty[slot] = 1;
        this.eimDirty[j] = 1;
      }
      if (withInter) inter += lvl[0] / (shape.levelSize[j] * n);
    }
    const root = (shape.nSlots - 1) * n;
    const mse = meanSquaredError(vre, vim, this.data.target, this.data.weight, n, root);
    this.parts.data = mse;
    this.parts.inter = inter / shape.depth;
    return mse;
  }

  /**
   * Node j on the real fast path, both children real: a = s + (1−s)·c and b likewise with no imaginary parts, so
   * e^a = exp(a.re) and log b = ln(b.re) for b.re > 0, exactly what the general path computes on such inputs (its
   * imaginary parts are all +0, and √(re²) = |re| in binary floating point). Leaves the node's overflow-penalty
   * sum in this.lvl; returns false when a point has b.re ≤ 0 (a complex logarithm): the caller then runs the general
   * path on the node.
   */
  private forwardRealNode(j: number, withInter: boolean): boolean {
    const { shape, n, vre, ere, ok, s } = this;
    const C = this.clamp;
    const thr = this.interThreshold;
    const sL = s[2 * j];
    const sR = s[2 * j + 1];
    const byL = sL > BYPASS_THR;
    const byR = sR > BYPASS_THR;
    const cl = shape.childL[j] * n;
    const cr = shape.childR[j] * n;
    const o = (shape.nLeaves + j) * n;
    const e = j * n;
    const uL = 1 - sL;
    const uR = 1 - sR;
    // Separate passes: Math.exp and Math.log are calls that clobber every floating-point register, so a loop with
    // only the call in it spills nothing; fused with the blend and the scrub it reloaded a dozen values per point.
    const A = this.argA;
    const B = this.argB;
    for (let p = 0; p < n; p++) {
      const br = byR ? 1 : sR + uR * vre[cr + p];
      if (!(br > 0)) return false;
      B[p] = br;
      A[p] = byL ? 1 : sL + uL * vre[cl + p];
    }
    for (let p = 0; p < n; p++) ere[e + p] = Math.exp(A[p]);
    for (let p = 0; p < n; p++) B[p] = Math.log(B[p]);
    let lvl = 0;
    for (let p = 0; p < n; p++) {
      let re = ere[e + p] - B[p];
      let m = 3;
      if (!(re >= -C && re <= C)) {
        m = 2;
        re = re !== re ? 0 : re > 0 ? C : -C;
      }
      vre[o + p] = re;
      ok[e + p] = m;
      if (withInter) {
        const mag = Math.abs(re);
        if (mag > thr) lvl += (mag - thr) * (mag - thr);
      }
    }
    this.lvl[0] = lvl;
    return true;
  }

  /** Node j in complex arithmetic (any inputs); leaves its overflow-penalty sum in this.lvl. */
  private forwardNode(j: number, withInter: boolean): void {
    const { shape, n, vre, vim, ere, eim, ok, s } = this;
    const C = this.clamp;
    const thr = this.interThreshold;
    const sc = this.scratch;
    const sL = s[2 * j];
    const sR = s[2 * j + 1];
    const byL = sL > BYPASS_THR;
    const byR = sR > BYPASS_THR;
    const cl = shape.childL[j] * n;
    const cr = shape.childR[j] * n;
    const o = (shape.nLeaves + j) * n;
    const e = j * n;
    const uL = 1 - sL;
    const uR = 1 - sR;
    let lvl = 0;
    for (let p = 0; p < n; p++) {
      const ar = byL ? 1 : sL + uL * vre[cl + p];
      const ai = byL ? 0 : uL * vim[cl + p];
      const br = byR ? 1 : sR + uR * vre[cr + p];
      const bi = byR ? 0 : uR * vim[cr + p];
      let er: number;
      let ei: number;
      if (ai === 0) {
        er = Math.exp(ar);
        ei = ai;
      } else {
        const E = Math.exp(ar);
        er = E * Math.cos(ai);
        ei = E * Math.sin(ai);
      }
      let lr: number;
      let li: number;
      if (bi === 0 && br > 0) {
        lr = Math.log(br);
        li = bi;
      } else {
        const rho = br * br + bi * bi;
        if (rho > 1e-300 && rho < 1e300) lr = 0.5 * Math.log(rho);
        else lr = logInto(br, bi, sc).re;
        li = Math.atan2(bi, br);
      }
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
      ere[e + p] = er;
      eim[e + p] = ei;
      ok[e + p] = m;
      if (withInter) {
        const mag = Math.sqrt(re * re + im * im);
        if (mag > thr) lvl += (mag - thr) * (mag - thr);
      }
    }
    this.lvl[0] = lvl;
  }

  /**
   * Reverse mode through node j when it and all its ancestors are real: every imaginary part and every imaginary
   * gradient upstream is ±0 there, so the general formulas reduce to their real terms (the dropped terms are signed
   * zeros or, when an upstream gradient is already infinite, NaNs that leave the step non-finite either way).
   */
  private backwardRealNode(j: number, kInter: number): void {
    const { shape, n, vre, ere, gre, ok, s, gs } = this;
    const thr = this.interThreshold;
    const sL = s[2 * j];
    const sR = s[2 * j + 1];
    const byL = sL > BYPASS_THR;
    const byR = sR > BYPASS_THR;
    const uL = 1 - sL;
    const uR = 1 - sR;
    const cl = shape.childL[j] * n;
    const cr = shape.childR[j] * n;
    const o = (shape.nLeaves + j) * n;
    const e = j * n;
    let gsL = 0;
    let gsR = 0;
    for (let p = 0; p < n; p++) {
      let gR = gre[o + p];
      if (kInter !== 0) {
        const re = vre[o + p];
        const mag = Math.abs(re);
        if (mag > thr) gR += ((kInter * 2 * (mag - thr)) / mag) * re;
      }
      if ((ok[e + p] & 1) === 0 || gR === 0) continue;
      const dar = gR * ere[e + p];
      if (!byL) {
        gsL += dar * (1 - vre[cl + p]);
        gre[cl + p] += uL * dar;
      }
      if (!byR) {
        const cre = vre[cr + p];
        const br = sR + uR * cre;
        const rho = br * br;
        if (rho > 0 && rho < Infinity) {
          const dbr = (-gR * br) / rho;
          gsR += dbr * (1 - cre);
          gre[cr + p] += uR * dbr;
        }
      }
    }
    gs[2 * j] += gsL;
    gs[2 * j + 1] += gsR;
  }

  /** Reverse mode through node j in complex arithmetic (the module comment's formulas). */
  private backwardNode(j: number, kInter: number): void {
    const { shape, n, vre, vim, ere, eim, gre, gim, ok, s, gs } = this;
    const thr = this.interThreshold;
    const sL = s[2 * j];
    const sR = s[2 * j + 1];
    const byL = sL > BYPASS_THR;
    const byR = sR > BYPASS_THR;
    const uL = 1 - sL;
    const uR = 1 - sR;
    const cl = shape.childL[j] * n;
    const cr = shape.childR[j] * n;
    const o = (shape.nLeaves + j) * n;
    const e = j * n;
    let gsL = 0;
    let gsR = 0;
    for (let p = 0; p < n; p++) {
      let gR = gre[o + p];
      let gI = gim[o + p];
      if (kInter !== 0) {
        const re = vre[o + p];
        const im = vim[o + p];
        const mag = Math.sqrt(re * re + im * im);
        if (mag > thr) {
          const f = (kInter * 2 * (mag - thr)) / mag;
          gR += f * re;
          gI += f * im;
        }
      }
      const m = ok[e + p];
      if ((m & 1) === 0) gR = 0;
      if ((m & 2) === 0) gI = 0;
      if (gR === 0 && gI === 0) continue;
      const er = ere[e + p];
      const ei = eim[e + p];
      const dar = gR * er + gI * ei;
      const dai = gI * er - gR * ei;
      if (!byL) {
        const cre = vre[cl + p];
        const cim = vim[cl + p];
        gsL += dar * (1 - cre) - dai * cim;
        gre[cl + p] += uL * dar;
        gim[cl + p] += uL * dai;
      }
      if (!byR) {
        const cre = vre[cr + p];
        const cim = vim[cr + p];
        const br = sR + uR * cre;
        const bi = uR * cim;
        const rho = br * br + bi * bi;
        if (rho > 0 && rho < Infinity) {
          const dbr = (-gR * br + gI * bi) / rho;
          const dbi = (-gR * bi - gI * br) / rho;
          gsR += dbr * (1 - cre) - dbi * cim;
          gre[cr + p] += uR * dbr;
          gim[cr + p] += uR * dbi;
        }
      }
    }
    gs[2 * j] += gsL;
    gs[2 * j + 1] += gsR;
  }

  /**
   * Total loss at `params` and, when it is finite, its gradient into `grad`. A non-finite loss returns early
   * (the reference skips such steps without a backward pass).
   */
  lossAndGrad(
    params: ArrayLike<number>,
    tau: number,
    lamEnt: number,
    lamBin: number,
    lamInter: number,
    grad: Float64Array,
  ): number {
    const { shape, n, vre, vim, gre, gim, w, s, gw, gs } = this;
    const data = this.forward(params, tau, lamInter !== 0);
    gw.fill(0);
    gs.fill(0);
    const pen = penalties(shape, w, s, lamEnt, lamBin, gw, gs, this.parts);
    const total = data + pen + lamInter * this.parts.inter;
    if (!Number.isFinite(total)) return total;
    gre.fill(0);
    // Imaginary gradients are read only by the complex path: none when every node is real.
    if (!this.real.every((r) => r === 1)) gim.fill(0);
    const root = (shape.nSlots - 1) * n;
    const t = this.data.target;
    const wt = this.data.weight;
    if (wt) {
      for (let p = 0; p < n; p++) {
        const k = (2 * wt[p]) / n;
        gre[root + p] = k * (vre[root + p] - t[p]);
        gim[root + p] = k * vim[root + p];
      }
    } else {
      // Kept apart from the weighted form (rather than w = 1) so unweighted runs round exactly as before.
      for (let p = 0; p < n; p++) {
        gre[root + p] = (2 * (vre[root + p] - t[p])) / n;
        gim[root + p] = (2 * vim[root + p]) / n;
      }
    }
    // Top-down (the root is the last node): a node takes the real fast path when it and every ancestor are real.
    const { real, pathReal } = this;
    pathReal[shape.nSlots - 1] = real[shape.nSlots - 1];
    for (let j = shape.nInternal - 1; j >= 0; j--) {
      const kInter = lamInter / (shape.depth * shape.levelSize[j] * n);
      const pr = pathReal[shape.nLeaves + j];
      if (pr) this.backwardRealNode(j, kInter);
      else this.backwardNode(j, kInter);
      pathReal[shape.childL[j]] = pr & real[shape.childL[j]];
      pathReal[shape.childR[j]] = pr & real[shape.childR[j]];
    }
    const c = shape.nCols;
    const xs = this.data.x;
    for (let i = 0; i < shape.nLeaves; i++) {
      const o = i * n;
      if (c === 3) {
        const [x0, x1] = xs;
        let g0 = 0;
        let g1 = 0;
        let g2 = 0;
        for (let p = 0; p < n; p++) {
          const g = gre[o + p];
          g0 += g;
          g1 += g * x0[p];
          g2 += g * x1[p];
        }
        gw[i * c] += g0;
        gw[i * c + 1] += g1;
        gw[i * c + 2] += g2;
        continue;
      }
      let g0 = 0;
      for (let p = 0; p < n; p++) g0 += gre[o + p];
      gw[i * c] += g0;
      for (let k = 1; k < c; k++) {
        const x = xs[k - 1];
        let g = 0;
        for (let p = 0; p < n; p++) g += gre[o + p] * x[p];
        gw[i * c + k] += g;
      }
    }
    backToLogits(shape, w, s, tau, gw, gs, grad);
    return total;
  }
}
