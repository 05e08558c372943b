/**
 * improved.reanneal: the annealing phase's second chain, from the run's best annealed tree; improved.pairRepair: the
 * pair repair of each chain's best tree once it is over (annealPhase.ts).
 */
import { describe, expect, it } from 'vitest';
import { AnnealPhase } from './annealPhase.ts';
import { DiscreteTree } from './discrete.ts';
import { treeShape } from './model.ts';
import { dataForRun } from './recoveryTarget.ts';
import { newRestartState, type RunResult } from './restartState.ts';
import { improvedSettings } from './settings.ts';

/** A phase on a depth-2 tree fitting depth-4 data (never exact, so every chain runs its course). */
function setup(reanneal: boolean, pairRepair = false) {
  const { train } = dataForRun({ kind: 'random', depth: 4, shape: 'bushy' }, 4100, 3);
  const settings = improvedSettings(2);
  settings.improved = { ...settings.improved, semanticRepair: pairRepair, reanneal, pairRepair };
  const dt = new DiscreteTree(treeShape(2, train.vars.length), train, 8);
  dt.leafCol.fill(0);
  dt.gateOne.fill(1);
  const start = dt.evaluateAll();
  const judged: number[] = [];
  const judge = (): RunResult => {
    judged.push(dt.mse);
    return { mseTrain: dt.mse, exact: false, abandoned: false } as RunResult;
  };
  const phase = new AnnealPhase(dt, settings, train, judge, (r, base, attempt) => base + 16 * r + attempt);
  const st = newRestartState(settings, 0, 0);
  phase.begin(0, st, { mseTrain: start, exact: false, abandoned: false } as RunResult);
  return { phase, st, start, judged };
}

describe('the annealing phase', () => {
  it('without reanneal: one chain, whose best tree is the result', () => {
    const { phase, st, start } = setup(false);
    let result: RunResult | null;
    while (!(result = phase.step(0, st))) expect(st.reannealing).toBe(false);
    expect(result.mseTrain).toBeLessThan(start);
    expect(st.bestAnnealed!.mse).toBe(result.mseTrain);
    expect(st.anneal).toBeNull();
  });

  it('with reanneal: a second chain from the best annealed tree, once, and the better result', () => {
    const { phase, st, judged } = setup(true);
    let result: RunResult | null;
    let second = 0;
    while (!(result = phase.step(0, st))) {
      if (!st.reannealing) continue;
      if (second++ === 0) {
        // The second chain starts from the first one's best tree.
        expect([...st.anneal!.leafCol]).toEqual([...st.bestAnnealed!.leafCol]);
        expect([...st.anneal!.gateOne]).toEqual([...st.bestAnnealed!.gateOne]);
        expect(st.anneal!.done).toBe(0);
      }
    }
    expect(second).toBeGreaterThan(1);
    expect(st.anneal).toBeNull();
    // Its result is the lower of the two chains' bests (each judged when it beat what was pending).
    expect(result.mseTrain).toBe(st.bestAnnealed!.mse);
    expect(result.mseTrain).toBe(Math.min(...judged));
  });

  it('with reanneal, a run out of budget anneals its best tree once more, once, and not an exact one', () => {
    const { phase, st } = setup(true);
    while (!phase.step(0, st));
    const best = { tree: 'EML[EML[1, x], EML[y, 1]]', mseTrain: 0.5, exact: false, abandoned: false } as RunResult;
    const pending = { tree: 'EML[1, 1]', mseTrain: 0.7, exact: false, abandoned: false } as RunResult;
    expect(phase.beginFinal(0, st, { ...best, exact: true }, pending)).toBe(false);
    expect(phase.beginFinal(0, st, best, pending)).toBe(true);
    expect(st.phase).toBe('anneal');
    // The chain starts from the best tree's choices: leaves x and y (columns 1, 2); the two 1s are gates set to the
    // constant (side 0 of the bottom-left node, side 1 of the bottom-right one), the leaves under them column 0.
    expect([...st.anneal!.leafCol]).toEqual([0, 1, 2, 0]);
    expect([...st.anneal!.gateOne]).toEqual([1, 0, 0, 1, 0, 0]);
    let result: RunResult | null;
    while (!(result = phase.step(0, st)));
    // No re-annealing after it, and never a second one.
    expect(st.anneal).toBeNull();
    expect(result.mseTrain).toBeLessThanOrEqual(pending.mseTrain);
    expect(phase.beginFinal(0, st, best, pending)).toBe(false);
  });

  it('with pairRepair: once the chain is over, its best tree is pair-repaired before the result comes back', () => {
    const { phase, st, judged } = setup(false, true);
    let result: RunResult | null;
    let annealBest = Infinity;
    let pairSteps = 0;
    while (!(result = phase.step(0, st))) {
      const a = st.anneal!;
      if (!a.pairs) continue;
      // The annealing proper is over for good once the pair repair has begun.
      if (pairSteps++ === 0) annealBest = a.best;
      expect(a.done).toBe(a.total);
      expect(a.best).toBeLessThanOrEqual(annealBest);
    }
    expect(pairSteps).toBeGreaterThan(0);
    expect(result.mseTrain).toBeLessThanOrEqual(annealBest);
    expect(result.mseTrain).toBe(Math.min(...judged));
  });
});
