/** Test-only worker: the same 50 steps on the native engine and on tfjs (webgl by default) from one init. */
import { runAgreement } from '../../src/training/agreement.ts';

const scope = self as unknown as { postMessage(m: unknown): void; onmessage: ((e: MessageEvent) => void) | null };
scope.onmessage = async (e: MessageEvent) => {
  try {
    const [{ createTfjsEngine }, { browserBackendChain }] = await Promise.all([
      import('../../src/training/tfjsEngine.ts'),
      import('../../src/workers/tfjsBackends.ts'),
    ]);
    const chain = await browserBackendChain(String(e.data ?? 'webgl'));
    const run = await runAgreement((opts) => createTfjsEngine(opts, chain));
    scope.postMessage({ native: run.nativeLoss.flat(), tfjs: run.otherLoss.flat(), backend: run.other.backend });
  } catch (err) {
    scope.postMessage({ error: String(err) });
  }
};
