/**
 * The native engine: R restarts of one NativeTree (nativeTree.ts: float64, complex values as (re, im) pairs,
 * hand-written reverse mode), Adam with torch's update rule, gradient-norm clipping. Buffers are allocated once
 * per engine; a step allocates nothing.
 */
import type { EngineOptions, StepControl, StepOutput, TrainEngine } from './engine.ts';
import type { TreeShape } from './model.ts';
import { NativeTree, type NativeKernel } from './nativeTree.ts';

export { NativeTree };
export type { NativeKernel };

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPS = 1e-8;

/** R restarts on one NativeTree, each with its own parameters and Adam state. */
export class NativeEngine implements TrainEngine {
  readonly name = 'native' as const;
  /** 'float64' on the JavaScript path, 'float64 simd' with the WebAssembly kernel. */
  readonly backend: string;
  readonly shape: TreeShape;
  readonly restarts: number;
  readonly tree: NativeTree;
  private readonly P: number;
  private readonly params: Float64Array;
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private readonly t: Float64Array;
  private readonly grad: Float64Array;
  private lr: number;

  constructor(private readonly opts: EngineOptions) {
    this.shape = opts.shape;
    this.restarts = opts.restarts;
    this.P = opts.shape.nParams;
    this.tree = new NativeTree(opts.shape, opts.data, opts.emlClamp, opts.interThreshold, opts.kernel);
    this.backend = this.tree.kernelName === 'simd' ? 'float64 simd' : 'float64';
    const RP = this.restarts * this.P;
    this.params = new Float64Array(RP);
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
