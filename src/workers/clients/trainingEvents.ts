/** What the training client tells the UI: the workers' events merged (mergeProgress), and how a failed run can resume. */
import type { EngineName } from '../../training/engine.ts';
import type { RunResult } from '../../training/schedule.ts';
import type { TrainSettings } from '../../training/settings.ts';
import type { Checkpoint, ProgressEvent, SnapshotEvent } from '../protocol.ts';

/** Progress of all workers merged: the per-restart arrays concatenated across the pool, in restart order. */
export type MergedProgress = Omit<ProgressEvent, 'runOffset'>;

/** The workers' latest progress events as one: arrays concatenated in restart order, the best restart's weights. */
export function mergeProgress(events: readonly ProgressEvent[]): MergedProgress {
  const parts = [...events].sort((a, b) => a.runOffset - b.runOffset);
  const cat = (f: (p: ProgressEvent) => Float64Array) => {
    const out = new Float64Array(parts.reduce((a, p) => a + f(p).length, 0));
    let o = 0;
    for (const p of parts) {
      out.set(f(p), o);
      o += f(p).length;
    }
    return out;
  };
  const soft = cat((p) => p.soft);
  let best = parts[0];
  for (const p of parts) if (soft[p.bestRestart] < soft[best.bestRestart]) best = p;
  return {
    type: 'progress',
    step: Math.max(...parts.map((p) => p.step)),
    phase: parts.flatMap((p) => p.phase),
    tau: cat((p) => p.tau),
    soft,
    hard: cat((p) => p.hard),
    bestRestart: best.bestRestart,
    weights: best.weights,
    stepsPerSecond: parts.reduce((a, p) => a + p.stepsPerSecond, 0),
    paused: parts.every((p) => p.paused),
  };
}

export type ClientEvent =
  | { type: 'ready'; engine: EngineName; backend: string; stepsPerSecond: Record<string, number>; workers: number }
  | MergedProgress
  | SnapshotEvent
  | { type: 'result'; results: RunResult[]; ms: number }
  | { type: 'run'; result: RunResult }
  | { type: 'fallback'; from: EngineName; to: EngineName; reason: string; runOffset: number }
  /** A share restarted after a fallback is ready on its new engine (the run's first 'ready' came earlier). */
  | { type: 'engine'; engine: EngineName; backend: string; runOffset: number }
  | { type: 'error'; message: string; problems?: string[] }
  | FailedEvent;

/** Where a failed run can continue: each share's restarts and its last checkpoint (null = from its seed). */
export interface ResumePoint {
  settings: TrainSettings;
  shares: { runOffset: number; restarts: number; engine: TrainSettings['engine']; checkpoint: Checkpoint | null }[];
}

/** The run ended without every share's result: what was received, and where it can resume. */
export interface FailedEvent {
  type: 'failed';
  message: string;
  /** Restarts that finished before the failure. */
  runs: RunResult[];
  /** Each share's last snapped tree (the best restart's), newest last. */
  snapshots: SnapshotEvent[];
  resume: ResumePoint | null;
  /** True when the failure is an unanswered Stop (the user asked the run to end). */
  stopped: boolean;
}
