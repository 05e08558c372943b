/**
 * The fused eml kernels on tfjs's cpu backend: plain loops over the backend's float32 arrays, computed in float64
 * and rounded once per output (the composite graph rounds after every op). Layout and inputs: levelMath.ts.
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendKernels, EmlAttrs } from './kernels.ts';
import { excess, excessSlope, nodeTerms, passes, scrub, type NodeTerms } from './levelMath.ts';

/** The part of tfjs's MathBackendCPU the kernels use. */
interface CpuBackend {
  data: { get(id: unknown): { values: unknown } };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
}

const values = (b: CpuBackend, t: TensorInfo) => b.data.get(t.dataId).values as Float32Array;

/** A level's children and gates, read as (re, im) of child q at restart r, point i. */
class Children {
  readonly s: number;
  readonly R: number;
  readonly n: number;
  readonly complex: boolean;
  private readonly c: Float32Array;
  private readonly su: Float32Array;
  /** Row of SU[0, offset] and SU[1, offset], times R. */
  private readonly sRow: number;
  private readonly uRow: number;
  re = 0;
  im = 0;
  constructor(b: CpuBackend, C: TensorInfo, SU: TensorInfo, offset: number) {
    [this.s, this.R, this.n] = [C.shape[0] / 2, C.shape[1], C.shape[2]];
    this.complex = C.shape.length === 4;
    this.c = values(b, C);
    this.su = values(b, SU);
    this.sRow = offset * this.R;
    this.uRow = (SU.shape[1] + offset) * this.R;
  }
  u(q: number, r: number): number {
    return this.su[this.uRow + q * this.R + r];
  }
  /** The value child q enters its node with: S + U·c. */
  mixed(q: number, r: number, i: number): void {
    const g = q * this.R + r;
    const k = g * this.n + i;
    const u = this.su[this.uRow + g];
    const S = this.su[this.sRow + g];
    if (this.complex) {
      this.re = S + u * this.c[2 * k];
      // A bypassed child (U = 0) enters as exactly +0i, whatever the sign of the value it replaces (as native).
      this.im = u === 0 ? 0 : u * this.c[2 * k + 1];
    } else {
      this.re = S + u * this.c[k];
      this.im = 0;
    }
  }
}

const terms: NodeTerms = { E: 0, c: 0, sn: 0, lr: 0, li: 0 };

export const cpuKernels: BackendKernels<CpuBackend> = {
  EmlLevel([C, SU], { clamp, thr, offset }: EmlAttrs, b) {
    const ch = new Children(b, C, SU, offset);
    const { s, R, n } = ch;
    const z = new Float32Array(s * R * n * 2);
    const pen = new Float32Array(R);
    for (let p = 0; p < s; p++)
      for (let r = 0; r < R; r++) {
        let acc = 0;
        for (let i = 0; i < n; i++) {
          ch.mixed(p, r, i);
          const [ar, ai] = [ch.re, ch.im];
          ch.mixed(p + s, r, i);
          const t = nodeTerms(ar, ai, ch.re, ch.im, terms);
          const k = 2 * ((p * R + r) * n + i);
          z[k] = scrub(t.E * t.c - t.lr, clamp);
          z[k + 1] = scrub(t.E * t.sn - t.li, clamp);
          acc += excess(z[k], z[k + 1], thr);
        }
        pen[r] += acc / (s * n);
      }
    return [b.makeTensorInfo([s, R, n, 2], 'float32', z), b.makeTensorInfo([R], 'float32', pen)];
  },

  /**
   * d loss / d(children) (shaped like C) from d loss / d(outputs) dZ and / d(penalty) dP: the sum of the two
   * reaches the raw value where the guard passed it, then each child through its node and its gate (× U).
   */
  EmlLevelGrad([dZ, dP, Z, C, SU], { clamp, thr, offset }: EmlAttrs, b) {
    const ch = new Children(b, C, SU, offset);
    const { s, R, n, complex } = ch;
    const [gz, gp, zv] = [values(b, dZ), values(b, dP), values(b, Z)];
    const w = complex ? 2 : 1;
    const out = new Float32Array(2 * s * R * n * w);
    for (let p = 0; p < s; p++)
      for (let r = 0; r < R; r++) {
        const f = gp[r] / (s * n);
        const [uA, uB] = [ch.u(p, r), ch.u(p + s, r)];
        for (let i = 0; i < n; i++) {
          ch.mixed(p, r, i);
          const [ar, ai] = [ch.re, ch.im];
          ch.mixed(p + s, r, i);
          const [br, bi] = [ch.re, ch.im];
          const t = nodeTerms(ar, ai, br, bi, terms);
          const k = (p * R + r) * n + i;
          const [zr, zi] = [zv[2 * k], zv[2 * k + 1]];
          const gr = passes(t.E * t.c - t.lr, clamp) ? gz[2 * k] + f * excessSlope(zr, zi, thr, zr) : 0;
          const gi = passes(t.E * t.sn - t.li, clamp) ? gz[2 * k + 1] + f * excessSlope(zr, zi, thr, zi) : 0;
          const q2 = br * br + bi * bi;
          const left = w * k;
          const right = w * (((p + s) * R + r) * n + i);
          out[left] = uA * (gr * t.c + gi * t.sn) * t.E;
          out[right] = (uB * (gi * bi - gr * br)) / q2;
          if (complex) {
            out[left + 1] = uA * (gi * t.c - gr * t.sn) * t.E;
            out[right + 1] = (-uB * (gr * bi + gi * br)) / q2;
          }
        }
      }
    return b.makeTensorInfo(C.shape, 'float32', out);
  },

  /**
   * [2, Q, R] like SU, zero outside the level's rows: Σ over points of d loss / d(mixed child) · ∂(mixed)/∂S
   * and ∂/∂U. d(mixed) = d(child) / U; where U = 0 the child is bypassed and S, U are constants (gradient 0).
   */
  EmlGateGrad([dC, C, SU], { offset }: EmlAttrs, b) {
    const [q2s, R, n] = C.shape;
    const Q = SU.shape[1];
    const w = C.shape.length === 4 ? 2 : 1;
    const [d, c, su] = [values(b, dC), values(b, C), values(b, SU)];
    const out = new Float32Array(2 * Q * R);
    for (let g = 0; g < q2s * R; g++) {
      const row = offset * R + g;
      const u = su[Q * R + row];
      if (u === 0) continue;
      let dS = 0;
      let dU = 0;
      for (let k = g * n * w; k < (g + 1) * n * w; k += w) {
        dS += d[k];
        dU += d[k] * c[k] + (w === 2 ? d[k + 1] * c[k + 1] : 0);
      }
      out[row] = dS / u;
      out[Q * R + row] = dU / u;
    }
    return b.makeTensorInfo([2, Q, R], 'float32', out);
  },
};
