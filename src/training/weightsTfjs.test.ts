import { describe, expect, it } from 'vitest';
import { makeStepControl, makeStepOutput, type EngineOptions } from './engine.ts';
import { treeShape } from './model.ts';
import { NativeEngine } from './nativeEngine.ts';
import { Prng } from './prng.ts';
import type { TrainingData } from './targets.ts';
import { createTfjsEngine } from './tfjsEngine.ts';

describe('tfjs engine (cpu backend): weighted data loss', () => {
  it('gives the same weighted loss as native within 1e-6 relative on a small tree', async () => {
    // Inputs, targets and weights exactly representable in float32, so the engines see the same data and only
    // their arithmetic differs. Targets far below the tree's values make the residuals large next to float32's
    // rounding of those values, so the comparison measures the weighting, not float32 noise.
    const rng = new Prng(77);
    const n = 24;
    const x = Float64Array.from({ length: n }, (_, i) => 1 + (i % 6) / 4);
    const y = Float64Array.from({ length: n }, (_, i) => 1 + Math.floor(i / 6) / 4);
    const target = Float64Array.from({ length: n }, (_, i) => Math.fround(-20 + Math.sin(3 * x[i] + y[i])));
    const weight = Float64Array.from({ length: n }, () => Math.fround(0.1 + 1.8 * rng.uniform()));
    const data: TrainingData = { vars: ['x', 'y'], x: [x, y], target, n, weight };
    const shape = treeShape(2, 2);
    const opts: EngineOptions = {
      shape,
      data,
      restarts: 2,
      lr: 0.01,
      lamInter: 0,
      interThreshold: 50,
      emlClamp: 1e300,
      gradClip: 1,
    };
    const native = new NativeEngine(opts);
    const tfjs = await createTfjsEngine(opts, ['cpu']);
    for (let r = 0; r < 2; r++) {
      const p = Float64Array.from({ length: shape.nParams }, () => Math.fround(0.5 * rng.normal()));
      native.setParams(r, p);
      tfjs.setParams(r, p);
    }
    const active = new Uint8Array([1, 1]);
    const a = new Float64Array(2);
    const b = new Float64Array(2);
    for (const tau of [2.5, 1, 0.5]) {
      native.evalMse(tau, active, a);
      tfjs.evalMse(tau, active, b);
      for (let r = 0; r < 2; r++) expect(Math.abs(b[r] - a[r]) / a[r]).toBeLessThan(1e-6);
    }
    // The training step's data loss goes through the same weighted mean.
    const ctl = makeStepControl(2);
    ctl.tau.fill(1);
    ctl.lrMult.fill(1);
    ctl.active.fill(1);
    const oa = makeStepOutput(2);
    const ob = makeStepOutput(2);
    native.step(ctl, oa);
    tfjs.step(ctl, ob);
    for (let r = 0; r < 2; r++) expect(Math.abs(ob.data[r] - oa.data[r]) / oa.data[r]).toBeLessThan(1e-6);
    // Unweighted, the losses differ: the weights did reach the tfjs loss.
    const plain = await createTfjsEngine({ ...opts, data: { ...data, weight: undefined } }, ['cpu']);
    for (let r = 0; r < 2; r++) {
      const p = new Float64Array(shape.nParams);
      native.getParams(r, p);
      plain.setParams(r, p);
    }
    const c = new Float64Array(2);
    plain.evalMse(1, active, c);
    native.evalMse(1, active, a);
    for (let r = 0; r < 2; r++) expect(Math.abs(c[r] - a[r]) / a[r]).toBeGreaterThan(1e-3);
    tfjs.dispose();
    plain.dispose();
  }, 30_000);
});
