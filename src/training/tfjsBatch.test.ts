import { afterAll, describe, expect, it } from 'vitest';
import { parseEml } from '../eml/syntax/index.ts';
import { makeStepControl, makeStepOutput, type EngineOptions, type TrainEngine } from './engine.ts';
import { initParams } from './init.ts';
import { treeShape } from './model.ts';
import { NativeEngine } from './nativeEngine.ts';
import { Prng } from './prng.ts';
import { RANDOM_INITS } from './settings.ts';
import { targetData } from './targets.ts';
import { createTfjsEngine } from './tfjsEngine.ts';

/**
 * The batched tfjs path (all restarts in one graph) against the native engine, which runs restarts one by one in
 * float64. Eight restarts with different inits and seeds, each with its own schedule: τ, learning-rate multiplier,
 * penalties switched on at different steps, paused stretches, an optimiser reset and a parameter restore mid-run.
 * Restart 3 starts on exp(exp(exp(x))), which overflows on the data (infinite loss) in both engines, so the batch
 * also carries a restart whose every step is skipped. Tolerance: 2e-4 relative on every active restart's total loss at each of the 50 steps (float32 against float64;
 * Adam's normalised steps keep the parameters within ~1e-4 of each other), and 2e-3 absolute on the parameters.
 */
const { train } = targetData('eml_depth3');
const shape = treeShape(3, 2);
const R = 8;
const STEPS = 50;
/** Restart r ≠ 3 starts from seed SEED + r; every one of them stays finite in float32 over the 50 steps (from seed 103,
 * restart 3's loss reached 1e29 and its float32 gradient overflowed where float64's did not: a float32 limit, not a
 * batching one, so such a start is not used for the comparison). */
const SEED = 300;
const opts: EngineOptions = {
  shape,
  data: train,
  restarts: R,
  lr: 0.01,
  lamInter: 1e-4,
  interThreshold: 50,
  emlClamp: 1e300,
  gradClip: 1,
};
const OVERFLOWING = parseEml('EML[EML[EML[x,1],1],1]').tree;
const init = (r: number, seed: number) =>
  initParams(shape, r === 3 ? 'manual' : RANDOM_INITS[r % RANDOM_INITS.length], new Prng(seed), {
    scale: 1,
    k: 32,
    noise: 0,
    vars: train.vars,
    manual: OVERFLOWING,
  });

/** Restart r's control at step i: its own τ and lr, penalties from step 20 + 2r, paused on a stretch of steps. */
function control(ctl: ReturnType<typeof makeStepControl>, i: number, only?: number): void {
  const rs = only === undefined ? [...Array(R).keys()] : [only];
  rs.forEach((r, k) => {
    const hard = i >= 20 + 2 * r;
    ctl.tau[k] = hard ? 0.8 + 0.05 * r : 2.5 - 0.1 * r;
    ctl.lamEnt[k] = hard ? 0.02 : 0;
    ctl.lamBin[k] = hard ? 0.01 * (1 + (r % 3)) : 0;
    ctl.lrMult[k] = 1 - 0.08 * r;
    ctl.active[k] = r === 3 && i >= 10 && i < 18 ? 0 : 1;
  });
}

/** Mid-run events, as the schedule does them: restart 5 gets a fresh Adam, restart 6 is restored to a new init. */
function events(eng: TrainEngine, i: number, only?: number): void {
  const at = (r: number) => (only === undefined ? r : only === r ? 0 : -1);
  if (i === 30 && at(5) >= 0) eng.resetOptimizer(at(5));
  if (i === 35 && at(6) >= 0) {
    eng.setParams(at(6), init(6, 999));
    eng.resetOptimizer(at(6));
  }
}

function run(eng: TrainEngine, only?: number): { loss: number[][]; active: number[][]; finite: number[][] } {
  const n = only === undefined ? R : 1;
  for (let k = 0; k < n; k++) eng.setParams(k, init(only ?? k, SEED + (only ?? k)));
  const ctl = makeStepControl(n);
  const out = makeStepOutput(n);
  const loss: number[][] = [];
  const active: number[][] = [];
  const finite: number[][] = [];
  for (let i = 0; i < STEPS; i++) {
    events(eng, i, only);
    control(ctl, i, only);
    eng.step(ctl, out);
    loss.push(Array.from(out.total));
    active.push(Array.from(ctl.active));
    finite.push(Array.from(out.finite, (f, k) => (ctl.active[k] ? f : 0)));
  }
  return { loss, active, finite };
}

/** The batched tfjs run, made once and shared by both tests (the cpu backend is slow on a busy machine). */
let batchedRun: Promise<{ engine: TrainEngine; path: ReturnType<typeof run> }> | null = null;
function batched() {
  batchedRun ??= createTfjsEngine(opts, ['cpu']).then((engine) => ({ engine, path: run(engine) }));
  return batchedRun;
}

afterAll(async () => (await batchedRun)?.engine.dispose());

describe('batched tfjs restarts (cpu backend) vs native', () => {
  it('eight mixed restarts agree with the native engine step by step over 50 steps', async () => {
    const native = new NativeEngine(opts);
    const a = run(native);
    const { engine: tfjs, path: b } = await batched();
    let compared = 0;
    for (let i = 0; i < STEPS; i++)
      for (let r = 0; r < R; r++) {
        if (!a.active[i][r]) continue;
        if (Number.isFinite(a.loss[i][r])) {
          expect(Math.abs(b.loss[i][r] - a.loss[i][r]) / Math.abs(a.loss[i][r])).toBeLessThan(2e-4);
          compared++;
        } else expect(Number.isFinite(b.loss[i][r])).toBe(false);
      }
    // Restart 3 overflows from the start in both engines: every step skipped, its rows never touched, and the
    // other seven unaffected by its NaN gradient in the shared graph.
    expect(compared).toBe((STEPS - 0) * (R - 1));
    expect(b.finite).toEqual(a.finite);
    // The restarts really differ from one another (a batch of copies would pass the loop above too).
    expect(new Set(a.loss[STEPS - 1].map((x) => x.toPrecision(6))).size).toBe(R);
    const pa = new Float64Array(shape.nParams);
    const pb = new Float64Array(shape.nParams);
    for (let r = 0; r < R; r++) {
      native.getParams(r, pa);
      tfjs.getParams(r, pb);
      for (let j = 0; j < pa.length; j++) expect(Math.abs(pb[j] - pa[j])).toBeLessThan(2e-3);
    }
  }, 300_000);

  it('a restart in the batch follows the same path as that restart trained alone', async () => {
    const { path: whole } = await batched();
    // 3: paused for eight steps and non-finite throughout; 6: restored to a new init with a fresh Adam.
    for (const r of [3, 6]) {
      const solo = await createTfjsEngine({ ...opts, restarts: 1 }, ['cpu']);
      const alone = run(solo, r);
      for (let i = 0; i < STEPS; i++)
        if (!alone.active[i][0]) continue;
        else if (!Number.isFinite(whole.loss[i][r])) expect(alone.loss[i][0]).toBe(whole.loss[i][r]);
        else expect(Math.abs(alone.loss[i][0] - whole.loss[i][r]) / Math.abs(whole.loss[i][r])).toBeLessThan(1e-5);
      solo.dispose();
    }
  }, 300_000);
});

describe('batched tfjs engine memory', () => {
  it('a step, an evaluation and per-restart reads and writes leave no tensor behind', async () => {
    const tf = await import('@tensorflow/tfjs-core');
    const eng = await createTfjsEngine({ ...opts, restarts: 3 }, ['cpu']);
    const ctl = makeStepControl(3);
    const out = makeStepOutput(3);
    ctl.tau.fill(2.5);
    ctl.lrMult.fill(1);
    ctl.active.fill(1);
    const p = new Float64Array(shape.nParams);
    const cycle = () => {
      eng.setParams(1, init(1, 7));
      eng.resetOptimizer(2);
      eng.step(ctl, out);
      eng.getParams(0, p);
      eng.evalMse(0.01, ctl.active, new Float64Array(3));
    };
    cycle();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) cycle();
    expect(tf.memory().numTensors).toBe(before);
    eng.dispose();
  }, 120_000);
});

describe('batched tfjs engine kernels', () => {
  it('a step runs the same number of kernels at batch 1 and 16, independent of the point count (no Tile gradient)', async () => {
    const tf = await import('@tensorflow/tfjs-core');
    const kernels = async (R: number) => {
      const eng = await createTfjsEngine({ ...opts, restarts: R }, ['cpu']);
      const ctl = makeStepControl(R);
      const out = makeStepOutput(R);
      ctl.tau.fill(2.5);
      ctl.lrMult.fill(1);
      ctl.active.fill(1);
      eng.step(ctl, out);
      const prof = await tf.profile(() => eng.step(ctl, out));
      eng.dispose();
      return prof.kernels.length;
    };
    const one = await kernels(1);
    expect(await kernels(16)).toBe(one);
    // With the bypass mask on the tape, Tile's gradient added a Slice and an Add per point (12 000 kernels here, 1 336 without).
    expect(one).toBeLessThan(2000);
  }, 120_000);
});
