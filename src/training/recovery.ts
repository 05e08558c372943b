/**
 * One recovery experiment as the paper counts it: `runs` independent runs (seeds × strategies) of one target,
 * each on its own engine instance, with wall time, steps/s and outcome per run. Used by the bench script and
 * the tests; the UI goes through the worker protocol instead.
 */
import { NativeEngine } from './nativeEngine.ts';
import { treeShape } from './model.ts';
import { Trainer, type RunResult } from './schedule.ts';
import { assertValidSettings, type TrainSettings } from './settings.ts';
import { targetData, type TargetName } from './targets.ts';
import type { TrainEngine, EngineOptions } from './engine.ts';

export interface RecoverySummary {
  target: TargetName;
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
  stepsPerSecond: number;
  successesPerCpuMinute: number;
  /** Mean engine steps per run, and attempts cut by improved.earlyAbandon over all runs. */
  stepsPerRun: number;
  cutAttempts: number;
  results: RunResult[];
}

export type EngineFactory = (opts: EngineOptions) => TrainEngine;

export function runRecovery(
  target: TargetName,
  settings: TrainSettings,
  runIndices: number[],
  factory: EngineFactory = (o) => new NativeEngine(o),
  onRun?: (r: RunResult) => void,
): RunResult[] {
  assertValidSettings(settings);
  const data = targetData(target);
  const shape = treeShape(settings.depth, data.train.vars.length);
  const results: RunResult[] = [];
  for (const run of runIndices) {
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
    while (!trainer.done) trainer.advance(1000);
    const r = trainer.results()[0];
    results.push(r);
    onRun?.(r);
    engine.dispose();
  }
  return results;
}

export function summarise(
  target: TargetName,
  depth: number,
  results: RunResult[],
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
    stepsPerSecond: steps / (runMs / 1000),
    successesPerCpuMinute: count((r) => r.fit) / (cpuMs / 60000),
    stepsPerRun: steps / Math.max(1, results.length),
    cutAttempts: results.reduce((a, r) => a + (r.cutAttempts ?? 0), 0),
    results,
  };
}
