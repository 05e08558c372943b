/**
 * The tfjs engine: the same model as nativeEngine.ts, float32, vectorised per tree level over
 * [restarts, nodes of the level, points], so the kernels per step grow with the depth, not with the node count.
 * Complex values are (re, im) tensor pairs (tfjs has no complex autodiff); log uses atan2 for the principal branch.
 * Adam is written out here because every restart has its own learning-rate multiplier, update mask and step count.
 * Import this module lazily (inside the worker, or in Node for tests/bench): it pulls in tfjs-core.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import type { EngineOptions, StepControl, StepOutput, TrainEngine } from './engine.ts';
import { BYPASS_THR, type TreeShape } from './model.ts';

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPS = 1e-8;
/** float32 cannot hold the reference's 1e300: clamp at float32's range instead (squares overflow alike). */
const F32_MAX = 3.4e38;
/** In float32, 1 − 2.22e−16 rounds to 1; the bypass test becomes s ≥ 1, which is the same set of gates. */
const BYPASS32 = Math.fround(BYPASS_THR);

export class TfjsEngine implements TrainEngine {
  readonly name = 'tfjs' as const;
  readonly backend: string;
  readonly shape: TreeShape;
  readonly restarts: number;
  private readonly R: number;
  private readonly leaf: tf.Variable;
  private readonly gate: tf.Variable;
  private mLeaf: tf.Tensor;
  private vLeaf: tf.Tensor;
  private mGate: tf.Tensor;
  private vGate: tf.Tensor;
  private preLeaf: tf.Tensor;
  private preGate: tf.Tensor;
  private readonly feats: tf.Tensor2D;
  private readonly target: tf.Tensor;
  /** [1, n] point weights (mean 1), or null for the plain mean. */
  private readonly weight: tf.Tensor | null;
  private readonly t: Float64Array;
  private lr: number;
  private readonly clamp: number;

  constructor(private readonly opts: EngineOptions) {
    this.backend = tf.getBackend();
    this.shape = opts.shape;
    this.R = this.restarts = opts.restarts;
    const { nLeaves, nCols, nInternal } = opts.shape;
    const R = this.R;
    this.leaf = tf.variable(tf.zeros([R, nLeaves, nCols]));
    this.gate = tf.variable(tf.zeros([R, nInternal, 2]));
    this.mLeaf = tf.zeros([R, nLeaves, nCols]);
    this.vLeaf = tf.zeros([R, nLeaves, nCols]);
    this.mGate = tf.zeros([R, nInternal, 2]);
    this.vGate = tf.zeros([R, nInternal, 2]);
    this.preLeaf = tf.zeros([R, nLeaves, nCols]);
    this.preGate = tf.zeros([R, nInternal, 2]);
    const n = opts.data.n;
    const rows = [new Float32Array(n).fill(1), ...opts.data.x.map((c) => Float32Array.from(c))];
    const flat = new Float32Array(nCols * n);
    rows.forEach((r, k) => flat.set(r, k * n));
    this.feats = tf.tensor2d(flat, [nCols, n]);
    this.target = tf.tensor(Float32Array.from(opts.data.target), [1, n]);
    const w = opts.data.weight;
    this.weight = w ? tf.tensor(Float32Array.from(w), [1, n]) : null;
    this.t = new Float64Array(R);
    this.lr = opts.lr;
    this.clamp = Math.min(opts.emlClamp, F32_MAX);
  }

  /** Per-restart losses: [total, data] each [R]. */
  private losses(
    leaf: tf.Tensor,
    gate: tf.Tensor,
    tau: tf.Tensor,
    lamEnt: tf.Tensor,
    lamBin: tf.Tensor,
    withPenalties: boolean,
  ): { total: tf.Tensor1D; data: tf.Tensor1D } {
    const { depth, nLeaves, nCols } = this.shape;
    const R = this.R;
    const n = this.opts.data.n;
    const tau3 = tf.reshape(tau, [R, 1, 1]);
    const w = tf.softmax(tf.div(leaf, tau3));
    let re: tf.Tensor = tf.reshape(tf.matMul(tf.reshape(w, [R * nLeaves, nCols]), this.feats), [R, nLeaves, n]);
    let im: tf.Tensor = tf.zerosLike(re);
    const s = tf.sigmoid(tf.div(gate, tau3));
    const C = this.clamp;
    const interParts: tf.Tensor[] = [];
    for (let L = depth - 1; L >= 0; L--) {
      const size = 2 ** L;
      const start = 2 ** depth - 2 ** (L + 1);
      const pr = tf.reshape(re, [R, size, 2, n]);
      const pi = tf.reshape(im, [R, size, 2, n]);
      const side = (k: 0 | 1) => {
        const sv = tf.slice(s, [0, start, k], [R, size, 1]);
        const cre = tf.reshape(tf.slice(pr, [0, 0, k, 0], [R, size, 1, n]), [R, size, n]);
        const cim = tf.reshape(tf.slice(pi, [0, 0, k, 0], [R, size, 1, n]), [R, size, n]);
        const u = tf.sub(1, sv);
        const by = tf.tile(tf.greaterEqual(sv, BYPASS32 < 1 ? BYPASS32 : 1), [1, 1, n]);
        const bre = tf.add(sv, tf.mul(u, cre));
        const bim = tf.mul(u, cim);
        return { re: tf.where(by, tf.onesLike(bre), bre), im: tf.where(by, tf.zerosLike(bim), bim) };
      };
      const a = side(0);
      const b = side(1);
      const E = tf.exp(a.re);
      const er = tf.mul(E, tf.cos(a.im));
      const ei = tf.mul(E, tf.sin(a.im));
      const lr = tf.mul(0.5, tf.log(tf.add(tf.square(b.re), tf.square(b.im))));
      const li = tf.atan2(b.im, b.re);
      re = scrub(tf.sub(er, lr), C);
      im = scrub(tf.sub(ei, li), C);
      if (withPenalties) {
        const mag = tf.sqrt(tf.add(tf.square(re), tf.square(im)));
        interParts.push(tf.mean(tf.square(tf.relu(tf.sub(mag, this.opts.interThreshold))), [1, 2]));
      }
    }
    const out = tf.reshape(re, [R, n]);
    const oi = tf.reshape(im, [R, n]);
    const sq = tf.add(tf.square(tf.sub(out, this.target)), tf.square(oi));
    const data = tf.mean(this.weight ? tf.mul(this.weight, sq) : sq, 1) as tf.Tensor1D;
    if (!withPenalties) return { total: data, data };
    const inter = tf.div(tf.addN(interParts), depth);
    const mx = tf.max(w, -1);
    const unc = tf.clipByValue(tf.div(tf.sub(1, mx), 2 / 3), 0, 1);
    const H = tf.neg(tf.sum(tf.mul(w, tf.log(tf.add(w, 1e-12))), -1));
    const ent = tf.mean(tf.mul(unc, H), -1);
    const gu = tf.clipByValue(tf.sub(1, tf.abs(tf.sub(tf.mul(2, s), 1))), 0, 1);
    const bin = tf.mean(tf.mul(tf.mul(s, tf.sub(1, s)), gu), [1, 2]);
    const total = tf.addN([
      data,
      tf.mul(lamEnt, ent),
      tf.mul(lamBin, bin),
      tf.mul(this.opts.lamInter, inter),
    ]) as tf.Tensor1D;
    return { total, data };
  }

  step(ctl: StepControl, out: StepOutput): void {
    const R = this.R;
    const tau = tf.tensor1d(Float32Array.from(ctl.tau));
    const lamEnt = tf.tensor1d(Float32Array.from(ctl.lamEnt));
    const lamBin = tf.tensor1d(Float32Array.from(ctl.lamBin));
    const active = tf.tensor1d(Float32Array.from(ctl.active));
    let both: Float32Array;
    let grads: { leaf: tf.Tensor; gate: tf.Tensor; norm: tf.Tensor };
    try {
      const res = tf.tidy(() => {
        let parts: { total: tf.Tensor1D; data: tf.Tensor1D } | null = null;
        const { value, grads: g } = tf.variableGrads(() => {
          const lp = this.losses(this.leaf, this.gate, tau, lamEnt, lamBin, true);
          // variableGrads disposes everything but its result; the per-restart losses are kept for the read-back.
          parts = { total: tf.keep(lp.total), data: tf.keep(lp.data) };
          // No op here mixes restarts, so a non-finite restart's NaN gradient stays in its own rows (and it is
          // not updated); masking by finiteness inside the tape would need a gradient for LogicalAnd.
          return tf.sum(tf.mul(parts.total, active)) as tf.Scalar;
        }, [this.leaf, this.gate]);
        value.dispose();
        const p = parts as unknown as { total: tf.Tensor1D; data: tf.Tensor1D };
        const gl = g[this.leaf.name];
        const gg = g[this.gate.name];
        const norm = tf.sqrt(tf.add(tf.sum(tf.square(gl), [1, 2]), tf.sum(tf.square(gg), [1, 2])));
        const both = tf.stack([p.total, p.data, norm]);
        tf.dispose([p.total, p.data]);
        return { both, leaf: gl, gate: gg, norm };
      });
      both = res.both.dataSync() as Float32Array;
      res.both.dispose();
      grads = res;
    } finally {
      tau.dispose();
      lamEnt.dispose();
      lamBin.dispose();
      active.dispose();
    }
    const upd = new Float32Array(R);
    const step = new Float32Array(R);
    const bc2 = new Float32Array(R);
    const coef = new Float32Array(R);
    for (let r = 0; r < R; r++) {
      out.total[r] = both[r];
      out.data[r] = both[R + r];
      const norm = both[2 * R + r];
      const ok = ctl.active[r] === 1 && Number.isFinite(both[r]) && Number.isFinite(norm);
      out.finite[r] = ok ? 1 : 0;
      if (!ok) continue;
      upd[r] = 1;
      const t = ++this.t[r];
      step[r] = (this.lr * ctl.lrMult[r]) / (1 - BETA1 ** t);
      bc2[r] = Math.sqrt(1 - BETA2 ** t);
      coef[r] = Math.min(1, this.opts.gradClip / (norm + 1e-6));
    }
    const g = grads!;
    const next = tf.tidy(() => {
      const u = tf.tensor(upd, [R, 1, 1]);
      const st = tf.tensor(step, [R, 1, 1]);
      const b2 = tf.tensor(bc2, [R, 1, 1]);
      const cf = tf.tensor(coef, [R, 1, 1]);
      const adam = (p: tf.Tensor, grad: tf.Tensor, m: tf.Tensor, v: tf.Tensor) => {
        const gc = tf.where(tf.isFinite(grad), tf.mul(grad, cf), tf.zerosLike(grad));
        const m2 = tf.add(tf.mul(u, tf.add(tf.mul(BETA1, m), tf.mul(1 - BETA1, gc))), tf.mul(tf.sub(1, u), m));
        const v2 = tf.add(
          tf.mul(u, tf.add(tf.mul(BETA2, v), tf.mul(1 - BETA2, tf.square(gc)))),
          tf.mul(tf.sub(1, u), v),
        );
        const p2 = tf.sub(
          p,
          tf.mul(tf.mul(u, st), tf.div(m2, tf.add(tf.div(tf.sqrt(v2), tf.add(b2, tf.sub(1, u))), EPS))),
        );
        return { p2, m2, v2 };
      };
      return {
        l: adam(this.leaf, g.leaf, this.mLeaf, this.vLeaf),
        g: adam(this.gate, g.gate, this.mGate, this.vGate),
        preL: tf.clone(this.leaf),
        preG: tf.clone(this.gate),
      };
    });
    g.leaf.dispose();
    g.gate.dispose();
    g.norm.dispose();
    tf.dispose([this.mLeaf, this.vLeaf, this.mGate, this.vGate, this.preLeaf, this.preGate]);
    this.mLeaf = next.l.m2;
    this.vLeaf = next.l.v2;
    this.mGate = next.g.m2;
    this.vGate = next.g.v2;
    this.preLeaf = next.preL;
    this.preGate = next.preG;
    this.leaf.assign(next.l.p2);
    this.gate.assign(next.g.p2);
    next.l.p2.dispose();
    next.g.p2.dispose();
  }

  evalMse(tau: number, active: Uint8Array, out: Float64Array): void {
    const vals = tf.tidy(() => {
      const t = tf.fill([this.R], tau);
      const z = tf.zeros([this.R]);
      return this.losses(this.leaf, this.gate, t, z, z, false).data;
    });
    const d = vals.dataSync();
    vals.dispose();
    for (let r = 0; r < this.R; r++) if (active[r]) out[r] = d[r];
  }

  private rows(leaf: tf.Tensor, gate: tf.Tensor, r: number, out: Float64Array): void {
    const { nLeafParams, nInternal } = this.shape;
    const l = leaf.dataSync();
    const g = gate.dataSync();
    for (let i = 0; i < nLeafParams; i++) out[i] = l[r * nLeafParams + i];
    for (let j = 0; j < 2 * nInternal; j++) out[nLeafParams + j] = g[r * 2 * nInternal + j];
  }

  getParams(r: number, out: Float64Array): void {
    this.rows(this.leaf, this.gate, r, out);
  }

  getPreStepParams(r: number, out: Float64Array): void {
    this.rows(this.preLeaf, this.preGate, r, out);
  }

  setParams(r: number, params: ArrayLike<number>): void {
    const { nLeafParams, nInternal } = this.shape;
    const l = Float32Array.from(this.leaf.dataSync());
    const g = Float32Array.from(this.gate.dataSync());
    for (let i = 0; i < nLeafParams; i++) l[r * nLeafParams + i] = params[i];
    for (let j = 0; j < 2 * nInternal; j++) g[r * 2 * nInternal + j] = params[nLeafParams + j];
    tf.tidy(() => {
      this.leaf.assign(tf.tensor(l, this.leaf.shape));
      this.gate.assign(tf.tensor(g, this.gate.shape));
    });
  }

  resetOptimizer(r: number): void {
    const keep = new Float32Array(this.R).fill(1);
    keep[r] = 0;
    const next = tf.tidy(() => {
      const k = tf.tensor(keep, [this.R, 1, 1]);
      return [this.mLeaf, this.vLeaf, this.mGate, this.vGate].map((x) => tf.mul(x, k));
    });
    tf.dispose([this.mLeaf, this.vLeaf, this.mGate, this.vGate]);
    [this.mLeaf, this.vLeaf, this.mGate, this.vGate] = next;
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
      this.preLeaf,
      this.preGate,
      this.feats,
      this.target,
    ]);
    this.weight?.dispose();
  }
}

/** The reference's per-node guard: NaN → 0, ±∞ → ±C, then clamp (no gradient where the value was changed). */
function scrub(x: tf.Tensor, C: number): tf.Tensor {
  return tf.clipByValue(tf.where(tf.isNaN(x), tf.zerosLike(x), x), -C, C);
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
