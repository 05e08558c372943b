import { describe, expect, it, vi } from 'vitest';
import { treeShape } from './model.ts';
import { NativeEngine } from './nativeEngine.ts';
import { Trainer } from './schedule.ts';
import { paperSettings } from './settings.ts';
import { targetData } from './targets.ts';

/**
 * The paper's schedule step for step as the reference trainer (tree_prototype_torch_v16_final.py) runs it: its loop
 * switches to hardening at the top of iteration searchIters + 1, so exactly searchIters search steps; it snapshots
 * the best soft state after optimizer.step(); its first improvement's relative gain is inf/inf = NaN, no reset; and
 * it `continue`s past a non-finite loss before its evaluation.
 */
function trainer(searchIters: number, evalEvery = 1000) {
  const data = targetData('eml_depth2');
  const s = paperSettings(2, 'all', {
    seed: 137,
    runs: 1,
    searchIters,
    hardeningIters: 20,
    patience: 1e9,
    evalEvery,
    tailEvalEvery: 1000,
  });
  const eng = new NativeEngine({
    shape: treeShape(2, 2),
    data: data.train,
    restarts: 1,
    lr: s.lr,
    lamInter: s.lamInter,
    interThreshold: s.interThreshold,
    emlClamp: s.emlClamp,
    gradClip: s.gradClip,
  });
  return { eng, tr: new Trainer(eng, s, data, 0) };
}

describe("the paper's schedule against the reference's loop", () => {
  it('takes exactly searchIters search steps, then restores the best soft state with a fresh Adam', () => {
    for (const n of [7, 40]) {
      const { eng, tr } = trainer(n);
      const reset = vi.spyOn(eng, 'resetOptimizer');
      tr.advance(n - 1);
      expect(tr.state[0].phase).toBe('search');
      expect(reset).not.toHaveBeenCalled();
      tr.advance(1);
      expect(tr.state[0].phase).toBe('hardening');
      expect(reset).toHaveBeenCalledTimes(1);
    }
  });

  it('keeps the parameters after the improving step as the best soft state, and counts the first as a plateau step', () => {
    const { eng, tr } = trainer(40);
    const st = tr.state[0];
    const now = new Float64Array(eng.shape.nParams);
    tr.advance(1);
    expect(st.plateau).toBe(1);
    for (let i = 0; i < 10; i++) {
      tr.advance(1);
      // This start's data loss falls at every early step, so each one is the best so far.
      expect(st.bestSoft).toBe(st.lastSoft);
      eng.getParams(0, now);
      expect(Array.from(st.bestSoftParams!)).toEqual(Array.from(now));
    }
  });

  it('does not evaluate on a step whose loss is not finite, as the reference skips its evaluation there', () => {
    // One non-finite step at fixed τ: the schedule jumps to the 50th (the NaN restore), iteration 50 = evalEvery.
    const { eng, tr } = trainer(400, 50);
    const step = eng.step.bind(eng);
    vi.spyOn(eng, 'step').mockImplementationOnce((ctl, out) => {
      step(ctl, out);
      out.total[0] = out.data[0] = NaN;
      out.finite[0] = 0;
    });
    const evals = vi.spyOn(eng, 'evalMse');
    tr.advance(1);
    expect(tr.state[0].it).toBe(50);
    expect(evals).not.toHaveBeenCalled();
    // Finite steps evaluate as before: the next one at iteration 100.
    tr.advance(50);
    expect(evals).toHaveBeenCalledTimes(1);
  });
});
