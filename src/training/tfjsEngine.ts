/**
 * The tfjs engine: the same model as nativeEngine.ts, float32, all R restarts trained as one batched graph
 * (tfjsGraph.ts): one forward/backward and one Adam update per step for the whole batch, with per-restart
 * τ, penalty weights, learning-rate multipliers, step counts and update masks, so the schedule (schedule.ts) drives
 * each restart exactly as it would drive it alone. A step is enqueued whole on the device and read back once
 * (losses and the update mask), so a GPU is not stalled mid-step.
 * The parameters have a host mirror: the schedule reads and writes single restarts (getParams on every
 * improvement, setParams on restores), which would otherwise cost one device round trip per restart, O(R²) per
 * step; with the mirror a step costs at most one download of each tensor, and writes are uploaded once, before
 * the next step.
 * Import this module lazily (inside the worker, or in Node for tests/bench): it pulls in tfjs-core.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import type { EngineOptions, StepControl, StepOutput, TfjsGraph, TrainEngine } from './engine.ts';
import type { TreeShape } from './model.ts';
import { fusedKernelsAvailable } from './tfjsFused/kernels.ts';
import { disposeFusedLayout, fusedLosses, makeFusedLayout, type FusedLayout } from './tfjsFused/fusedGraph.ts';
import { batchedLosses, bypassMask, type GraphData, type LossInputs, type Losses } from './tfjsGraph.ts';

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPS = 1e-8;
/** float32 cannot hold the reference's 1e300: clamp at float32's range instead (squares overflow alike). */
const F32_MAX = 3.4e38;

/** A [R, …] parameter tensor's host copy: valid when `fresh`, ahead of the device when `dirty`. */
interface Mirror {
  host: Float32Array;
  fresh: boolean;
  dirty: boolean;
}

export class TfjsEngine implements TrainEngine {
  readonly name = 'tfjs' as const;
  readonly backend: string;
  private readonly layout: FusedLayout | null;
  readonly shape: TreeShape;
  readonly restarts: number;
  private readonly R: number;
  private readonly leaf: tf.Variable;
  private readonly gate: tf.Variable;
  private mLeaf: tf.Tensor;
  private vLeaf: tf.Tensor;
  private mGate: tf.Tensor;
  private vGate: tf.Tensor;
  private readonly g: GraphData;
  /** Adam step count per restart (host only: the device gets the bias corrections). */
  private readonly t: Float64Array;
  private lr: number;
  private readonly cur: { leaf: Mirror; gate: Mirror };
  /** Restarts whose Adam state is to be zeroed before the next step (resetOptimizer is lazy too). */
  private readonly resetMask: Float32Array;
  private resetPending = false;

  constructor(private readonly opts: EngineOptions) {
    const backend = tf.getBackend();
    const fused = opts.tfjsGraph !== 'composite' && fusedKernelsAvailable();
    if (opts.tfjsGraph === 'fused' && !fused)
      throw new Error(`the fused tfjs graph has no kernels on the ${backend} backend (cpu and WebGL 2 have them)`);
    // As the native engine says "float64 simd": the cockpit's engine line shows which graph trains.
    this.backend = fused ? `${backend} fused` : backend;
    this.shape = opts.shape;
    this.R = this.restarts = opts.restarts;
    const { nLeaves, nCols, nInternal, nLeafParams } = opts.shape;
    const R = this.R;
    this.leaf = tf.variable(tf.zeros([R, nLeaves, nCols]));
    this.gate = tf.variable(tf.zeros([R, nInternal, 2]));
    this.mLeaf = tf.zeros([R, nLeaves, nCols]);
    this.vLeaf = tf.zeros([R, nLeaves, nCols]);
    this.mGate = tf.zeros([R, nInternal, 2]);
    this.vGate = tf.zeros([R, nInternal, 2]);
    const mirror = (size: number): Mirror => ({ host: new Float32Array(size), fresh: true, dirty: false });
    this.cur = { leaf: mirror(R * nLeafParams), gate: mirror(R * 2 * nInternal) };
    this.resetMask = new Float32Array(R).fill(1);
    this.g = graphData(opts);
    this.t = new Float64Array(R);
    this.lr = opts.lr;
    this.layout = fused ? makeFusedLayout(opts.shape, opts.data.target) : null;
  }

  get graph(): TfjsGraph {
    return this.layout ? 'fused' : 'composite';
  }

  private losses(x: Omit<LossInputs, 'leaf' | 'gate'>, withPenalties: boolean): Losses {
    const inputs = { ...x, leaf: this.leaf, gate: this.gate };
    return this.layout
      ? fusedLosses(this.g, this.layout, inputs, withPenalties)
      : batchedLosses(this.g, inputs, withPenalties);
  }

  /** Uploads host writes (setParams) and applies pending optimiser resets, once, before the device computes. */
  private flush(): void {
    const { leaf, gate } = this.cur;
    if (leaf.dirty || gate.dirty) {
      tf.tidy(() => {
        this.leaf.assign(tf.tensor(leaf.host, this.leaf.shape));
        this.gate.assign(tf.tensor(gate.host, this.gate.shape));
      });
      leaf.dirty = gate.dirty = false;
    }
    if (this.resetPending) {
      const next = tf.tidy(() => {
        const k = tf.tensor(this.resetMask, [this.R, 1, 1]);
        return [this.mLeaf, this.vLeaf, this.mGate, this.vGate].map((x) => tf.mul(x, k));
      });
      tf.dispose([this.mLeaf, this.vLeaf, this.mGate, this.vGate]);
      [this.mLeaf, this.vLeaf, this.mGate, this.vGate] = next;
      this.resetMask.fill(1);
      this.resetPending = false;
    }
  }

  step(ctl: StepControl, out: StepOutput): void {
    this.flush();
    const R = this.R;
    // Bias corrections for the step each restart would take; applied only where the device finds it finite.
    const stepSize = new Float32Array(R);
    const bc2 = new Float32Array(R);
    for (let r = 0; r < R; r++) {
      const t = this.t[r] + 1;
      stepSize[r] = (this.lr * ctl.lrMult[r]) / (1 - BETA1 ** t);
      bc2[r] = Math.sqrt(1 - BETA2 ** t);
    }
    const res = tf.tidy(() => {
      const tau = tf.tensor1d(Float32Array.from(ctl.tau));
      const lamEnt = tf.tensor1d(Float32Array.from(ctl.lamEnt));
      const lamBin = tf.tensor1d(Float32Array.from(ctl.lamBin));
      const active = tf.tensor1d(Float32Array.from(ctl.active));
      let parts: { total: tf.Tensor1D; data: tf.Tensor1D } | null = null;
      const bypass = bypassMask(this.gate, tau, R);
      const { value, grads } = tf.variableGrads(() => {
        const lp = this.losses({ bypass, tau, lamEnt, lamBin }, true);
        // variableGrads disposes everything but its result; the per-restart losses are kept for the read-back.
        parts = { total: tf.keep(lp.total), data: tf.keep(lp.data) };
        // No op here mixes restarts, so a non-finite restart's NaN gradient stays in its own rows (and it is
        // not updated); masking by finiteness inside the tape would need a gradient for LogicalAnd.
        return tf.sum(tf.mul(parts.total, active)) as tf.Scalar;
      }, [this.leaf, this.gate]);
      value.dispose();
      const p = parts as unknown as { total: tf.Tensor1D; data: tf.Tensor1D };
      const gl = grads[this.leaf.name];
      const gg = grads[this.gate.name];
      const norm = tf.sqrt(tf.add(tf.sum(tf.square(gl), [1, 2]), tf.sum(tf.square(gg), [1, 2])));
      // The update mask: active, finite loss, finite gradient norm (as the native engine decides per restart).
      const okBool = tf.logicalAnd(tf.greater(active, 0), tf.logicalAnd(tf.isFinite(p.total), tf.isFinite(norm)));
      const ok = tf.cast(okBool, 'float32');
      const u = tf.reshape(ok, [R, 1, 1]);
      const st = tf.tensor(stepSize, [R, 1, 1]);
      const b2 = tf.tensor(bc2, [R, 1, 1]);
      // Zero (not NaN) for the restarts left alone, so their blended Adam state below stays exactly as it was.
      const clip = tf.minimum(1, tf.div(this.opts.gradClip, tf.add(norm, 1e-6)));
      const cf = tf.reshape(tf.where(okBool, clip, tf.zerosLike(clip)), [R, 1, 1]);
      const keep = tf.sub(1, u);
      const adam = (prm: tf.Tensor, grad: tf.Tensor, m: tf.Tensor, v: tf.Tensor) => {
        const gc = tf.where(tf.isFinite(grad), tf.mul(grad, cf), tf.zerosLike(grad));
        const m2 = tf.add(tf.mul(u, tf.add(tf.mul(BETA1, m), tf.mul(1 - BETA1, gc))), tf.mul(keep, m));
        const v2 = tf.add(tf.mul(u, tf.add(tf.mul(BETA2, v), tf.mul(1 - BETA2, tf.square(gc)))), tf.mul(keep, v));
        const p2 = tf.sub(prm, tf.mul(tf.mul(u, st), tf.div(m2, tf.add(tf.div(tf.sqrt(v2), tf.add(b2, keep)), EPS))));
        return { p2, m2, v2 };
      };
      const readBack = tf.stack([p.total, p.data, ok]);
      // Kept out of variableGrads' disposal above, so they would outlive this tidy too: freed here.
      tf.dispose([p.total, p.data]);
      return {
        readBack,
        l: adam(this.leaf, gl, this.mLeaf, this.vLeaf),
        g: adam(this.gate, gg, this.mGate, this.vGate),
      };
    });
    tf.dispose([this.mLeaf, this.vLeaf, this.mGate, this.vGate]);
    this.mLeaf = res.l.m2;
    this.vLeaf = res.l.v2;
    this.mGate = res.g.m2;
    this.vGate = res.g.v2;
    this.leaf.assign(res.l.p2);
    this.gate.assign(res.g.p2);
    res.l.p2.dispose();
    res.g.p2.dispose();
    // The one read-back of the step; everything above is already enqueued.
    const both = res.readBack.dataSync() as Float32Array;
    res.readBack.dispose();
    for (let r = 0; r < R; r++) {
      out.total[r] = both[r];
      out.data[r] = both[R + r];
      out.finite[r] = both[2 * R + r] === 1 ? 1 : 0;
      if (out.finite[r]) this.t[r]++;
    }
    // The new parameters are on the device only.
    this.cur.leaf.fresh = this.cur.gate.fresh = false;
  }

  evalMse(tau: number, active: Uint8Array, out: Float64Array): void {
    this.flush();
    const vals = tf.tidy(() => {
      const t = tf.fill([this.R], tau);
      const z = tf.zeros([this.R]);
      return this.losses({ bypass: bypassMask(this.gate, t, this.R), tau: t, lamEnt: z, lamBin: z }, false).data;
    });
    const d = vals.dataSync();
    vals.dispose();
    for (let r = 0; r < this.R; r++) if (active[r]) out[r] = d[r];
  }

  /** Makes a mirror current (one download of the whole tensor) unless it already is. */
  private sync(m: Mirror, t: tf.Tensor): Float32Array {
    if (!m.fresh && !m.dirty) {
      m.host.set(t.dataSync() as Float32Array);
      m.fresh = true;
    }
    return m.host;
  }

  private rows(leaf: Float32Array, gate: Float32Array, r: number, out: Float64Array): void {
    const { nLeafParams, nInternal } = this.shape;
    for (let i = 0; i < nLeafParams; i++) out[i] = leaf[r * nLeafParams + i];
    for (let j = 0; j < 2 * nInternal; j++) out[nLeafParams + j] = gate[r * 2 * nInternal + j];
  }

  getParams(r: number, out: Float64Array): void {
    this.rows(this.sync(this.cur.leaf, this.leaf), this.sync(this.cur.gate, this.gate), r, out);
  }

  setParams(r: number, params: ArrayLike<number>): void {
    const { nLeafParams, nInternal } = this.shape;
    const l = this.sync(this.cur.leaf, this.leaf);
    const g = this.sync(this.cur.gate, this.gate);
    for (let i = 0; i < nLeafParams; i++) l[r * nLeafParams + i] = params[i];
    for (let j = 0; j < 2 * nInternal; j++) g[r * 2 * nInternal + j] = params[nLeafParams + j];
    this.cur.leaf.dirty = this.cur.gate.dirty = true;
  }

  resetOptimizer(r: number): void {
    this.resetMask[r] = 0;
    this.resetPending = true;
    this.t[r] = 0;
  }

  setLr(lr: number): void {
    this.lr = lr;
  }

  dispose(): void {
    tf.dispose([
      this.leaf,
      this.gate,
      this.mLeaf,
      this.vLeaf,
      this.mGate,
      this.vGate,
      this.g.feats,
      this.g.target,
      this.g.one,
      this.g.zero,
    ]);
    this.g.weight?.dispose();
    if (this.layout) disposeFusedLayout(this.layout);
  }
}

/** The data and constants of the loss graph, on the current backend. */
export function graphData(opts: EngineOptions): GraphData {
  const { shape, data } = opts;
  const n = data.n;
  const rows = [new Float32Array(n).fill(1), ...data.x.map((c) => Float32Array.from(c))];
  const flat = new Float32Array(shape.nCols * n);
  rows.forEach((r, k) => flat.set(r, k * n));
  const w = data.weight;
  return {
    shape,
    R: opts.restarts,
    n,
    feats: tf.tensor2d(flat, [shape.nCols, n]),
    target: tf.tensor(Float32Array.from(data.target), [1, n]),
    weight: w ? tf.tensor(Float32Array.from(w), [1, n]) : null,
    clamp: Math.min(opts.emlClamp, F32_MAX),
    one: tf.scalar(1),
    zero: tf.scalar(0),
    lamInter: opts.lamInter,
    interThreshold: opts.interThreshold,
  };
}

/**
 * Select the first backend of `chain` that starts; setBackend resolves false (it does not throw) on failure, so
 * both its result and getBackend() are checked. Returns the backend in use.
 */
export async function selectBackend(chain: readonly string[]): Promise<string> {
  for (const name of chain) {
    try {
      if ((await tf.setBackend(name)) && tf.getBackend() === name) {
        await tf.ready();
        return name;
      }
    } catch {
      // next in the chain
    }
  }
  throw new Error(`no tfjs backend of ${chain.join(', ')} could start`);
}

export async function createTfjsEngine(opts: EngineOptions, chain: readonly string[] = ['cpu']): Promise<TfjsEngine> {
  await selectBackend(chain);
  return new TfjsEngine(opts);
}

/** For Node (tests, bench): the cpu backend, selected synchronously (it is registered by the import above). */
export function createTfjsEngineSync(opts: EngineOptions, backend = 'cpu'): TfjsEngine {
  if (tf.getBackend() !== backend) void tf.setBackend(backend);
  return new TfjsEngine(opts);
}
