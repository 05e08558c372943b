import { afterEach, describe, expect, it, vi } from 'vitest';
import { DiscreteTree } from './discrete.ts';
import { treeShape } from './model.ts';
import { NativeEngine } from './nativeEngine.ts';
import { Trainer, type RunResult } from './schedule.ts';
import { improvedSettings, paperSettings, type TrainSettings } from './settings.ts';
import { targetData } from './targets.ts';

function trainer(s: TrainSettings, restarts: number): Trainer {
  const data = targetData('eml_depth2');
  const shape = treeShape(2, 2);
  const eng = new NativeEngine({
    shape,
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

function expectWellFormed(r: RunResult): void {
  expect(r.tree).toMatch(/^EML\[/);
  expect(Number.isNaN(r.mseTrain)).toBe(false);
  expect(r.mseTrain).toBeGreaterThanOrEqual(0);
}

afterEach(() => vi.restoreAllMocks());

describe('Trainer.finishNow (stop)', () => {
  it('ends every restart after a few steps with one result each', () => {
    const tr = trainer(paperSettings(2, 'all', { seed: 137 }), 3);
    expect(tr.advance(5)).toBe(5);
    expect(tr.results()).toEqual([]);
    tr.finishNow();
    expect(tr.done).toBe(true);
    expect(tr.state.every((st) => st.phase === 'done')).toBe(true);
    const results = tr.results();
    expect(results.map((r) => r.run)).toEqual([0, 1, 2]);
    for (const r of results) {
      expectWellFormed(r);
      expect(r.steps).toBe(5);
      expect(r.attempts).toBe(1);
      expect(r.cutAttempts).toBe(0);
    }
    expect(tr.advance(10)).toBe(0);
  });

  it('keeps an exact tree found before the stop and does no last wide search for the others', () => {
    const tr = trainer(improvedSettings(2, 'all', { seed: 137 }), 4);
    while (!tr.state.some((st) => st.phase === 'done') && tr.advance(50) > 0);
    const finished = tr.state.findIndex((st) => st.phase === 'done');
    expect(finished).toBeGreaterThanOrEqual(0);
    expect(tr.done).toBe(false);
    const exact = tr.state[finished].result!;
    expect(exact.exact).toBe(true);
    const before = tr.state.map((st) => ({ attempt: st.attempt, cut: st.cut, steps: st.spent + st.it }));
    const kick = vi.spyOn(DiscreteTree.prototype, 'kickClimb');
    const climb = vi.spyOn(DiscreteTree.prototype, 'climb');
    tr.finishNow();
    expect(kick).not.toHaveBeenCalled();
    expect(climb).not.toHaveBeenCalled();
    const results = tr.results();
    expect(results).toHaveLength(4);
    expect(results[finished]).toBe(exact);
    results.forEach((r, i) => {
      expectWellFormed(r);
      expect(tr.state[i].phase).toBe('done');
      if (i === finished) return;
      // Ended in its current attempt: no further attempt begun, none counted as cut.
      expect(r.attempts).toBe(before[i].attempt + 1);
      expect(r.cutAttempts).toBe(before[i].cut);
      expect(r.steps).toBe(before[i].steps);
    });
  });

  it('keeps an earlier attempt’s better result, with the run’s totals', () => {
    const tr = trainer(improvedSettings(2, 'all', { seed: 137 }), 2);
    tr.advance(20);
    const st = tr.state[0];
    const earlier: RunResult = {
      run: 0,
      init: 'biased',
      seedIndex: 0,
      fit: true,
      symbol: true,
      stable: true,
      exact: false,
      abandoned: false,
      mseTrain: 1e-30,
      mseFresh: 1,
      uncertain: 0,
      k: 7,
      tree: 'EML[1,EML[y,x]]',
      steps: 10,
      nanRestarts: 0,
      attempts: 1,
      cutAttempts: 0,
      ms: 1,
    };
    st.result = earlier;
    tr.finishNow();
    const [r] = tr.results();
    expect(r.tree).toBe(earlier.tree);
    expect(r.mseTrain).toBe(1e-30);
    expect(r.steps).toBe(20);
  });
});
