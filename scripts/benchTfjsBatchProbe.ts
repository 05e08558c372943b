/**
 * One measurement point of bench:tfjs-batch, the same code in Node and in the browser page: build an engine for
 * the paper target eml_DEPTH with `batch` restarts of mixed inits, then measure its steps·restarts per second
 * (autoEngine.ts measureThroughput, learning rate on). benchTfjsBatch.ts bundles this file with esbuild (tfjs and
 * its webgl backend included) and calls globalThis.emlBenchTfjs in each place.
 */
import '@tensorflow/tfjs-backend-webgl';
import { measureThroughput } from '../src/training/autoEngine.ts';
import type { EngineOptions, TfjsGraph, TrainEngine } from '../src/training/engine.ts';
import { initParams } from '../src/training/init.ts';
import { treeShape } from '../src/training/model.ts';
import { NativeEngine } from '../src/training/nativeEngine.ts';
import { Prng } from '../src/training/prng.ts';
import { RANDOM_INITS } from '../src/training/settings.ts';
import { isTargetName, targetData } from '../src/training/targets.ts';
import { createTfjsEngine, TfjsEngine } from '../src/training/tfjsEngine.ts';

export interface ProbeRequest {
  engine: 'native' | 'tfjs';
  /** The tfjs backend (cpu, webgl, …); ignored for native. */
  backend: string;
  /** The tfjs engine's loss graph; ignored for native. */
  graph: TfjsGraph;
  batch: number;
  depth: number;
  ms: number;
}

export interface ProbeResult extends ProbeRequest {
  /** The backend that actually ran (float64 for native). */
  ran: string;
  /** The loss graph that ran (tfjs only). */
  ranGraph?: TfjsGraph;
  points: number;
  /** steps·restarts per second. */
  rate: number;
  /** Wall time of one lockstep step of the whole batch, ms. */
  msPerStep: number;
  /** What the device says it is (WebGL renderer), when known. */
  device?: string;
}

async function probe(q: ProbeRequest): Promise<ProbeResult> {
  const name = `eml_depth${q.depth}`;
  if (!isTargetName(name)) throw new Error(`no paper target of depth ${q.depth}`);
  const { train } = targetData(name);
  const shape = treeShape(q.depth, train.vars.length);
  const opts: EngineOptions = {
    shape,
    data: train,
    restarts: q.batch,
    lr: 0.01,
    lamInter: 1e-4,
    interThreshold: 50,
    emlClamp: 1e300,
    gradClip: 1,
    tfjsGraph: q.graph,
  };
  const eng: TrainEngine = q.engine === 'native' ? new NativeEngine(opts) : await createTfjsEngine(opts, [q.backend]);
  try {
    for (let r = 0; r < q.batch; r++) {
      const init = RANDOM_INITS[r % RANDOM_INITS.length];
      eng.setParams(r, initParams(shape, init, new Prng(1000 + r), { scale: 1, k: 32, noise: 0, vars: train.vars }));
    }
    const rate = measureThroughput(eng, q.ms, 2, 1);
    return {
      ...q,
      ran: eng.backend,
      ranGraph: eng instanceof TfjsEngine ? eng.graph : undefined,
      points: train.n,
      rate,
      msPerStep: (1000 * q.batch) / rate,
      device: q.engine === 'tfjs' ? renderer() : undefined,
    };
  } finally {
    eng.dispose();
  }
}

/** The WebGL renderer string where there is one (SwiftShader here), for the report. */
function renderer(): string | undefined {
  const C = (globalThis as { OffscreenCanvas?: new (w: number, h: number) => { getContext(k: string): unknown } })
    .OffscreenCanvas;
  if (!C) return undefined;
  const gl = new C(1, 1).getContext('webgl2') as WebGL2RenderingContext | null;
  if (!gl) return undefined;
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

(globalThis as unknown as { emlBenchTfjs: typeof probe }).emlBenchTfjs = probe;
