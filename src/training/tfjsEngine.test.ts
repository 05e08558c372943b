import { describe, expect, it } from 'vitest';
import { makeStepControl, makeStepOutput } from './engine.ts';
import { initParams } from './init.ts';
import { treeShape } from './model.ts';
import { NativeEngine } from './nativeEngine.ts';
import { Prng } from './prng.ts';
import { targetData } from './targets.ts';
import { createTfjsEngine } from './tfjsEngine.ts';

describe('tfjs engine (cpu backend) vs native', () => {
  it('agrees within float32 tolerance over the first 50 steps from the same initial parameters', async () => {
    const { train } = targetData('eml_depth3');
    const shape = treeShape(3, 2);
    const opts = { shape, data: train, restarts: 2, lr: 0.01, lamInter: 1e-4, interThreshold: 50, emlClamp: 1e300, gradClip: 1 };
    const a = new NativeEngine(opts);
    const b = await createTfjsEngine(opts, ['cpu']);
    expect(b.backend).toBe('cpu');
    for (let r = 0; r < 2; r++) {
      const p = initParams(shape, r ? 'random_hot' : 'biased', new Prng(5 + r), { scale: 1, k: 32, noise: 0, vars: train.vars });
      a.setParams(r, p);
      b.setParams(r, p);
    }
    const ctl = makeStepControl(2);
    ctl.tau.fill(2.5);
    ctl.lrMult.fill(1);
    ctl.active.fill(1);
    const oa = makeStepOutput(2);
    const ob = makeStepOutput(2);
    for (let i = 0; i < 50; i++) {
      // Hardening-like penalties in the second half exercise the entropy/binarity terms too.
      if (i === 25) {
        ctl.tau.fill(0.8);
        ctl.lamEnt.fill(0.02);
        ctl.lamBin.fill(0.02);
      }
      a.step(ctl, oa);
      b.step(ctl, ob);
      for (let r = 0; r < 2; r++) expect(Math.abs(ob.total[r] - oa.total[r]) / Math.abs(oa.total[r])).toBeLessThan(1e-4);
    }
    const hard = new Float64Array(2);
    const hardB = new Float64Array(2);
    a.evalMse(0.01, new Uint8Array([1, 1]), hard);
    b.evalMse(0.01, new Uint8Array([1, 1]), hardB);
    for (let r = 0; r < 2; r++) expect(Math.abs(hardB[r] - hard[r]) / hard[r]).toBeLessThan(1e-3);
    b.dispose();
  }, 30_000);
});
