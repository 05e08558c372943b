/** Test page for e2e/training.spec.ts (built by the spec itself; not part of the app). */
import { TrainingClient } from '../../src/workers/clients/trainingClient.ts';
import { improvedSettings } from '../../src/training/settings.ts';
import { targetData } from '../../src/training/targets.ts';

declare global {
  interface Window {
    __training: {
      agree(backend?: string): Promise<{ native: number[]; tfjs: number[]; backend: string; error?: string }>;
      recoverDepth4(
        runs: number,
      ): Promise<{ ms: number; tree: string; exact: boolean; engine: string; workers: number }>;
    };
  }
}

window.__training = {
  agree(backend = 'webgl') {
    const w = new Worker(new URL('./agreeWorker.ts', import.meta.url), { type: 'module' });
    return new Promise((resolve) => {
      w.onmessage = (e) => {
        resolve(e.data);
        w.terminate();
      };
      w.postMessage(backend);
    });
  },
  recoverDepth4(runs) {
    const client = new TrainingClient();
    const data = targetData('eml_depth4');
    const t0 = performance.now();
    let engine = '';
    let workers = 0;
    return new Promise((resolve, reject) => {
      client.subscribe((e) => {
        if (e.type === 'ready') {
          engine = `${e.engine}:${e.backend}`;
          workers = e.workers;
        } else if (e.type === 'run' && e.result.exact) {
          resolve({ ms: performance.now() - t0, tree: e.result.tree, exact: true, engine, workers });
          client.dispose();
        } else if (e.type === 'result') {
          resolve({ ms: performance.now() - t0, tree: '', exact: false, engine, workers });
          client.dispose();
        } else if (e.type === 'error') reject(new Error(e.message));
      });
      client.start(improvedSettings(4, 'all', { runs, seed: 137, engine: 'native' }), {
        train: data.train,
        fresh: data.fresh,
      });
    });
  },
};
document.getElementById('status')!.textContent = 'ready';
