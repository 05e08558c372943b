/**
 * One tree of the native engine evaluated over the whole data set: float64, complex values as (re, im) pairs,
 * hand-written reverse mode (its formulas and the scrub: nativeComplex.ts, the general path of every node).
 * Buffers are allocated once; a pass allocates nothing.
 *
 * Speed (issue 14): most nodes of the paper's runs are real at every point (at depth 3, all of them), so a node whose
 * inputs are real takes a real fast path (one exp, one log, no imaginary arrays), and so does its reverse mode when
 * every ancestor is real as well. The fast paths produce the same numbers as the complex path, bit for bit
 * (nativeEngine.golden.test.ts pins traces computed before they existed); any point with a non-positive logarithm
 * argument sends its node back to the complex path. Where WebAssembly SIMD compiles (kernel 'simd', the default),
 * the real fast path and the leaves run in kernel/realKernel.wat instead: two points per instruction, exp and log as
 * inline polynomials within 1 ulp of Math's, the same formulas otherwise (its sums run in two lanes, so its numbers
 * differ from the JavaScript path's by rounding; kernel/realKernel.test.ts bounds the difference).
 */
import { BYPASS_THR, backToLogits, gateValues, leafWeights, penalties, type TreeShape } from './model.ts';
import type { TrainingData } from './targets.ts';
import { meanSquaredError } from './mse.ts';
import { defaultNativeKernel, treeArrays, type NativeKernel } from './kernel/treeArrays.ts';
import type { SimdKernel } from './kernel/simdKernel.ts';
import { leafGradients, leafValues } from './nativeLeaves.ts';
import { backwardComplexNode, forwardComplexNode, type NodeRows } from './nativeComplex.ts';

export type { NativeKernel };

/** One tree evaluated over the whole data set; shared by all restarts of an engine (they run one after another). */
export class NativeTree {
  readonly n: number;
  /** Row length of every per-point array: n rounded up to even. */
  private readonly st: number;
  /** The kernel of the real fast path actually in use ('simd' only where WebAssembly SIMD runs). */
  readonly kernelName: NativeKernel;
  private readonly kernel: SimdKernel | null;
  /** The rows and settings the complex path reads (the same arrays as the fields below). */
  private readonly rows: NodeRows;
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
    kernel: NativeKernel = defaultNativeKernel(),
  ) {
    const n = (this.n = data.n);
    if (data.x.length !== shape.nVars) throw new Error(`data has ${data.x.length} variables, the tree ${shape.nVars}`);
    // Rows padded to an even length: the SIMD kernel works on pairs of points.
    const st = (this.st = n + (n & 1));
    const arrays = treeArrays(shape, n, st, kernel, data.x);
    this.kernel = arrays.kernel;
    this.kernelName = arrays.kernel ? 'simd' : 'js';
    ({
      vre: this.vre,
      vim: this.vim,
      gre: this.gre,
      gim: this.gim,
      ere: this.ere,
      eim: this.eim,
      ok: this.ok,
    } = arrays);
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
    const { vre, vim, ere, eim, gre, gim, ok, s, gs } = this;
    this.rows = { shape, n, st, vre, vim, ere, eim, gre, gim, ok, s, gs, clamp, interThreshold };
  }

  /** Forward pass at temperature τ; returns the (weighted, when data.weight is set) data MSE and fills parts.data / parts.inter. */
  forward(params: ArrayLike<number>, tau: number, withInter: boolean): number {
    const { shape, n, st, vre, vim, w, s } = this;
    leafWeights(shape, params, tau, w);
    gateValues(shape, params, tau, s);
    if (this.kernel?.leaves) this.kernel.leafValues(w);
    else leafValues(shape, this.data, w, vre, st);
    let inter = 0;
    const real = this.real;
    const lvl = this.lvl;
    for (let j = 0; j < shape.nInternal; j++) {
      const slot = shape.nLeaves + j;
      if (real[shape.childL[j]] && real[shape.childR[j]] && this.forwardReal(j, withInter)) {
        real[slot] = 1;
        if (this.vimDirty[slot]) this.vim.fill(0, slot * st, (slot + 1) * st);
        if (this.eimDirty[j]) this.eim.fill(0, j * st, (j + 1) * st);
        this.vimDirty[slot] = 0;
        this.eimDirty[j] = 0;
      } else {
        lvl[0] = forwardComplexNode(this.rows, j, withInter);
        real[slot] = 0;
        this.vimDirty[slot] = 1;
        this.eimDirty[j] = 1;
      }
      if (withInter) inter += lvl[0] / (shape.levelSize[j] * n);
    }
    const root = (shape.nSlots - 1) * st;
    const mse = meanSquaredError(vre, vim, this.data.target, this.data.weight, n, root);
    this.parts.data = mse;
    this.parts.inter = inter / shape.depth;
    return mse;
  }

  /** Node j on the real fast path (see forwardRealNode), in the SIMD kernel when there is one. */
  private forwardReal(j: number, withInter: boolean): boolean {
    const b = this.kernel;
    if (!b) return this.forwardRealNode(j, withInter);
    const lvl = b.forward(j, this.s[2 * j], this.s[2 * j + 1], this.clamp, this.interThreshold, withInter);
    if (lvl < 0) return false;
    this.lvl[0] = lvl;
    return true;
  }

  /** Reverse mode through a real node with real ancestors (see backwardRealNode), in the SIMD kernel when there is one. */
  private backwardReal(j: number, kInter: number, assign: boolean): void {
    const b = this.kernel;
    if (!b) return this.backwardRealNode(j, kInter);
    b.backward(j, this.s[2 * j], this.s[2 * j + 1], this.interThreshold, kInter, assign);
    this.gs[2 * j] += b.sums[0];
    this.gs[2 * j + 1] += b.sums[1];
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
    const cl = shape.childL[j] * this.st;
    const cr = shape.childR[j] * this.st;
    const o = (shape.nLeaves + j) * this.st;
    const e = j * this.st;
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
    const cl = shape.childL[j] * this.st;
    const cr = shape.childR[j] * this.st;
    const o = (shape.nLeaves + j) * this.st;
    const e = j * this.st;
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
    const { shape, n, st, vre, vim, gre, gim, w, s, gw, gs } = this;
    const data = this.forward(params, tau, lamInter !== 0);
    gw.fill(0);
    gs.fill(0);
    const pen = penalties(shape, w, s, lamEnt, lamBin, gw, gs, this.parts);
    const total = data + pen + lamInter * this.parts.inter;
    if (!Number.isFinite(total)) return total;
    const allReal = this.real.every((r) => r === 1);
    // With every node real the SIMD kernel writes each gradient row below the root itself (no clearing pass);
    // otherwise the rows are summed into from zero.
    const assign = allReal && this.kernel !== null;
    if (!assign) gre.fill(0);
    // Imaginary gradients are read only by the complex path: none when every node is real.
    if (!allReal) gim.fill(0);
    const root = (shape.nSlots - 1) * st;
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
      if (pr) this.backwardReal(j, kInter, assign);
      else backwardComplexNode(this.rows, j, kInter);
      pathReal[shape.childL[j]] = pr & real[shape.childL[j]];
      pathReal[shape.childR[j]] = pr & real[shape.childR[j]];
    }
    if (this.kernel?.leaves) this.kernel.leafGradients(gw);
    else leafGradients(shape, this.data, gre, st, gw);
    backToLogits(shape, w, s, tau, gw, gs, grad);
    return total;
  }
}
