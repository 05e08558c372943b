/**
 * The `auto` engine choice: measure each candidate engine's throughput (steps·restarts per second) on the real
 * problem at the requested batch (restart count), once, and keep the fastest. Measurements are cached per problem
 * size and engine, so a later start of the same size (a resumed or repeated training in the same worker) does not
 * measure again. The choice itself (`pickFastest`) is a pure function of the measurements, so it can be tested with
 * injected numbers; which engine wins depends on the batch: the native engine costs the same per restart at any
 * batch, the tfjs engine's per-step kernel overhead is shared by the whole batch (tfjsGraph.ts).
 */
import { makeStepControl, makeStepOutput, type EngineName, type EngineOptions, type TrainEngine } from './engine.ts';

export interface Candidate {
  name: EngineName;
  make: () => Promise<TrainEngine>;
}

export interface Measurement {
  /** steps·restarts per second; 0 when the engine could not start. */
  rate: number;
  backend: string;
}

export interface Calibration {
  engine: EngineName;
  backend: string;
  /** Per `name:backend`, the steps·restarts per second measured (or cached) for this problem. */
  stepsPerSecond: Record<string, number>;
  /** Engines whose figure came from the cache (no engine was built to measure them this time). */
  cached: EngineName[];
}

/** The problem size the throughput depends on: tree depth, variables, points, and the batch (restarts). */
export function problemKey(o: Pick<EngineOptions, 'shape' | 'data' | 'restarts'>): string {
  return `depth ${o.shape.depth}, vars ${o.shape.nVars}, points ${o.data.n}, batch ${o.restarts}`;
}

export class ThroughputCache {
  private readonly m = new Map<string, Measurement>();
  get(key: string, engine: EngineName): Measurement | undefined {
    return this.m.get(`${engine} | ${key}`);
  }
  set(key: string, engine: EngineName, v: Measurement): void {
    this.m.set(`${engine} | ${key}`, v);
  }
}

/** One cache per JavaScript realm (each training worker keeps its own measurements). */
export const sharedThroughputCache = new ThroughputCache();

/** The engine with the highest measured throughput (the earlier candidate on a tie); null when none started. */
export function pickFastest(rates: ReadonlyArray<{ name: EngineName; rate: number }>): EngineName | null {
  let best: { name: EngineName; rate: number } | null = null;
  for (const r of rates) if (r.rate > 0 && (!best || r.rate > best.rate)) best = r;
  return best?.name ?? null;
}

/**
 * steps·restarts per second of `eng` as it is: two warm-up steps (JIT, shader compilation) are excluded, then it
 * steps for about `ms` milliseconds and at least `minSteps` times. lrMult 0 leaves the parameters where they are;
 * the Adam counters advance, which the schedule resets when it initialises each restart.
 */
export function measureThroughput(eng: TrainEngine, ms = 300, minSteps = 3, lrMult = 0): number {
  const R = eng.restarts;
  const ctl = makeStepControl(R);
  const out = makeStepOutput(R);
  ctl.tau.fill(2.5);
  ctl.lrMult.fill(lrMult);
  ctl.active.fill(1);
  eng.step(ctl, out);
  eng.step(ctl, out);
  let steps = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms || steps < minSteps) {
    eng.step(ctl, out);
    steps++;
  }
  return (steps * R) / ((performance.now() - t0) / 1000);
}

export interface CalibrateOptions {
  /** The problem's cache key (problemKey of the engine options). */
  key: string;
  cache?: ThroughputCache;
  ms?: number;
  /** Injected in tests; measureThroughput otherwise. */
  measure?: (eng: TrainEngine) => number;
}

/**
 * Pick the fastest candidate for this problem, measuring only those without a cached figure. An engine built to be
 * measured is kept when it wins (not built twice); the others are disposed. A candidate that fails to start
 * counts as rate 0 (and is cached so, it is not tried again for this problem).
 */
export async function calibrate(
  candidates: readonly Candidate[],
  o: CalibrateOptions,
): Promise<{ engine: TrainEngine; calibration: Calibration }> {
  const cache = o.cache ?? sharedThroughputCache;
  const measure = o.measure ?? ((eng: TrainEngine) => measureThroughput(eng, o.ms));
  const built = new Map<EngineName, TrainEngine>();
  const rates: Array<{ name: EngineName; rate: number }> = [];
  const stepsPerSecond: Record<string, number> = {};
  const cached: EngineName[] = [];
  for (const c of candidates) {
    let m = cache.get(o.key, c.name);
    if (m) cached.push(c.name);
    else {
      try {
        const eng = await c.make();
        m = { rate: measure(eng), backend: eng.backend };
        built.set(c.name, eng);
      } catch {
        m = { rate: 0, backend: 'unavailable' };
      }
      cache.set(o.key, c.name, m);
    }
    rates.push({ name: c.name, rate: m.rate });
    stepsPerSecond[`${c.name}:${m.backend}`] = m.rate;
  }
  const winner = pickFastest(rates);
  for (const [name, eng] of built) if (name !== winner) eng.dispose();
  if (!winner) throw new Error('no training engine could be started');
  const engine = built.get(winner) ?? (await candidates.find((c) => c.name === winner)!.make());
  return { engine, calibration: { engine: winner, backend: engine.backend, stepsPerSecond, cached } };
}
