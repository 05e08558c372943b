/**
 * The engines-agree check shared by the Node test (tfjs cpu) and the Chromium test (tfjs webgl in a worker): the
 * same 50 steps on the native engine and on another engine from one initialisation, losses recorded per step.
 * The second half switches to hardening-like settings so the entropy and binarity terms are exercised too.
 */
import { makeStepControl, makeStepOutput, type EngineOptions, type TrainEngine } from './engine.ts';
import { initParams } from './init.ts';
import { treeShape } from './model.ts';
import { NativeEngine } from './nativeEngine.ts';
import { Prng } from './prng.ts';
import { targetData } from './targets.ts';

export interface AgreementRun {
  native: NativeEngine;
  other: TrainEngine;
  /** Per step, the total loss of each of the two restarts. */
  nativeLoss: number[][];
  otherLoss: number[][];
}

export async function runAgreement(
  makeOther: (opts: EngineOptions) => Promise<TrainEngine>,
  steps = 50,
): Promise<AgreementRun> {
  const { train } = targetData('eml_depth3');
  const shape = treeShape(3, 2);
  const opts: EngineOptions = {
    shape,
    data: train,
    restarts: 2,
    lr: 0.01,
    lamInter: 1e-4,
    interThreshold: 50,
    emlClamp: 1e300,
    gradClip: 1,
  };
  const native = new NativeEngine(opts);
  const other = await makeOther(opts);
  for (let r = 0; r < 2; r++) {
    const p = initParams(shape, r ? 'random_hot' : 'biased', new Prng(5 + r), {
      scale: 1,
      k: 32,
      noise: 0,
      vars: train.vars,
    });
    native.setParams(r, p);
    other.setParams(r, p);
  }
  const ctl = makeStepControl(2);
  ctl.tau.fill(2.5);
  ctl.lrMult.fill(1);
  ctl.active.fill(1);
  const oa = makeStepOutput(2);
  const ob = makeStepOutput(2);
  const nativeLoss: number[][] = [];
  const otherLoss: number[][] = [];
  for (let i = 0; i < steps; i++) {
    if (i === Math.floor(steps / 2)) {
      ctl.tau.fill(0.8);
      ctl.lamEnt.fill(0.02);
      ctl.lamBin.fill(0.02);
    }
    native.step(ctl, oa);
    other.step(ctl, ob);
    nativeLoss.push([oa.total[0], oa.total[1]]);
    otherLoss.push([ob.total[0], ob.total[1]]);
  }
  return { native, other, nativeLoss, otherLoss };
}
