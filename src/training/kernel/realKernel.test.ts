/**
 * The WebAssembly SIMD kernel of the native engine (realKernel.wat): the committed module is its source compiled,
 * its exp and log are within an ulp of Math's and equal to them on every special value, and a NativeTree on the
 * kernel computes the JavaScript path's losses and gradients within rounding (real nodes, complex nodes, bypassed
 * gates, the overflow penalty, weights, one or two variables, odd point counts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KERNEL_MODULE, kernelModuleText } from '../../../scripts/kernelSource.ts';
import { treeShape } from '../model.ts';
import { NativeTree } from '../nativeTree.ts';
import { Prng } from '../prng.ts';
import { gridData, targetTree, type TrainingData } from '../targets.ts';
import { instantiateRealKernel, KERNEL_SCRATCH_BYTES, realKernelAvailable } from './realKernel.ts';

/** Distance in units in the last place (0 for equal values, NaN = NaN). */
function ulps(a: number, b: number): number {
  if (Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b))) return 0;
  const v = new Float64Array([a, b]);
  const i = new BigInt64Array(v.buffer);
  return Math.abs(Number(i[0] - i[1]));
}

describe('the kernel module', () => {
  it('is the .wat source compiled (npm run build:kernel)', async () => {
    expect(readFileSync(KERNEL_MODULE, 'utf8')).toBe(await kernelModuleText());
  }, 30_000);
  it('runs here (WebAssembly SIMD)', () => {
    expect(realKernelAvailable()).toBe(true);
  });
});

describe('exp and log in the forward pass', () => {
  const made = instantiateRealKernel(1 << 20);
  if (!made) throw new Error('kernel unavailable');
  const { memory, kernel } = made;
  const N = 4096;
  const row = (k: number) => KERNEL_SCRATCH_BYTES + 8 * N * k;
  const [L, R, OUT, ERE, LG, OK] = [0, 1, 2, 3, 4, 5].map(row);
  const view = (at: number, n: number) => new Float64Array(memory.buffer, at, n);
  /** A node with sL = 0 over L = xs and a bypassed right child: its exps are exp(x) exactly as the kernel makes them. */
  const exps = (xs: readonly number[]) => {
    view(L, xs.length).set(xs);
    kernel.forward(L, R, OUT, ERE, OK, xs.length, 0, 0, 0, 1, 1e300, 50, 0, LG);
    return Array.from(view(ERE, xs.length));
  };
  /** sR = 0 over R = xs, left bypassed: the logs, or −1 (the complex path) when some x is not > 0. */
  const logs = (xs: readonly number[]) => {
    view(R, xs.length).set(xs);
    const r = kernel.forward(L, R, OUT, ERE, OK, xs.length, 0, 0, 1, 0, 1e300, 50, 0, LG);
    return r < 0 ? null : Array.from(view(LG, xs.length));
  };
  it('are within 1 ulp of Math.exp / Math.log over their ranges', () => {
    const rng = new Prng(7);
    let worstExp = 0;
    let worstLog = 0;
    for (let rep = 0; rep < 32; rep++) {
      const xe = Array.from({ length: N - (rep % 2) }, (_, i) => (rng.uniform() - 0.5) * (i % 2 ? 1416 : 2));
      exps(xe).forEach((v, i) => (worstExp = Math.max(worstExp, ulps(v, Math.exp(xe[i])))));
      const xl = Array.from({ length: N - (rep % 2) }, (_, i) =>
        i % 3 ? Math.exp((rng.uniform() - 0.5) * 1400) : 1 + (rng.uniform() - 0.5) * 1e-6,
      );
      logs(xl)!.forEach((v, i) => (worstLog = Math.max(worstLog, ulps(v, Math.log(xl[i])))));
    }
    expect(worstExp).toBeLessThanOrEqual(1);
    expect(worstLog).toBeLessThanOrEqual(1);
  });
  it('equal Math on special values (overflow, underflow, subnormals, ±∞, NaN)', () => {
    const xe = [0, -0, 708, -708, 709.78, 709.79, -745.1, -745.2, -800, 1e300, -1e300, Infinity, -Infinity, NaN];
    const expUlps = exps(xe).map((v, i) => ulps(v, Math.exp(xe[i])));
    // Beyond ±708 the pair goes to Math.exp itself: equal there, within an ulp inside.
    expect(expUlps.map((u, i) => u <= (Math.abs(xe[i]) <= 708 ? 1 : 0))).toEqual(xe.map(() => true));
    const xl = [1, 2, 0.5, 5e-324, 1e-310, 2.2250738585072014e-308, 1.7976931348623157e308, Infinity];
    expect(logs(xl)!.map((v, i) => ulps(v, Math.log(xl[i])))).toEqual(xl.map(() => 0));
  });
  it('hands a node with a logarithm of 0, a negative or NaN back to the complex path', () => {
    for (const bad of [0, -0, -1, NaN, -Infinity]) expect(logs([2, 3, bad])).toBeNull();
  });
});

interface Case {
  name: string;
  depth: number;
  data: TrainingData;
  tau: number;
  lamInter: number;
  interThr: number;
  /** Gate logits are offset by this (large values bypass children: s > BYPASS_THR). */
  gateShift: number;
  scale: number;
  /** The per-node clamp (values beyond it are scrubbed and pass no gradient); 1e300 unless given. */
  clamp?: number;
}

function oneVariable(n: number, lo: number, hi: number): TrainingData {
  const x = Float64Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
  return { vars: ['x'], x: [x], target: x.map((v) => Math.exp(v) - 1), n };
}

function weighted(d: TrainingData): TrainingData {
  const w = Float64Array.from({ length: d.n }, (_, i) => 0.5 + (i % 3) / 2);
  const mean = w.reduce((a, b) => a + b, 0) / d.n;
  return { ...d, weight: w.map((v) => v / mean) };
}

const grid = gridData(targetTree('eml_depth3'));
const CASES: Case[] = [
  {
    name: 'paper grid, depth 3',
    depth: 3,
    data: grid,
    tau: 2.5,
    lamInter: 1e-4,
    interThr: 50,
    gateShift: 0,
    scale: 0.5,
  },
  {
    name: 'odd n, one variable, depth 4',
    depth: 4,
    data: oneVariable(37, 0.5, 2),
    tau: 1,
    lamInter: 0,
    interThr: 50,
    gateShift: 0,
    scale: 1,
  },
  {
    name: 'weighted, depth 2',
    depth: 2,
    data: weighted(gridData(targetTree('eml_depth2'), 1, 3, 0.3)),
    tau: 0.7,
    lamInter: 1e-3,
    interThr: 1,
    gateShift: 0,
    scale: 1,
  },
  // Gates from −7 to 11 at τ = 0.1: some children bypassed, others not, a different mix in each trial.
  {
    name: 'bypassed gates, depth 3',
    depth: 3,
    data: oneVariable(21, 1, 3),
    tau: 0.1,
    lamInter: 1e-3,
    interThr: 2,
    gateShift: 2,
    scale: 3,
  },
  {
    name: 'negative inputs (complex logarithms), depth 4',
    depth: 4,
    data: oneVariable(33, -2, 2),
    tau: 1,
    lamInter: 1e-4,
    interThr: 5,
    gateShift: 0,
    scale: 1.5,
  },
  {
    name: 'clamped values (clamp 4), depth 3',
    depth: 3,
    data: oneVariable(41, 0, 3),
    tau: 1,
    lamInter: 0,
    interThr: 50,
    gateShift: 0,
    scale: 2,
    clamp: 4,
  },
  { name: 'far out, depth 5', depth: 5, data: grid, tau: 1, lamInter: 1e-4, interThr: 50, gateShift: 0, scale: 2 },
];

describe('a NativeTree on the kernel agrees with the JavaScript path', () => {
  it.each(CASES)('$name', (c) => {
    const shape = treeShape(c.depth, c.data.x.length);
    const simd = new NativeTree(shape, c.data, c.clamp ?? 1e300, c.interThr, 'simd');
    const js = new NativeTree(shape, c.data, c.clamp ?? 1e300, c.interThr, 'js');
    expect([simd.kernelName, js.kernelName]).toEqual(['simd', 'js']);
    const rng = new Prng(c.depth * 100 + c.data.n);
    let compared = 0;
    for (let trial = 0; trial < 6; trial++) {
      const params = Float64Array.from(
        { length: shape.nParams },
        (_, i) => rng.normal() * c.scale + (i >= shape.nLeafParams ? c.gateShift : 0),
      );
      const gs = new Float64Array(shape.nParams);
      const gj = new Float64Array(shape.nParams);
      const ls = simd.lossAndGrad(params, c.tau, 0.01, 0.01, c.lamInter, gs);
      const lj = js.lossAndGrad(params, c.tau, 0.01, 0.01, c.lamInter, gj);
      if (!Number.isFinite(lj)) {
        expect(Number.isFinite(ls)).toBe(false);
        continue;
      }
      compared++;
      expect(Math.abs(ls - lj)).toBeLessThanOrEqual(1e-12 * Math.abs(lj));
      const near = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
      expect(near(simd.parts.data, js.parts.data) && near(simd.parts.inter, js.parts.inter)).toBe(true);
      expect([simd.parts.entropy, simd.parts.binarity]).toEqual([js.parts.entropy, js.parts.binarity]);
      const big = Math.max(1e-300, ...Array.from(gj, Math.abs));
      for (let i = 0; i < shape.nParams; i++) expect(Math.abs(gs[i] - gj[i])).toBeLessThanOrEqual(1e-9 * big);
    }
    expect(compared).toBeGreaterThan(0);
  });
});
