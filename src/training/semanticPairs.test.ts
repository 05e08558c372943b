import { describe, expect, it } from 'vitest';
import { parseEml } from '../eml/syntax/index.ts';
import { manualLogits } from './init.ts';
import { treeShape } from './model.ts';
import { dataForRun } from './recoveryTarget.ts';
import { semanticRepair } from './semantic.ts';
import { SemanticLibrary } from './semanticLibrary.ts';
import { pairRepairChunk, startPairRepair, type PairRepairState } from './semanticPairs.ts';
import { SnappedTree } from './snappedTree.ts';

/**
 * A missed run's best tree (random:6:bushy, seed0 90909, run 2): both height-4 subtrees under the root's left child
 * are wrong, and each compensates for the other.
 */
const MISSED =
  'EML[EML[1,EML[EML[EML[EML[1,x],EML[y,y]],EML[EML[y,1],1]],EML[EML[1,EML[1,1]],EML[EML[1,1],1]]]],' +
  'EML[1,EML[EML[EML[1,EML[y,1]],EML[EML[1,x],EML[1,y]]],1]]]';
const EXACT = 1e-20;

function missedTree() {
  const data = dataForRun({ kind: 'random', depth: 6, shape: 'bushy' }, 90909, 2).train;
  const shape = treeShape(6, data.vars.length);
  const p = new Float64Array(shape.nParams);
  manualLogits(shape, parseEml(MISSED).tree, data.vars, 24, p);
  const t = new SnappedTree(shape, data, 8);
  t.fromParams(p);
  return { t, lib: new SemanticLibrary(data.x, data.n) };
}

/** Pair repair to its end in chunks of `firstNodes`, the state cloned between chunks (as a checkpoint would). */
function runPairs(t: SnappedTree, lib: SemanticLibrary, firstNodes: number): number[] {
  let s: PairRepairState = startPairRepair();
  const mses = [t.mse];
  while (!pairRepairChunk(t, lib, s, firstNodes, EXACT)) {
    s = structuredClone(s);
    mses.push(t.mse);
  }
  mses.push(t.mse);
  return mses;
}

// Each pair pass at depth 6 takes seconds (more on a loaded machine).
describe('pair repair', { timeout: 60_000 }, () => {
  it('fixes two compensating subtrees that single repairs cannot, never raising the MSE', () => {
    const { t, lib } = missedTree();
    semanticRepair(t, lib, { topK: 4, maxPasses: 6, stopBelow: EXACT });
    expect(t.mse).toBeGreaterThan(0.1);
    const mses = runPairs(t, lib, 4);
    for (let k = 1; k < mses.length; k++) expect(mses[k]).toBeLessThanOrEqual(mses[k - 1]);
    expect(t.mse).toBeLessThan(EXACT);
  });

  it('gives the same tree in chunks of one first node as in one go', () => {
    const a = missedTree();
    const b = missedTree();
    runPairs(a.t, a.lib, 1);
    runPairs(b.t, b.lib, 10_000);
    expect([...a.t.leafCol]).toEqual([...b.t.leafCol]);
    expect([...a.t.gateOne]).toEqual([...b.t.gateOne]);
    expect(a.t.mse).toBe(b.t.mse);
  });

  it('is over at once on an exact tree', () => {
    const { t, lib } = missedTree();
    runPairs(t, lib, 10_000);
    const s = startPairRepair();
    expect(pairRepairChunk(t, lib, s, 1, EXACT)).toBe(true);
    expect(s.next).toBe(0);
  });
});
