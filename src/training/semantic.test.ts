import { describe, expect, it } from 'vitest';
import { manualLogits } from './init.ts';
import { treeShape } from './model.ts';
import { Prng } from './prng.ts';
import { dataForRun } from './recoveryTarget.ts';
import { semanticRepair } from './semantic.ts';
import { SemanticLibrary } from './semanticLibrary.ts';
import { SnappedTree } from './snappedTree.ts';

/** A random bushy target of this depth (as bench:recovery draws it), its data, and the tree snapped to it. */
function exactTree(depth: number, seed: number) {
  const data = dataForRun({ kind: 'random', depth, shape: 'bushy' }, seed, 0);
  const shape = treeShape(depth, data.train.vars.length);
  const p = new Float64Array(shape.nParams);
  manualLogits(shape, data.tree, data.train.vars, 24, p);
  const t = new SnappedTree(shape, data.train, 8);
  t.fromParams(p);
  return { t, data, lib: new SemanticLibrary(data.train.x, data.train.n) };
}

/** Internal nodes of height h (depth − level) whose value the root reads. */
function liveNodesOfHeight(t: SnappedTree, h: number): number[] {
  const { nInternal, nLeaves, childL, childR, depth } = t.shape;
  const height = new Int32Array(nInternal);
  height[nInternal - 1] = depth;
  for (let j = nInternal - 1; j >= 0; j--)
    for (const c of [childL[j], childR[j]]) if (c >= nLeaves) height[c - nLeaves] = height[j] - 1;
  return Array.from({ length: nInternal }, (_, j) => j).filter((j) => height[j] === h && t.nodeLive(j));
}

describe('semantic repair', () => {
  it('the library holds each function of height ≤ 3 once, with the values its choices compute', () => {
    const { lib, data } = exactTree(4, 4100);
    const [, h1, h2, h3] = lib.levels;
    // Height 1 over the columns 1, x, y: exp(a) − ln(b), 9 pairs, all distinct on the grid.
    expect(h1.count).toBe(9);
    expect(h2.count).toBeGreaterThan(50);
    expect(h3.count).toBeGreaterThan(h2.count);
    const m = lib.sample.length;
    // Entry values are what the entry's choices compute: check height 1 directly.
    for (let i = 0; i < h1.count; i++) {
      const [a, b] = [h1.leaves[2 * i], h1.leaves[2 * i + 1]];
      for (let k = 0; k < m; k++) {
        const p = lib.sample[k];
        const col = (c: number) => (c === 0 ? 1 : data.train.x[c - 1][p]);
        expect(h1.values[2 * (i * m + k)]).toBeCloseTo(Math.exp(col(a)) - Math.log(col(b)), 12);
      }
    }
    // Entries of a height are distinct functions (up to the hash's rounding: at most 0.5 % repeat at 9 digits).
    for (const level of [h2, h3]) {
      const keys = new Set<string>();
      for (let i = 0; i < level.count; i++)
        keys.add(Array.from(level.values.subarray(2 * m * i, 2 * m * (i + 1)), (v) => v.toPrecision(9)).join());
      expect(keys.size).toBeGreaterThanOrEqual(0.995 * level.count);
    }
  });

  for (const [depth, h, seed] of [
    [4, 2, 4100],
    [5, 3, 4101],
    [5, 2, 4104],
    [5, 4, 4103],
  ] as const)
    it(`depth ${depth}: a scrambled subtree of height ${h} is put back, and the tree is exact again`, () => {
      const { t, lib } = exactTree(depth, seed);
      expect(t.mse).toBeLessThan(1e-20);
      const nodes = liveNodesOfHeight(t, h);
      expect(nodes.length).toBeGreaterThan(0);
      // Scramble every leaf under one such node (columns rotate), the first whose change the data see clearly.
      const { nLeaves, childL, childR } = t.shape;
      const under = (j: number): number[] =>
        [childL[j], childR[j]].flatMap((c) => (c < nLeaves ? [c] : under(c - nLeaves)));
      for (const j of nodes) {
        for (const leaf of under(j)) t.set(leaf, (t.value(leaf) + 1) % t.arity(leaf));
        const m = t.score();
        if (m > 1e-6) {
          t.commit(m);
          break;
        }
        t.undo();
      }
      expect(t.mse).toBeGreaterThan(1e-6);
      const kept = semanticRepair(t, lib, { topK: 4, maxPasses: 10, stopBelow: 1e-20 });
      expect(kept).toBeGreaterThan(0);
      expect(t.mse).toBeLessThan(1e-20);
    });

  it('never raises the MSE, from random trees', () => {
    const { t, lib, data } = exactTree(4, 4103);
    const rng = new Prng(11);
    const shape = treeShape(4, data.train.vars.length);
    const p = new Float64Array(shape.nParams);
    for (let trial = 0; trial < 6; trial++) {
      for (let i = 0; i < p.length; i++) p[i] = rng.normal();
      const before = t.fromParams(p);
      semanticRepair(t, lib, { topK: 4, maxPasses: 3, stopBelow: 1e-20 });
      expect(t.mse <= before || !Number.isFinite(before)).toBe(true);
      // The MSE the repair reports is the tree's: evaluating it afresh gives the same.
      const reported = t.mse;
      expect(t.evaluateAll()).toBe(reported);
    }
  });
});
