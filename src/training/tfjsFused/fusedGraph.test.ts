import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineOptions } from '../engine.ts';
import { treeShape } from '../model.ts';
import { Prng } from '../prng.ts';
import type { TrainingData } from '../targets.ts';
import { graphData, TfjsEngine } from '../tfjsEngine.ts';
import { batchedLosses, bypassMask } from '../tfjsGraph.ts';
import { fusedKernelsAvailable } from './kernels.ts';
import { fusedLosses, leafOrder, levelGateIndex, makeFusedLayout } from './fusedGraph.ts';

/**
 * The fused graph (one kernel per level, cpu backend) against the composite graph of tfjs ops it replaces: the same
 * per-restart losses and the same gradients, on data that reach complex values (x on [−3, 3], so logarithms of
 * negative numbers) with gates of every kind (bypassed, closed, half open) and per-restart τ and penalty weights.
 */
beforeAll(async () => {
  await tf.setBackend('cpu');
});

function data(nVars: number, n: number, rng: Prng): TrainingData {
  const x = Array.from({ length: nVars }, () => Float64Array.from({ length: n }, () => -3 + 6 * rng.uniform()));
  const target = Float64Array.from({ length: n }, (_, i) => Math.exp(x[0][i]) - x[nVars - 1][i]);
  return { vars: nVars === 1 ? ['x'] : ['x', 'y'], x, target, n };
}

function compare(depth: number, nVars: number, R: number, seed: number, weighted: boolean) {
  const rng = new Prng(seed);
  const d = data(nVars, 37, rng);
  if (weighted) d.weight = Float64Array.from({ length: d.n }, (_, i) => (i % 3) + 0.5);
  const shape = treeShape(depth, nVars);
  const opts: EngineOptions = {
    shape,
    data: d,
    restarts: R,
    lr: 0.01,
    lamInter: 1e-2,
    interThreshold: 3,
    emlClamp: 1e300,
    gradClip: 1,
  };
  const normal = () => rng.normal();
  const gates = Float32Array.from({ length: R * shape.nInternal * 2 }, (_, k) =>
    k % 7 === 0 ? 40 : k % 11 === 0 ? -40 : 2 * normal(),
  );
  return tf.tidy(() => {
    const g = graphData(opts);
    const lay = makeFusedLayout(shape, d.target);
    const leaf = tf.variable(
      tf.tensor(
        Float32Array.from({ length: R * shape.nLeafParams }, () => 2 * normal()),
        [R, shape.nLeaves, shape.nCols],
      ),
    );
    const gate = tf.variable(tf.tensor(gates, [R, shape.nInternal, 2]));
    const tau = tf.tensor1d(Float32Array.from({ length: R }, (_, r) => 0.6 + 0.4 * r));
    const lamEnt = tf.tensor1d(Float32Array.from({ length: R }, (_, r) => 0.01 * r));
    const lamBin = tf.tensor1d(Float32Array.from({ length: R }, (_, r) => 0.02 * (R - r)));
    const bypass = bypassMask(gate, tau, R);
    const run = (fused: boolean) => {
      let parts: tf.Tensor[] = [];
      const { grads } = tf.variableGrads(() => {
        const x = { leaf, gate, bypass, tau, lamEnt, lamBin };
        const l = fused ? fusedLosses(g, lay, x, true) : batchedLosses(g, x, true);
        parts = [tf.keep(l.total), tf.keep(l.data)];
        return tf.sum(l.total) as tf.Scalar;
      }, [leaf, gate]);
      return {
        total: parts[0].arraySync() as number[],
        data: parts[1].arraySync() as number[],
        leaf: grads[leaf.name].arraySync() as number[][][],
        gate: grads[gate.name].arraySync() as number[][][],
      };
    };
    return { fused: run(true), composite: run(false) };
  });
}

/** Per restart: equal within rel of the restart's largest magnitude (float32 graphs that round differently). */
function close(a: number[][][] | number[], b: number[][][] | number[], rel: number): void {
  const fa = (a as unknown[]).map((x) => [x].flat(2) as number[]);
  const fb = (b as unknown[]).map((x) => [x].flat(2) as number[]);
  fa.forEach((row, r) => {
    const scale = Math.max(...fb[r].map(Math.abs), 1e-30);
    row.forEach((v, k) => expect(Math.abs(v - fb[r][k])).toBeLessThanOrEqual(rel * scale));
  });
}

describe('fused tfjs graph (cpu kernels) vs the composite graph', () => {
  it('has kernels on the cpu backend', () => {
    expect(fusedKernelsAvailable()).toBe(true);
  });

  for (const [depth, nVars, R, seed, weighted] of [
    [1, 1, 2, 1, false],
    [2, 2, 3, 2, true],
    [3, 1, 4, 3, false],
    [3, 2, 5, 4, false],
    [4, 2, 3, 5, true],
  ] as const)
    it(`depth ${depth}, ${nVars} variable(s), ${R} restarts: the same losses and gradients`, () => {
      const { fused, composite } = compare(depth, nVars, R, seed, weighted);
      expect(fused.total.map(Number.isFinite)).toEqual(composite.total.map(Number.isFinite));
      const finite = fused.total.map((v, r) => Number.isFinite(v) && Number.isFinite(composite.total[r]));
      expect(finite.some(Boolean)).toBe(true);
      const keep = <T>(xs: T[]) => xs.filter((_, r) => finite[r]);
      // float32 rounding, compounded through exp at each level: values here reach 1e16 (the penalties of huge
      // intermediates), and a wrong formula or a crossed child would be off by O(1).
      close(keep(fused.total), keep(composite.total), 1e-4);
      close(keep(fused.data), keep(composite.data), 1e-4);
      close(keep(fused.leaf), keep(composite.leaf), 1e-3);
      close(keep(fused.gate), keep(composite.gate), 1e-3);
    });

  it('orders each level as its parents’ left children, then their right children', () => {
    // Depth 2: the bottom level's four children are leaves 0, 2 (left children of nodes 0, 1), then 1, 3.
    expect(leafOrder(2)).toEqual([0, 2, 1, 3]);
    // Its gates: nodes 0, 1 of the bottom level (internal 0, 1), side 0 then side 1, as flat [nInternal, 2] indices.
    expect(levelGateIndex(2, 1)).toEqual([0, 2, 1, 3]);
    // The root (internal 2): left then right.
    expect(levelGateIndex(2, 0)).toEqual([4, 5]);
  });

  it('an engine takes the graph it is asked for, fused by default where the backend has the kernels', () => {
    for (const [asked, got] of [
      [undefined, 'fused'],
      ['fused', 'fused'],
      ['composite', 'composite'],
    ] as const) {
      const e = new TfjsEngine({ ...engineOpts(), tfjsGraph: asked });
      expect(e.graph).toBe(got);
      e.dispose();
    }
  });
});

function engineOpts(): EngineOptions {
  const d = data(1, 5, new Prng(9));
  return {
    shape: treeShape(2, 1),
    data: d,
    restarts: 2,
    lr: 0.01,
    lamInter: 0,
    interThreshold: 50,
    emlClamp: 1e300,
    gradClip: 1,
  };
}
