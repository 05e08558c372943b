/**
 * Main-thread client of the training workers. It splits restarts over a pool (native: hardwareConcurrency − 1
 * workers, at least 1; tfjs: one worker, restarts batched on the device), merges the workers' events into one
 * stream for the UI (progress at most `progressHz` a second), and recovers: when a worker crashes or reports a
 * lost WebGL context, its share restarts on the other engine from its last checkpoint. Settings are validated
 * here first, so an out-of-range value is reported before any worker starts.
 */
import type { EngineName } from '../training/engine.ts';
import type { RunResult } from '../training/schedule.ts';
import { validateSettings, type TrainSettings } from '../training/settings.ts';
import { copyData, isWorkerEvent, transferables, type Checkpoint, type Command, type DataPayload, type LivePatch, type ProgressEvent, type SnapshotEvent, type WorkerEvent } from './protocol.ts';

/** Progress of all workers merged: the per-restart arrays concatenated across the pool, in restart order. */
export type MergedProgress = Omit<ProgressEvent, 'runOffset'>;

export type ClientEvent =
  | { type: 'ready'; engine: EngineName; backend: string; stepsPerSecond: Record<string, number>; workers: number }
  | MergedProgress
  | SnapshotEvent
  | { type: 'result'; results: RunResult[]; ms: number }
  | { type: 'run'; result: RunResult }
  | { type: 'fallback'; from: EngineName; to: EngineName; reason: string; runOffset: number }
  | { type: 'error'; message: string; problems?: string[] };

export interface ClientOptions {
  /** Defaults to the module worker next to this file. */
  createWorker?: () => Worker;
  /** Native pool size; default hardwareConcurrency − 1, at least 1. */
  poolSize?: number;
  progressHz?: number;
}

interface Share {
  worker: Worker;
  runOffset: number;
  restarts: number;
  engine: TrainSettings['engine'];
  progress: ProgressEvent | null;
  checkpoint: Checkpoint | null;
  results: RunResult[] | null;
  fellBack: boolean;
}

function newTrainingWorker(): Worker {
  return new Worker(new URL('./trainingWorker.ts', import.meta.url), { type: 'module' });
}

let spare: Worker | null = null;

/** Start one training worker ahead of time (while the page is idle), so pressing Play does not pay for loading it. */
export function prewarmTrainingWorker(): void {
  if (!spare && typeof Worker !== 'undefined') spare = newTrainingWorker();
}

/** The spare worker when there is one, else a new one. */
export function defaultWorker(): Worker {
  const w = spare ?? newTrainingWorker();
  spare = null;
  return w;
}

export class TrainingClient {
  private shares: Share[] = [];
  private listeners = new Set<(e: ClientEvent) => void>();
  private settings: TrainSettings | null = null;
  private data: DataPayload | null = null;
  private lastEmit = 0;
  private t0 = 0;
  private readyCount = 0;
  private readonly hz: number;

  constructor(private readonly opts: ClientOptions = {}) {
    this.hz = Math.min(30, opts.progressHz ?? 30);
  }

  subscribe(fn: (e: ClientEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Validate, then start `settings.runs` restarts on `data`. Returns the validation problems (empty = started). */
  start(settings: TrainSettings, data: DataPayload): string[] {
    const problems = validateSettings(settings);
    if (problems.length) {
      this.emit({ type: 'error', message: `invalid settings: ${problems.join('; ')}`, problems });
      return problems;
    }
    this.terminate();
    this.settings = settings;
    this.data = data;
    this.t0 = performance.now();
    this.readyCount = 0;
    const hc = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
    const pool = settings.engine === 'native' ? Math.max(1, Math.min(settings.runs, this.opts.poolSize ?? hc - 1)) : 1;
    let offset = 0;
    for (let i = 0; i < pool; i++) {
      const restarts = Math.floor(settings.runs / pool) + (i < settings.runs % pool ? 1 : 0);
      this.launch({ runOffset: offset, restarts, engine: settings.engine, checkpoint: null });
      offset += restarts;
    }
    return [];
  }

  pause(): void {
    this.broadcast({ type: 'pause' });
  }
  resume(): void {
    this.broadcast({ type: 'resume' });
  }
  step(n: number): void {
    this.broadcast({ type: 'step', n });
  }
  stop(): void {
    this.broadcast({ type: 'stop' });
  }
  set(patch: LivePatch): void {
    if (this.settings) Object.assign(this.settings, patch);
    this.broadcast({ type: 'set', patch });
  }
  reset(): void {
    this.broadcast({ type: 'reset' });
    this.terminate();
  }
  dispose(): void {
    this.terminate();
    this.listeners.clear();
  }

  private launch(spec: { runOffset: number; restarts: number; engine: TrainSettings['engine']; checkpoint: Checkpoint | null; fellBack?: boolean }): void {
    const worker = (this.opts.createWorker ?? defaultWorker)();
    const share: Share = { worker, runOffset: spec.runOffset, restarts: spec.restarts, engine: spec.engine, progress: null, checkpoint: spec.checkpoint, results: null, fellBack: spec.fellBack ?? false };
    this.shares.push(share);
    worker.onmessage = (e: MessageEvent) => {
      if (isWorkerEvent(e.data)) this.onEvent(share, e.data);
    };
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault?.();
      this.recover(share, `worker crashed: ${e.message || 'unknown error'}`);
    };
    const settings = { ...this.settings!, engine: spec.engine };
    const cmd: Command = { type: 'start', settings, data: copyData(this.data!), runOffset: spec.runOffset, restarts: spec.restarts, progressHz: this.hz, ...(spec.checkpoint ? { checkpoint: spec.checkpoint } : {}) };
    worker.postMessage(cmd, transferables(cmd));
  }

  /** Restart a failed share on the other engine from its last checkpoint (once; a second failure is an error). */
  private recover(share: Share, reason: string): void {
    share.worker.terminate();
    this.shares = this.shares.filter((s) => s !== share);
    if (share.fellBack || !this.settings) {
      this.emit({ type: 'error', message: reason });
      return;
    }
    const from: EngineName = share.engine === 'tfjs' ? 'tfjs' : 'native';
    const to: EngineName = from === 'tfjs' ? 'native' : 'tfjs';
    this.emit({ type: 'fallback', from, to, reason, runOffset: share.runOffset });
    this.launch({ runOffset: share.runOffset, restarts: share.restarts, engine: to, checkpoint: share.checkpoint, fellBack: true });
  }

  private onEvent(share: Share, ev: WorkerEvent): void {
    switch (ev.type) {
      case 'ready':
        if (++this.readyCount === 1) this.emit({ type: 'ready', engine: ev.engine, backend: ev.backend, stepsPerSecond: ev.stepsPerSecond, workers: this.shares.length });
        if (ev.engine !== 'native') share.engine = 'tfjs';
        return;
      case 'checkpoint':
        share.checkpoint = ev.checkpoint;
        return;
      case 'progress':
        share.progress = ev;
        this.emitProgress(false);
        return;
      case 'snapshot':
      case 'run':
        this.emit(ev);
        return;
      case 'result':
        share.results = ev.results;
        if (this.shares.every((s) => s.results)) {
          this.emitProgress(true);
          const results = this.shares.flatMap((s) => s.results!).sort((a, b) => a.run - b.run);
          this.emit({ type: 'result', results, ms: performance.now() - this.t0 });
        }
        return;
      case 'error':
        if (ev.contextLost) this.recover(share, ev.message);
        else this.emit({ type: 'error', message: ev.message, problems: ev.problems });
        return;
    }
  }

  private emitProgress(force: boolean): void {
    const now = performance.now();
    if (!force && now - this.lastEmit < 1000 / this.hz) return;
    const parts = this.shares.map((s) => s.progress).filter((p): p is ProgressEvent => p !== null).sort((a, b) => a.runOffset - b.runOffset);
    if (parts.length === 0) return;
    this.lastEmit = now;
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
    this.emit({
      type: 'progress', step: Math.max(...parts.map((p) => p.step)), phase: parts.flatMap((p) => p.phase), tau: cat((p) => p.tau), soft, hard: cat((p) => p.hard),
      bestRestart: best.bestRestart, weights: best.weights, stepsPerSecond: parts.reduce((a, p) => a + p.stepsPerSecond, 0), paused: parts.every((p) => p.paused),
    });
  }

  private broadcast(cmd: Command): void {
    for (const s of this.shares) s.worker.postMessage(cmd);
  }

  private terminate(): void {
    for (const s of this.shares) s.worker.terminate();
    this.shares = [];
  }

  private emit(e: ClientEvent): void {
    for (const fn of this.listeners) fn(e);
  }
}
