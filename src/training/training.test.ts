import { describe, expect, it } from 'vitest';
import { parseEml } from '../eml/syntax/index.ts';
import { makeStepControl, makeStepOutput } from './engine.ts';
import { initParams, manualLogits } from './init.ts';
import { snapParams, treeShape } from './model.ts';
import { NativeEngine, type NativeKernel } from './nativeEngine.ts';
import { Prng } from './prng.ts';
import { runRecovery } from './recovery.ts';
import { improvedSettings, paperSettings, validateSettings } from './settings.ts';
import { paramsToTree, treeMse } from './snap.ts';
import { gridData, targetData, targetTree } from './targets.ts';

describe('targets (docs/fitting.md#targets-and-data)', () => {
  it('builds the 441-point grid and drops the invalid d5 points like the reference (378 kept)', () => {
    expect(gridData(targetTree('eml_depth3')).n).toBe(441);
    expect(gridData(targetTree('eml_depth5')).n).toBe(378);
  });
  it('matches the closed form of eml_depth4 at (2, 3)', () => {
    const d = targetData('eml_depth4');
    const i = d.train.x[0].findIndex((x, k) => x === 2 && Math.abs(d.train.x[1][k] - 3) < 1e-12);
    expect(d.train.target[i]).toBeCloseTo(Math.log(Math.exp(2) - Math.log(d.train.x[1][i])), 14);
    expect(d.fresh.n).toBe(4000);
  });
});

describe('settings validation', () => {
  it('accepts the paper defaults per depth and rejects out-of-range values with a message', () => {
    expect(validateSettings(paperSettings(3))).toEqual([]);
    expect(paperSettings(5, 'random_hot').searchIters).toBe(9000);
    expect(paperSettings(6, 'manual').initNoise).toBe(12);
    const bad = validateSettings({ ...paperSettings(3), depth: 9, lr: -1, tauHard: 5 });
    expect(bad.some((m) => m.startsWith('depth must be'))).toBe(true);
    expect(bad.some((m) => m.startsWith('lr must be'))).toBe(true);
    expect(bad.some((m) => m.includes('tauHard'))).toBe(true);
    expect(validateSettings({ ...paperSettings(3, 'manual'), manualExpr: '' })[0]).toMatch(/manual/);
  });
});

describe('snapping and float64 verification', () => {
  it('a manual init of the target snaps back to the target tree, verified exact by the core', () => {
    const { train, fresh, tree } = targetData('eml_depth4');
    const shape = treeShape(4, 2);
    const p = new Float64Array(shape.nParams);
    manualLogits(shape, tree, train.vars, 32, p);
    const snapped = paramsToTree(shape, snapParams(shape, p, new Float64Array(shape.nParams)), train.vars);
    expect(snapped).toBe(tree); // hash-consed: same structure ⇒ same object
    expect(treeMse(snapped, train)).toBe(0);
    expect(treeMse(snapped, fresh)).toBe(0);
    const engine = (kernel: NativeKernel) =>
      new NativeEngine({
        shape,
        data: train,
        restarts: 1,
        lr: 0.01,
        lamInter: 1e-4,
        interThreshold: 50,
        emlClamp: 1e300,
        gradClip: 1,
        kernel,
      });
    const snappedParams = snapParams(shape, p, new Float64Array(shape.nParams));
    // Math.exp and Math.log, as the evaluator that made the target: exactly 0 (the trainer's checker runs this kernel).
    expect(engine('js').mseOf(snappedParams, 0.01)).toBe(0);
    // The SIMD kernel's exp and log are within an ulp of Math's: rounding only.
    expect(engine('simd').mseOf(snappedParams, 0.01)).toBeLessThan(1e-28);
  });
  it('rejects manual expressions with variables above depth d', () => {
    const shape = treeShape(3, 2);
    expect(() =>
      manualLogits(shape, parseEml('EML[x, 1]').tree, ['x', 'y'], 32, new Float64Array(shape.nParams)),
    ).toThrow(/depth/);
  });
});

describe('reproducibility', () => {
  it('the same seed and settings give the same losses', () => {
    const losses = () => {
      const { train } = targetData('eml_depth3');
      const shape = treeShape(3, 2);
      const eng = new NativeEngine({
        shape,
        data: train,
        restarts: 2,
        lr: 0.01,
        lamInter: 1e-4,
        interThreshold: 50,
        emlClamp: 1e300,
        gradClip: 1,
      });
      for (let r = 0; r < 2; r++)
        eng.setParams(
          r,
          initParams(shape, 'random_hot', new Prng(99 + r), { scale: 1, k: 32, noise: 0, vars: train.vars }),
        );
      const ctl = makeStepControl(2);
      ctl.tau.fill(2.5);
      ctl.lrMult.fill(1);
      ctl.active.fill(1);
      const out = makeStepOutput(2);
      const seen: number[] = [];
      for (let i = 0; i < 100; i++) {
        eng.step(ctl, out);
        seen.push(out.total[0], out.total[1]);
      }
      return seen;
    };
    expect(losses()).toEqual(losses());
  });
});

describe('recovery', () => {
  it('recovers eml_depth2 exactly (paper settings, 2 runs)', () => {
    const results = runRecovery('eml_depth2', paperSettings(2, 'all', { seed: 137 }), [0, 1]);
    for (const r of results) {
      expect(r.fit).toBe(true);
      expect(r.mseTrain).toBeLessThan(1e-20);
    }
    expect(results.map((r) => r.run)).toEqual([0, 1]);
  }, 30_000);
  it('improved mode stops on the first exact snap and confirms it on fresh points', () => {
    const [r] = runRecovery('eml_depth2', improvedSettings(2, 'biased', { seed: 137 }), [0]);
    expect(r.exact).toBe(true);
    expect(r.mseFresh).toBeLessThan(1e-20);
    expect(r.tree).toBe('EML[1,EML[y,x]]');
  }, 30_000);
});
