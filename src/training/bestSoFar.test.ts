/**
 * The live "snapped tree" (restartState.ts bestSoFar) is the tree the restarts would report if stopped now, so
 * the chart's snapped lines end on the result's numbers: stopping at any point reports exactly that tree's error.
 */
import { describe, expect, it } from 'vitest';
import { parseEml } from '../eml/syntax/index.ts';
import { treeShape } from './model.ts';
import { NativeEngine } from './nativeEngine.ts';
import { bestSoFar } from './restartState.ts';
import { Trainer } from './schedule.ts';
import { improvedSettings, paperSettings, type TrainSettings } from './settings.ts';
import { treeMse } from './snap.ts';
import { targetData } from './targets.ts';

function trainer(s: TrainSettings, restarts: number): Trainer {
  const data = targetData('eml_depth2');
  const eng = new NativeEngine({
    shape: treeShape(2, 2),
    data: data.train,
    restarts,
    lr: s.lr,
    lamInter: s.lamInter,
    interThreshold: s.interThreshold,
    emlClamp: s.emlClamp,
    gradClip: s.gradClip,
  });
  return new Trainer(eng, s, data, 0);
}

const live = (tr: Trainer) =>
  bestSoFar(tr.state, tr.engine.shape, (r, out) => tr.engine.getParams(r, out), tr.data.train)!;

describe('bestSoFar', () => {
  for (const [name, s] of [
    ['paper', paperSettings(2, 'all', { seed: 137 })],
    ['improved', improvedSettings(2, 'all', { seed: 137 })],
  ] as const) {
    it(`${name}: stopping now reports the tree it shows, with the error it shows`, () => {
      for (const steps of [3, 250, 900]) {
        const tr = trainer(s, 3);
        tr.advance(steps);
        const shown = live(tr);
        expect(shown.mseTrain).toBe(treeMse(parseEml(shown.tree).tree, tr.data.train));
        tr.finishNow();
        const best = Math.min(...tr.results().map((r) => r.mseTrain));
        expect(shown.mseTrain).toBe(best);
        expect(tr.results().some((r) => r.tree === shown.tree)).toBe(true);
      }
    });
  }

  it('after a run, it is the best result', () => {
    const tr = trainer(improvedSettings(2, 'all', { seed: 137, budgetFactor: 0.2 }), 2);
    tr.advance(1_000_000);
    expect(tr.done).toBe(true);
    expect(live(tr).mseTrain).toBe(Math.min(...tr.results().map((r) => r.mseTrain)));
  });
});
