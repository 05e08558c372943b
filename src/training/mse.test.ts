/**
 * One MSE (mse.ts): the discrete search's check, the snapped tree's verification and the cockpit's fit metrics give
 * the same number for the same tree on the same (weighted) rows (the engine's loss calls the same function).
 */
import { describe, expect, it } from 'vitest';
import { toTrainingData, type Dataset } from '../fit/dataset.ts';
import { evaluateFit } from '../fit/metrics.ts';
import { snapParams, treeShape } from './model.ts';
import { Prng } from './prng.ts';
import { paramsToTree, treeMse } from './snap.ts';
import { SnappedTree } from './snappedTree.ts';

describe('meanSquaredError is the one error', () => {
  it('discrete search, treeMse and evaluateFit agree on weighted rows', () => {
    const rng = new Prng(42);
    const n = 40;
    const x = Float64Array.from({ length: n }, (_, i) => 0.5 + i / 10);
    const ds: Dataset = {
      vars: ['x'],
      x: [x],
      y: Float64Array.from(x, (v) => Math.log(v) + 0.3 * Math.sin(5 * v)),
      w: Float64Array.from({ length: n }, () => 0.2 + 3 * rng.uniform()),
      n,
      rows: Int32Array.from({ length: n }, (_, i) => i),
    };
    const data = toTrainingData(ds);
    const shape = treeShape(3, 1);
    let finite = 0;
    for (let trial = 0; trial < 20; trial++) {
      const raw = Float64Array.from({ length: shape.nParams }, () => 4 * rng.normal());
      const snapped = snapParams(shape, raw, new Float64Array(shape.nParams));
      const tree = paramsToTree(shape, snapped, data.vars);
      const verified = treeMse(tree, data);
      const metrics = evaluateFit(tree, ds).mse;
      const discrete = new SnappedTree(shape, data).fromParams(snapped);
      if (!Number.isFinite(verified)) {
        expect(metrics).toBe(Infinity);
        continue;
      }
      finite++;
      expect(discrete).toBe(verified);
      expect(Math.abs(metrics - verified)).toBeLessThanOrEqual(1e-12 * verified);
    }
    expect(finite).toBeGreaterThanOrEqual(5);
  });
});
