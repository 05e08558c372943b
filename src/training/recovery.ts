/**
 * One recovery experiment as the paper counts it: `runs` independent runs (seeds × strategies) of one target (a
 * paper target, a given tree, or a fresh random tree per run: recoveryTarget.ts), each on its own engine instance, with wall time, steps/s and outcome per run. Used by the bench script and
 * the tests; the UI goes through the worker protocol instead.
 */
import { NativeEngine } from './nativeEngine.ts';
import { treeShape } from './model.ts';
import { Trainer, type RunResult } from './schedule.ts';
import { assertValidSettings, type TrainSettings } from './settings.ts';
import { print } from '../eml/syntax/index.ts';
import { dataForRun, type RecoveryTarget, type RunTargetData } from './recoveryTarget.ts';
import type { TargetName } from './targets.ts';
import type { TrainEngine, EngineOptions } from './engine.ts';

export interface RecoverySummary {
  /** The target's label (recoveryTarget.ts targetLabel): eml_depth3, random:4:chain or the tree's text. */
  target: string;
  depth: number;
  runs: number;
  fit: number;
  symbol: number;
  stable: number;
  exact: number;
  abandoned: number;
  byInit: Record<string, { runs: number; fit: number; exact: number }>;
  wallMs: number;
  msPerRun: number;
  /** Median of the runs' own times (each run's ms, measured in its process), and of their CPU times when known. */
  medianRunMs: number;
  medianCpuMs: number | null;
  stepsPerSecond: number;
  successesPerCpuMinute: number;
  /** Mean engine steps per run, and attempts cut by improved.earlyAbandon over all runs. */
  stepsPerRun: number;
  cutAttempts: number;
  results: RecoveryRun[];
}

/** A run's result; with a random target, also the tree it was given (each run has its own). */
export type RecoveryRun = RunResult & {
  target?: string;
  /** CPU time of the run (process CPU, user + system), where the caller measures it (bench script). */
  cpuMs?: number;
};

export type EngineFactory = (opts: EngineOptions) => TrainEngine;

export interface RecoveryOptions {
  /** The engine of each run (native float64 when absent). */
  factory?: EngineFactory;
  /** Called with each run's result as it ends. */
  onRun?: (r: RecoveryRun) => void;
  /** Initial parameters for some runs, in place of the run's own draw (the reference trainer's starts, to compare
   * the two trainers from the same point: bench:paper-vs-reference --same-starts). */
  starts?: ReadonlyMap<number, Float64Array>;
}

export function runRecovery(
  target: TargetName | RecoveryTarget,
  settings: TrainSettings,
  runIndices: number[],
  { factory = (o) => new NativeEngine(o), onRun, starts }: RecoveryOptions = {},
): RecoveryRun[] {
  assertValidSettings(settings);
  const t: RecoveryTarget = typeof target === 'string' ? { kind: 'paper', name: target } : target;
  // A fixed target's data are made once; a random target draws its tree from settings.seed + run (reproducible).
  const fixed = t.kind === 'random' ? null : dataForRun(t, settings.seed, 0);
  const results: RecoveryRun[] = [];
  for (const run of runIndices) {
    const data: RunTargetData = fixed ?? dataForRun(t, settings.seed, run);
    const shape = treeShape(settings.depth, data.train.vars.length);
    const engine = factory({
      shape,
      data: data.train,
      restarts: 1,
      lr: settings.lr,
      lamInter: settings.lamInter,
      interThreshold: settings.interThreshold,
      emlClamp: settings.emlClamp,
      gradClip: settings.gradClip,
    });
    const trainer = new Trainer(engine, settings, data, run);
    const start = starts?.get(run);
    if (start) {
      if (start.length !== shape.nParams)
        throw new RangeError(`run ${run}: a start of ${start.length} parameters for a tree of ${shape.nParams}`);
      engine.setParams(0, start);
      engine.resetOptimizer(0);
    }
    while (!trainer.done) trainer.advance(1000);
    const r: RecoveryRun = fixed
      ? trainer.results()[0]
      : { ...trainer.results()[0], target: print(data.tree, 'mathematica') };
    results.push(r);
    onRun?.(r);
    engine.dispose();
  }
  return results;
}

export function summarise(
  target: string,
  depth: number,
  results: RecoveryRun[],
  wallMs: number,
  cpuMs: number,
): RecoverySummary {
  const byInit: RecoverySummary['byInit'] = {};
  for (const r of results) {
    const b = (byInit[r.init] ??= { runs: 0, fit: 0, exact: 0 });
    b.runs++;
    if (r.fit) b.fit++;
    if (r.exact) b.exact++;
  }
  const steps = results.reduce((a, r) => a + r.steps, 0);
  const runMs = results.reduce((a, r) => a + r.ms, 0);
  const count = (f: (r: RunResult) => boolean) => results.filter(f).length;
  return {
    target,
    depth,
    runs: results.length,
    fit: count((r) => r.fit),
    symbol: count((r) => r.symbol),
    stable: count((r) => r.stable),
    exact: count((r) => r.exact),
    abandoned: count((r) => r.abandoned),
    byInit,
    wallMs,
    msPerRun: wallMs / Math.max(1, results.length),
    medianRunMs: median(results.map((r) => r.ms)),
    medianCpuMs: results.every((r) => r.cpuMs !== undefined) ? median(results.map((r) => r.cpuMs!)) : null,
    stepsPerSecond: steps / (runMs / 1000),
    successesPerCpuMinute: count((r) => r.fit) / (cpuMs / 60000),
    stepsPerRun: steps / Math.max(1, results.length),
    cutAttempts: results.reduce((a, r) => a + (r.cutAttempts ?? 0), 0),
    results,
  };
}

function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
