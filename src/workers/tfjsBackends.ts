/**
 * Browser-only tfjs backend registration for the training worker: webgl → webgpu → wasm → cpu. WebGL comes first
 * because it has the fused kernels (training/tfjsFused/: a level of eml nodes is one shader, forward and backward);
 * on WebGPU, wasm and cpu-in-the-browser the engine runs tfjs's composite ops, about 1 000 kernels a step. The wasm
 * binaries come through Vite `?url` imports (hashed assets); threads stay off because the threaded build breaks
 * in module workers (Vite bundles them as separate chunks). Imported lazily, only when the tfjs engine is asked for.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

/** The chain to try, the expected fastest first; webgpu only where an adapter exists (a failed setBackend is noisy). */
export async function browserBackendChain(prefer?: string): Promise<string[]> {
  const chain = ['webgl', 'wasm', 'cpu'];
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (gpu) {
    try {
      if (await gpu.requestAdapter()) chain.splice(1, 0, 'webgpu');
    } catch {
      // no adapter
    }
  }
  if (prefer && chain.includes(prefer)) return [prefer, ...chain.filter((b) => b !== prefer)];
  return chain;
}
