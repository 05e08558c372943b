import { describe, expect, it } from 'vitest';
import { evalValues } from '../fit/search/evalExpr.ts';
import { key } from '../fit/search/expr.ts';
import { emlOf } from '../fit/search/toEml.ts';
import { constIndex, GeneralTree, generalShape } from './generalModel.ts';
import { snappedExpr, trainGeneral } from './generalTrainer.ts';
import { Prng } from './prng.ts';

function table(f: (x: number, y: number) => number, nVars: number, n: number, rng: Prng) {
  const x = Array.from({ length: nVars }, () => Float64Array.from({ length: n }, () => 0.3 + 2 * rng.uniform()));
  const y = Float64Array.from({ length: n }, (_, p) => f(x[0][p], nVars > 1 ? x[1][p] : 0));
  return { x, y, n };
}

describe('generalised EML tree: analytic gradient', () => {
  // Central differences with h = 1e−6 on smooth float64 code agree to ~1e−7 relative; 1e−5 leaves room for the
  // exp/log chains of depth 3 without hiding a wrong term (a missing factor is off by O(1)).
  const RTOL = 1e-5;
  for (const [depth, nVars, seed, tau, lamEnt, weighted] of [
    [1, 1, 1, 1, 0, false],
    [2, 1, 2, 1, 0, false],
    [2, 2, 3, 0.5, 0.03, true],
    [3, 1, 4, 1, 0.01, false],
    [3, 2, 5, 0.7, 0, true],
  ] as const) {
    it(`matches central differences (depth ${depth}, ${nVars} var, τ ${tau}, λ ${lamEnt}${weighted ? ', weighted' : ''})`, () => {
      const rng = new Prng(seed);
      const shape = generalShape(depth, nVars);
      const data = table((x, y) => Math.exp(0.3 * x) - 0.5 * y + 1, nVars, 12, rng);
      const w = weighted ? Float64Array.from({ length: data.n }, () => 0.1 + rng.uniform()) : undefined;
      const tree = new GeneralTree(shape, { ...data, w });
      const params = Float64Array.from({ length: shape.nParams }, (_, i) =>
        i < constIndex(shape, 0) ? 0.8 * rng.normal() : 0.5 + 0.3 * rng.normal(),
      );
      const grad = new Float64Array(shape.nParams);
      const loss = tree.lossAndGrad(params, tau, lamEnt, grad);
      expect(Number.isFinite(loss)).toBe(true);
      const scratch = new Float64Array(shape.nParams);
      let checked = 0;
      for (let i = 0; i < shape.nParams; i++) {
        const h = 1e-6 * Math.max(1, Math.abs(params[i]));
        const p = Float64Array.from(params);
        p[i] += h;
        const up = tree.lossAndGrad(p, tau, lamEnt, scratch);
        p[i] -= 2 * h;
        const down = tree.lossAndGrad(p, tau, lamEnt, scratch);
        const fd = (up - down) / (2 * h);
        const scale = Math.max(Math.abs(fd), Math.abs(grad[i]), 1e-6 * Math.abs(loss));
        expect(Math.abs(fd - grad[i]) / scale, `parameter ${i}: analytic ${grad[i]}, numeric ${fd}`).toBeLessThan(RTOL);
        checked++;
      }
      expect(checked).toBe(shape.nParams);
    });
  }

  it('gives a bottom-level input no child choice', () => {
    const shape = generalShape(2, 1);
    // Logits favouring "child" everywhere: the bottom inputs cannot take it and fall back to another column.
    const params = new Float64Array(shape.nParams);
    for (let s = 0; s < shape.nSlots; s++) params[s * shape.nCols + shape.colChild] = 5;
    const { expr } = snappedExpr(2, 1, params);
    expect(key(expr)).toBe('eml(eml(1,1),eml(1,1))');
  });
});

describe('generalised EML tree: training', () => {
  it('recovers eˣ − 1 = eml(x, eml(1,1)) at depth 2 from exact data (seed 7, ≤ 8 restarts × 3000 steps)', () => {
    const rng = new Prng(11);
    const data = table((x) => Math.exp(x) - 1, 1, 40, rng);
    const r = trainGeneral(data, { depth: 2, seed: 7, restarts: 8, steps: 3000, stopMse: 1e-24 });
    expect(r.mse).toBeLessThan(1e-24);
    expect(r.steps).toBeLessThanOrEqual(8 * 3000);
    // The constant snapped to e: no decimal constant is left, and the pure EML tree is K 5.
    expect(r.params.length).toBe(0);
    const form = emlOf(r.expr, ['x']);
    expect(form?.k).toBe(5);
    const fresh = { x: [Float64Array.from([-1.5, 0.1, 3.7])], n: 3 };
    const got = evalValues(r.expr, fresh, r.params);
    fresh.x[0].forEach((x, i) =>
      expect(Math.abs(got[i] - Math.expm1(x))).toBeLessThan(1e-12 * Math.max(1, Math.exp(x))),
    );
  });

  it('fits with the weights: a heavily down-weighted outlier does not move the law', () => {
    const rng = new Prng(12);
    const data = table((x) => Math.exp(x) - 1, 1, 40, rng);
    const y = Float64Array.from(data.y);
    y[3] += 50;
    y[17] -= 30;
    const w = Float64Array.from({ length: data.n }, (_, i) => (i === 3 || i === 17 ? 1e-12 : 1));
    const r = trainGeneral({ ...data, y, w }, { depth: 2, seed: 7, restarts: 8, steps: 3000, stopMse: 1e-20 });
    expect(r.mse).toBeLessThan(1e-9);
    const got = evalValues(r.expr, { x: data.x, n: data.n }, r.params);
    expect(Math.abs(got[5] - data.y[5])).toBeLessThan(1e-6);
  });
});
