/** Test-only worker: the same 50 steps on the native engine and on tfjs (webgl by default) from one init. */
import { makeStepControl, makeStepOutput } from '../../src/training/engine.ts';
import { initParams } from '../../src/training/init.ts';
import { treeShape } from '../../src/training/model.ts';
import { NativeEngine } from '../../src/training/nativeEngine.ts';
import { Prng } from '../../src/training/prng.ts';
import { targetData } from '../../src/training/targets.ts';

const scope = self as unknown as { postMessage(m: unknown): void; onmessage: ((e: MessageEvent) => void) | null };
scope.onmessage = async (e: MessageEvent) => {
  try {
    const [{ createTfjsEngine }, { browserBackendChain }] = await Promise.all([import('../../src/training/tfjsEngine.ts'), import('../../src/workers/tfjsBackends.ts')]);
    const { train } = targetData('eml_depth3');
    const shape = treeShape(3, 2);
    const opts = { shape, data: train, restarts: 2, lr: 0.01, lamInter: 1e-4, interThreshold: 50, emlClamp: 1e300, gradClip: 1 };
    const a = new NativeEngine(opts);
    const b = await createTfjsEngine(opts, await browserBackendChain(String(e.data ?? 'webgl')));
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
    const native: number[] = [];
    const tfjs: number[] = [];
    for (let i = 0; i < 50; i++) {
      a.step(ctl, oa);
      b.step(ctl, ob);
      native.push(oa.total[0], oa.total[1]);
      tfjs.push(ob.total[0], ob.total[1]);
    }
    scope.postMessage({ native, tfjs, backend: b.backend });
  } catch (err) {
    scope.postMessage({ error: String(err) });
  }
};
