import { describe, expect, it } from 'vitest';
import { printMathematica, parseEml } from '../eml/syntax/index.ts';
import { toTrainingData } from '../fit/dataset.ts';
import { copyData } from '../workers/protocol.ts';
import { DiscreteTree } from './discrete.ts';
import { manualLogits } from './init.ts';
import { treeShape, type TreeShape } from './model.ts';
import { NativeTree } from './nativeEngine.ts';
import { Prng } from './prng.ts';
import { paramsToTree, treeMse } from './snap.ts';
import { gridData, targetTree, type TrainingData } from './targets.ts';

/** Seeded positive weights, normalised to mean 1 as producers of TrainingData do. */
function randomWeights(n: number, seed: number): Float64Array {
  const rng = new Prng(seed);
  const w = Float64Array.from({ length: n }, () => 0.05 + 3 * rng.uniform());
  const mean = w.reduce((a, b) => a + b, 0) / n;
  return w.map((v) => v / mean);
}

function withWeight(d: TrainingData, weight: Float64Array): TrainingData {
  return { ...d, weight };
}

function oneHot(shape: TreeShape, expr: string, vars: readonly string[]): Float64Array {
  const p = new Float64Array(shape.nParams);
  manualLogits(shape, parseEml(expr).tree, vars, 24, p);
  return p;
}

describe('weighted data loss, native engine', () => {
  it('the weighted gradient matches central finite differences', () => {
    const base = gridData(targetTree('eml_depth2'), 1, 3, 0.4);
    const data = withWeight(base, randomWeights(base.n, 3));
    const shape = treeShape(2, 2);
    const tree = new NativeTree(shape, data);
    for (const seed of [11, 12, 13]) {
      const rng = new Prng(seed);
      const params = Float64Array.from(
        { length: shape.nParams },
        (_, i) => rng.normal() + (i >= shape.nLeafParams ? 1.5 : 0),
      );
      const grad = new Float64Array(shape.nParams);
      const scratch = new Float64Array(shape.nParams);
      expect(Number.isFinite(tree.lossAndGrad(params, 2.5, 0.01, 0.01, 0, grad))).toBe(true);
      // Roundoff in the differences scales with the loss, so small components are compared against the largest one.
      const floor = Math.max(1e-3, ...Array.from(grad, Math.abs)) * 1e-3;
      for (let i = 0; i < shape.nParams; i++) {
        const h = 1e-6;
        params[i] += h;
        const fp = tree.lossAndGrad(params, 2.5, 0.01, 0.01, 0, scratch);
        params[i] -= 2 * h;
        const fm = tree.lossAndGrad(params, 2.5, 0.01, 0.01, 0, scratch);
        params[i] += h;
        const fd = (fp - fm) / (2 * h);
        expect(Math.abs(fd - grad[i]) / Math.max(floor, Math.abs(fd), Math.abs(grad[i]))).toBeLessThan(1e-5);
      }
    }
  });

  it('all-ones weights give exactly the unweighted losses (engine, discrete evaluator, treeMse)', () => {
    const data = gridData(targetTree('eml_depth3'));
    const ones = withWeight(data, new Float64Array(data.n).fill(1));
    const shape = treeShape(3, 2);
    const rng = new Prng(21);
    const params = Float64Array.from({ length: shape.nParams }, () => rng.normal());
    expect(new NativeTree(shape, ones).forward(params, 1.3, false)).toBe(
      new NativeTree(shape, data).forward(params, 1.3, false),
    );
    expect(new DiscreteTree(shape, ones).fromParams(params)).toBe(new DiscreteTree(shape, data).fromParams(params));
    const t = paramsToTree(shape, params, data.vars);
    expect(treeMse(t, ones)).toBe(treeMse(t, data));
  });
});

describe('weights change which tree is best', () => {
  // Half the points follow A = e − x, the other half B = e − y; A and B differ in one leaf.
  const A = 'EML[1, EML[x, 1]]';
  const B = 'EML[1, EML[y, 1]]';
  const base = gridData(targetTree('eml_depth2'), 1, 3, 0.25);
  const inA = Uint8Array.from({ length: base.n }, (_, i) => i % 2);
  const target = Float64Array.from({ length: base.n }, (_, i) => Math.E - (inA[i] ? base.x[0][i] : base.x[1][i]));
  const plain: TrainingData = { ...base, target };
  const favour = (a: boolean): TrainingData => {
    const w = Float64Array.from(inA, (m) => ((m === 1) === a ? 1.9 : 0.1));
    const mean = w.reduce((s, v) => s + v, 0) / w.length;
    return withWeight(
      plain,
      w.map((v) => v / mean),
    );
  };
  const shape = treeShape(2, 2);
  const pA = oneHot(shape, A, base.vars);
  const pB = oneHot(shape, B, base.vars);

  it('the forward loss ranks A and B by the weights, the unweighted loss lying between', () => {
    const loss = (d: TrainingData, p: Float64Array) => new NativeTree(shape, d).forward(p, 0.01, false);
    const [aA, aU, aB] = [favour(true), plain, favour(false)].map((d) => loss(d, pA));
    const [bA, bU, bB] = [favour(true), plain, favour(false)].map((d) => loss(d, pB));
    expect(aA).toBeLessThan(bA);
    expect(bB).toBeLessThan(aB);
    expect(aA).toBeLessThan(aU);
    expect(aU).toBeLessThan(aB);
    expect(bB).toBeLessThan(bU);
    expect(bU).toBeLessThan(bA);
  });

  it('the discrete search moves to the tree the weights favour', () => {
    for (const [from, to, data] of [
      [pA, B, favour(false)],
      [pB, A, favour(true)],
    ] as const) {
      const dt = new DiscreteTree(shape, data);
      dt.fromParams(from);
      dt.climb(8, 1e-20, false);
      const found = paramsToTree(shape, dt.toParams(new Float64Array(shape.nParams)), base.vars);
      expect(printMathematica(found)).toBe(printMathematica(parseEml(to).tree));
    }
  });
});

describe('weighted treeMse and the discrete evaluator', () => {
  it('treeMse weighs each squared residual: Σ w |tree − t|² / n', () => {
    const x = Float64Array.of(0.5, 1, 2);
    const y = Float64Array.of(1, 1, 1);
    const target = Float64Array.of(1, 2, 3);
    const weight = Float64Array.of(0.5, 1, 1.5);
    const data: TrainingData = { vars: ['x', 'y'], x: [x, y], target, n: 3, weight };
    // EML[x, 1] = exp(x) − ln 1 = exp(x).
    const want = (0.5 * (Math.exp(0.5) - 1) ** 2 + 1 * (Math.exp(1) - 2) ** 2 + 1.5 * (Math.exp(2) - 3) ** 2) / 3;
    expect(Math.abs(treeMse(parseEml('EML[x, 1]').tree, data) - want) / want).toBeLessThan(1e-14);
  });

  it('the incremental evaluator agrees with treeMse on weighted data', () => {
    const base = gridData(targetTree('eml_depth3'));
    const data = withWeight(base, randomWeights(base.n, 8));
    const shape = treeShape(3, 2);
    const dt = new DiscreteTree(shape, data);
    const rng = new Prng(31);
    for (let k = 0; k < 20; k++) {
      const params = Float64Array.from({ length: shape.nParams }, () => rng.normal());
      const m = dt.fromParams(params);
      const ref = treeMse(paramsToTree(shape, params, data.vars), data);
      if (!Number.isFinite(ref)) expect(m).toBe(Infinity);
      else expect(Math.abs(m - ref)).toBeLessThanOrEqual(1e-12 * Math.max(1, ref));
    }
  });
});

describe('weights through the data plumbing', () => {
  it('toTrainingData normalises the weights to mean 1 and leaves them out when there are none', () => {
    const ds = {
      vars: ['x'],
      x: [Float64Array.of(1, 2, 3, 4)],
      y: Float64Array.of(1, 2, 3, 4),
      w: Float64Array.of(2, 0, 4, 2),
      n: 4,
      rows: Int32Array.of(0, 1, 2, 3),
    };
    expect(Array.from(toTrainingData(ds).weight!)).toEqual([1, 0, 2, 1]);
    expect(toTrainingData({ ...ds, w: null }).weight).toBeUndefined();
  });

  it('copyData copies the weight column into its own buffer', () => {
    const base = gridData(targetTree('eml_depth2'), 1, 3, 0.5);
    const train = withWeight(base, randomWeights(base.n, 4));
    const c = copyData({ train, fresh: base });
    expect(Array.from(c.train.weight!)).toEqual(Array.from(train.weight!));
    expect(c.train.weight!.buffer).not.toBe(train.weight!.buffer);
    expect(c.fresh.weight).toBeUndefined();
  });
});
