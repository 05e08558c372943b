/**
 * The native engine: float64, complex values as (re, im) pairs, hand-written reverse mode, Adam with torch's
 * update rule, gradient-norm clipping. Buffers are allocated once per engine; a step allocates nothing.
 *
 * Reverse mode of one node out = exp(a) − log(b), with upstream gradient (gR, gI) = (∂L/∂out.re, ∂L/∂out.im):
 *   ∂a.re = gR·Re e^a + gI·Im e^a,   ∂a.im = gI·Re e^a − gR·Im e^a,
 *   ∂b.re = (−gR·b.re + gI·b.im)/|b|²,   ∂b.im = (−gR·b.im − gI·b.re)/|b|²,
 * and through a blend a = (s + (1−s)c.re, (1−s)c.im): ∂s = ∂a.re(1 − c.re) − ∂a.im·c.im, ∂c = (1−s)∂a.
 * The per-node scrub (NaN → 0, ±∞ → ±clamp, then clamp) passes no gradient where it changed the value, as torch's
 * nan_to_num/clamp do.
 */
import { logInto, type Complex } from '../eml/evaluate/complex.ts';
import type { EngineOptions, StepControl, StepOutput, TrainEngine } from './engine.ts';
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
  }

  /** Forward pass at temperature τ; returns the (weighted, when data.weight is set) data MSE and fills parts.data / parts.inter. */
  forward(params: ArrayLike<number>, tau: number, withInter: boolean): number {
    const { shape, n, vre, vim, ere, eim, ok, w, s, clamp } = this;
    const C = clamp;
    leafWeights(shape, params, tau, w);
    gateValues(shape, params, tau, s);
    const c = shape.nCols;
    const xs = this.data.x;
    for (let i = 0; i < shape.nLeaves; i++) {
      const o = i * n;
      const w0 = w[i * c];
      for (let p = 0; p < n; p++) vre[o + p] = w0;
      for (let k = 1; k < c; k++) {
        const wk = w[i * c + k];
        const x = xs[k - 1];
        for (let p = 0; p < n; p++) vre[o + p] += wk * x[p];
      }
      vim.fill(0, o, o + n);
    }
    let inter = 0;
    const thr = this.interThreshold;
    const sc = this.scratch;
    for (let j = 0; j < shape.nInternal; j++) {
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
      if (withInter) inter += lvl / (shape.levelSize[j] * n);
    }
    const root = (shape.nSlots - 1) * n;
    const mse = meanSquaredError(vre, vim, this.data.target, this.data.weight, n, root);
    this.parts.data = mse;
    this.parts.inter = inter / shape.depth;
    return mse;
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
    const { shape, n, vre, vim, ere, eim, gre, gim, ok, w, s, gw, gs } = this;
    const data = this.forward(params, tau, lamInter !== 0);
    gw.fill(0);
    gs.fill(0);
    const pen = penalties(shape, w, s, lamEnt, lamBin, gw, gs, this.parts);
    const total = data + pen + lamInter * this.parts.inter;
    if (!Number.isFinite(total)) return total;
    gre.fill(0);
    gim.fill(0);
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
    const thr = this.interThreshold;
    for (let j = shape.nInternal - 1; j >= 0; j--) {
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
      const kInter = lamInter / (shape.depth * shape.levelSize[j] * n);
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
    const c = shape.nCols;
    const xs = this.data.x;
    for (let i = 0; i < shape.nLeaves; i++) {
      const o = i * n;
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

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPS = 1e-8;

/** R restarts on one NativeTree, each with its own parameters and Adam state. */
export class NativeEngine implements TrainEngine {
  readonly name = 'native' as const;
  readonly backend = 'float64';
  readonly shape: TreeShape;
  readonly restarts: number;
  readonly tree: NativeTree;
  private readonly P: number;
  private readonly params: Float64Array;
  private readonly pre: Float64Array;
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private readonly t: Float64Array;
  private readonly grad: Float64Array;
  private lr: number;

  constructor(private readonly opts: EngineOptions) {
    this.shape = opts.shape;
    this.restarts = opts.restarts;
    this.P = opts.shape.nParams;
    this.tree = new NativeTree(opts.shape, opts.data, opts.emlClamp, opts.interThreshold);
    const RP = this.restarts * this.P;
    this.params = new Float64Array(RP);
    this.pre = new Float64Array(RP);
    this.m = new Float64Array(RP);
    this.v = new Float64Array(RP);
    this.t = new Float64Array(this.restarts);
    this.grad = new Float64Array(this.P);
    this.lr = opts.lr;
  }

  setParams(r: number, params: ArrayLike<number>): void {
    for (let i = 0; i < this.P; i++) this.params[r * this.P + i] = params[i];
  }

  getParams(r: number, out: Float64Array): void {
    out.set(this.params.subarray(r * this.P, (r + 1) * this.P));
  }

  getPreStepParams(r: number, out: Float64Array): void {
    out.set(this.pre.subarray(r * this.P, (r + 1) * this.P));
  }

  resetOptimizer(r: number): void {
    this.m.fill(0, r * this.P, (r + 1) * this.P);
    this.v.fill(0, r * this.P, (r + 1) * this.P);
    this.t[r] = 0;
  }

  setLr(lr: number): void {
    this.lr = lr;
  }

  step(ctl: StepControl, out: StepOutput): void {
    const { P, grad, opts } = this;
    for (let r = 0; r < this.restarts; r++) {
      if (!ctl.active[r]) continue;
      const p = this.params.subarray(r * P, (r + 1) * P);
      const total = this.tree.lossAndGrad(p, ctl.tau[r], ctl.lamEnt[r], ctl.lamBin[r], opts.lamInter, grad);
      out.total[r] = total;
      out.data[r] = this.tree.parts.data;
      out.finite[r] = 0;
      if (!Number.isFinite(total)) continue;
      let sq = 0;
      for (let i = 0; i < P; i++) sq += grad[i] * grad[i];
      const norm = Math.sqrt(sq);
      // A non-finite gradient would turn the parameters into NaN in torch; skipping the update is the same step
      // counted as non-finite, without poisoning the state.
      if (!Number.isFinite(norm)) continue;
      out.finite[r] = 1;
      const coef = opts.gradClip / (norm + 1e-6);
      if (coef < 1) for (let i = 0; i < P; i++) grad[i] *= coef;
      this.pre.set(p, r * P);
      const t = ++this.t[r];
      const lr = this.lr * ctl.lrMult[r];
      const bc1 = 1 - BETA1 ** t;
      const bc2s = Math.sqrt(1 - BETA2 ** t);
      const stepSize = lr / bc1;
      const m = this.m;
      const v = this.v;
      const off = r * P;
      for (let i = 0; i < P; i++) {
        const g = grad[i];
        m[off + i] = BETA1 * m[off + i] + (1 - BETA1) * g;
        v[off + i] = BETA2 * v[off + i] + (1 - BETA2) * g * g;
        p[i] -= (stepSize * m[off + i]) / (Math.sqrt(v[off + i]) / bc2s + EPS);
      }
    }
  }

  evalMse(tau: number, active: Uint8Array, out: Float64Array): void {
    for (let r = 0; r < this.restarts; r++) {
      if (active[r]) out[r] = this.tree.forward(this.params.subarray(r * this.P, (r + 1) * this.P), tau, false);
    }
  }

  /** Data MSE of an arbitrary parameter vector (used to score snapped states). */
  mseOf(params: ArrayLike<number>, tau: number): number {
    return this.tree.forward(params, tau, false);
  }

  dispose(): void {}
}
