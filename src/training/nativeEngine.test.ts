import { describe, expect, it } from 'vitest';
import { treeShape } from './model.ts';
import { NativeTree } from './nativeEngine.ts';
import { Prng } from './prng.ts';
import { gridData, targetTree } from './targets.ts';

/** Central differences of the total loss vs the hand-written reverse mode. */
function checkGradient(
  depth: number,
  seed: number,
  tau: number,
  lamEnt: number,
  lamBin: number,
  lamInter: number,
  interThr = 50,
) {
  const data = gridData(targetTree('eml_depth2'), 1, 3, 0.4);
  const shape = treeShape(depth, 2);
  const tree = new NativeTree(shape, data, 1e300, interThr);
  const rng = new Prng(seed);
  const params = Float64Array.from(
    { length: shape.nParams },
    (_, i) => rng.normal() + (i >= shape.nLeafParams ? 1.5 : 0),
  );
  const grad = new Float64Array(shape.nParams);
  const f0 = tree.lossAndGrad(params, tau, lamEnt, lamBin, lamInter, grad);
  expect(Number.isFinite(f0)).toBe(true);
  const scratch = new Float64Array(shape.nParams);
  let worst = 0;
  // Roundoff in the differences scales with the loss, so small components are compared against the largest one.
  const floor = Math.max(1e-3, ...Array.from(grad, Math.abs)) * 1e-3;
  for (let i = 0; i < shape.nParams; i++) {
    const h = 1e-6;
    params[i] += h;
    const fp = tree.lossAndGrad(params, tau, lamEnt, lamBin, lamInter, scratch);
    params[i] -= 2 * h;
    const fm = tree.lossAndGrad(params, tau, lamEnt, lamBin, lamInter, scratch);
    params[i] += h;
    const fd = (fp - fm) / (2 * h);
    worst = Math.max(worst, Math.abs(fd - grad[i]) / Math.max(floor, Math.abs(fd), Math.abs(grad[i])));
  }
  return worst;
}

describe('native reverse mode', () => {
  it('matches finite differences at depth 2 (data loss only)', () => {
    for (const seed of [1, 2, 3]) expect(checkGradient(2, seed, 2.5, 0, 0, 0)).toBeLessThan(1e-5);
  });
  it('matches finite differences at depth 3 with every penalty on', () => {
    for (const seed of [4, 5]) expect(checkGradient(3, seed, 0.7, 0.02, 0.02, 1e-4, 1)).toBeLessThan(1e-5);
  });
  it('matches finite differences at depth 3 with complex intermediates (low τ)', () => {
    for (const seed of [6, 7, 8]) expect(checkGradient(3, seed, 0.3, 0.01, 0.01, 1e-4)).toBeLessThan(1e-3);
  });
});
