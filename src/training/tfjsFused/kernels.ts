/**
 * Custom tfjs kernels that evaluate and differentiate a whole level of eml nodes in one pass each, registered
 * for the backends that have an implementation (BACKENDS: cpu and webgl), with their gradients. The composite graph
 * (tfjsGraph.ts) spends about 1 000 small kernels a step at depth 3, many of them copies, packs and unpacks; a level
 * here is one kernel forward and two backward, so large batches pay for arithmetic rather than bookkeeping.
 * Layout and meaning of the inputs: levelMath.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { cpuKernels } from './cpuKernels.ts';
import { webglKernels } from './webglKernels.ts';

/** Each kernel's inputs, in the order its implementations receive them. */
const INPUTS = {
  /** Children C, gate table SU → [the level's guarded outputs Z [s, R, n, 2], its penalty per restart [R]]. */
  EmlLevel: ['C', 'SU'],
  /** d loss / dZ, d loss / d(penalty), Z, and the forward's inputs → d loss / dC, shaped like C. */
  EmlLevelGrad: ['dZ', 'dP', 'Z', 'C', 'SU'],
  /** That gradient, C and SU → d loss / dSU [2, Q, R], zero outside the level's rows. */
  EmlGateGrad: ['dC', 'C', 'SU'],
} as const;

export type EmlKernelName = keyof typeof INPUTS;

export interface EmlAttrs {
  /** The per-node guard's bound C (float32's range at most). */
  clamp: number;
  /** The intermediate-magnitude penalty's threshold. */
  thr: number;
  /** The level's first row in the gate table SU. */
  offset: number;
}

/** One backend's kernels; a new backend is one more entry in BACKENDS, and the type says what it lacks. */
export type BackendKernels<B> = Record<
  EmlKernelName,
  (inputs: TensorInfo[], attrs: EmlAttrs, backend: B) => TensorInfo | TensorInfo[]
>;

// The backend objects are typed by each implementation file; here they only pass through.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const BACKENDS: Record<string, BackendKernels<any>> = { cpu: cpuKernels, webgl: webglKernels };

let registered = false;

function register(): void {
  if (registered) return;
  registered = true;
  for (const [backendName, impl] of Object.entries(BACKENDS))
    for (const kernelName of Object.keys(INPUTS) as EmlKernelName[])
      tf.registerKernel({
        kernelName,
        backendName,
        kernelFunc: ({ inputs, attrs, backend }) =>
          impl[kernelName](
            INPUTS[kernelName].map((k) => (inputs as Record<string, TensorInfo>)[k]),
            attrs as unknown as EmlAttrs,
            backend,
          ),
      });
  tf.registerGradient({
    kernelName: 'EmlLevel',
    inputsToSave: ['C', 'SU'],
    outputsToSave: [true, false],
    gradFunc: (dys, [C, SU, Z], attrs) => {
      const [dZ, dP] = dys as tf.Tensor[];
      const a = attrs as unknown as EmlAttrs;
      const dC = run('EmlLevelGrad', { dZ, dP, Z, C, SU }, a);
      return { C: () => dC, SU: () => run('EmlGateGrad', { dC, C, SU }, a) };
    },
  });
}

/** A single-output kernel (the gradients). */
function run(name: EmlKernelName, inputs: Record<string, tf.Tensor>, attrs: EmlAttrs): tf.Tensor {
  return tf.engine().runKernel(name, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}

/** Whether the current backend runs the fused kernels (WebGL needs version 2: the shaders use uint bit casts). */
export function fusedKernelsAvailable(): boolean {
  const name = tf.getBackend();
  if (!(name in BACKENDS)) return false;
  return name !== 'webgl' || tf.env().getNumber('WEBGL_VERSION') === 2;
}

/** One level of eml nodes: children [2s, R, n(, 2)], gate table SU → outputs [s, R, n, 2] and penalty [R]. */
export function emlLevel(C: tf.Tensor, SU: tf.Tensor, attrs: EmlAttrs): [tf.Tensor, tf.Tensor] {
  register();
  return tf.engine().runKernel('EmlLevel', { C, SU }, attrs as unknown as tf.NamedAttrMap) as [tf.Tensor, tf.Tensor];
}
