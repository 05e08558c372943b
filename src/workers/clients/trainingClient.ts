/**
 * Main-thread client of the training workers. It splits restarts over a pool (native: hardwareConcurrency − 1
 * workers, at least 1; tfjs: one worker, restarts batched on the device), merges the workers' events into one
 * stream for the UI (progress at most `progressHz` a second), and recovers: when a worker crashes or reports a
 * lost WebGL context, its share restarts on the other engine from its last checkpoint. Settings are validated
 * here first, so an out-of-range value is reported before any worker starts.
 *
 * A run never hangs on a worker: a second crash, an error the worker reports, an unreadable message, or silence
 * (no message for `stallMs` while running) ends the whole run with a 'failed' event that carries everything
 * received so far (finished restarts, each share's last snapped tree) and a resume point (each share's last
 * checkpoint). Stop is answered within `stopGraceMs` even when a worker is dead: the rest is finished here.
 */
import type { EngineName } from '../../training/engine.ts';
import type { RunResult } from '../../training/schedule.ts';
import { validateSettings, type TrainSettings } from '../../training/settings.ts';
import {
  copyData,
  isWorkerEvent,
  transferables,
  type Checkpoint,
  type Command,
  type DataPayload,
  type LivePatch,
  type ProgressEvent,
  type SnapshotEvent,
  type TrainingEvent,
} from '../protocol.ts';
import { decodeWorkerEvent } from '../treeWire.ts';
import { mergeProgress, type ClientEvent, type ResumePoint } from './trainingEvents.ts';
import { defaultWorker } from './trainingWorkers.ts';

export interface ClientOptions {
  /** Defaults to trainingWorkers.ts defaultWorker. */
  createWorker?: () => Worker;
  /** Native pool size; default hardwareConcurrency − 1, at least 1. */
  poolSize?: number;
  progressHz?: number;
  /** Silence (no message from a running worker) after which it counts as dead; default 20 s. */
  stallMs?: number;
  /** The same before a worker's first message (engine start-up can take a while); default 60 s. */
  startMs?: number;
  /** How long Stop waits for the workers' results before finishing with what was received; default 5 s. */
  stopGraceMs?: number;
}

export const DEFAULT_STALL_MS = 20_000;
const DEFAULT_START_MS = 60_000;
const DEFAULT_STOP_GRACE_MS = 5_000;

interface Share {
  worker: Worker;
  runOffset: number;
  restarts: number;
  engine: TrainSettings['engine'];
  progress: ProgressEvent | null;
  checkpoint: Checkpoint | null;
  results: RunResult[] | null;
  fellBack: boolean;
  /** performance.now() of the last message, and whether the worker said 'ready'. */
  lastHeard: number;
  ready: boolean;
  runs: RunResult[];
  snapshot: SnapshotEvent | null;
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
  private paused = false;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private stopTimer: ReturnType<typeof setTimeout> | null = null;
  private ended = false;

  constructor(private readonly opts: ClientOptions = {}) {
    this.hz = Math.min(30, opts.progressHz ?? 30);
  }

  subscribe(fn: (e: ClientEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * Validate, then start `settings.runs` restarts on `data` — or, given a resume point from a failed run, continue
   * each of its shares from its last checkpoint. Returns the validation problems (empty = started).
   */
  start(settings: TrainSettings, data: DataPayload, from: ResumePoint | null = null): string[] {
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
    this.paused = false;
    this.ended = false;
    this.armWatchdog();
    if (from) {
      for (const sh of from.shares) this.launch({ ...sh });
      return [];
    }
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
    this.paused = true;
    this.broadcast({ type: 'pause' });
  }
  resume(): void {
    this.paused = false;
    this.touch();
    this.broadcast({ type: 'resume' });
  }
  step(n: number): void {
    this.paused = true;
    this.broadcast({ type: 'step', n });
  }
  /** Ask every worker to finish now; whatever has not answered within the grace period is ended here. */
  stop(): void {
    this.broadcast({ type: 'stop' });
    if (this.ended || this.stopTimer) return;
    if (this.shares.length === 0) return this.fail('the training workers had already stopped', true);
    this.stopTimer = setTimeout(
      () =>
        this.fail(
          `the training workers did not answer Stop within ${(this.opts.stopGraceMs ?? DEFAULT_STOP_GRACE_MS) / 1000} s`,
          true,
        ),
      this.opts.stopGraceMs ?? DEFAULT_STOP_GRACE_MS,
    );
  }
  /** Diagnostics: terminate every worker of this run without telling anyone, as a crash of the worker would. */
  killWorkers(): number {
    for (const s of this.shares) s.worker.terminate();
    return this.shares.length;
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

  /** The run so far as a resume point (each share's last checkpoint), or null before any start. */
  resumePoint(): ResumePoint | null {
    if (!this.settings) return null;
    const shares = [...this.shares].sort((a, b) => a.runOffset - b.runOffset);
    return {
      settings: { ...this.settings },
      shares: shares.map((s) => ({
        runOffset: s.runOffset,
        restarts: s.restarts,
        engine: s.engine,
        checkpoint: s.checkpoint,
      })),
    };
  }

  private touch(): void {
    const now = performance.now();
    for (const s of this.shares) s.lastHeard = now;
  }

  private armWatchdog(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    const stall = this.opts.stallMs ?? DEFAULT_STALL_MS;
    const startLimit = Math.max(stall, this.opts.startMs ?? DEFAULT_START_MS);
    this.watchdog = setInterval(
      () => {
        // Paused workers are quiet by design; a finished share (results in) has nothing more to say.
        if (this.paused || this.ended) return;
        const now = performance.now();
        for (const s of this.shares) {
          if (s.results) continue;
          const limit = s.ready ? stall : startLimit;
          if (now - s.lastHeard > limit)
            return this.fail(
              `the training worker stopped answering (no message for ${Math.round(limit / 1000)} s)`,
              false,
            );
        }
      },
      Math.max(50, Math.min(1000, stall / 4)),
    );
  }

  /** End the run: every worker is terminated and everything received so far is reported once. */
  private fail(message: string, stopped: boolean): void {
    if (this.ended) return;
    this.ended = true;
    const all = [...this.shares].sort((a, b) => a.runOffset - b.runOffset);
    const runs = all.flatMap((s) => s.results ?? s.runs);
    const snapshots = all.map((s) => s.snapshot).filter((x): x is SnapshotEvent => x !== null);
    const resume = this.resumePoint();
    this.terminate();
    this.emit({ type: 'failed', message, runs, snapshots, resume, stopped });
  }

  private launch(spec: {
    runOffset: number;
    restarts: number;
    engine: TrainSettings['engine'];
    checkpoint: Checkpoint | null;
    fellBack?: boolean;
  }): Share {
    const worker = (this.opts.createWorker ?? defaultWorker)();
    const share: Share = {
      worker,
      runOffset: spec.runOffset,
      restarts: spec.restarts,
      engine: spec.engine,
      progress: null,
      checkpoint: spec.checkpoint,
      results: null,
      fellBack: spec.fellBack ?? false,
      lastHeard: performance.now(),
      ready: false,
      runs: [],
      snapshot: null,
    };
    this.shares.push(share);
    worker.onmessage = (e: MessageEvent) => {
      if (!this.shares.includes(share)) return; // a late message from a worker already replaced or ended
      share.lastHeard = performance.now();
      if (!isWorkerEvent(e.data)) return;
      let ev: TrainingEvent;
      try {
        // Each tree is decoded here, once per distinct tree (treeWire.ts); the page reads the kept node after.
        ev = decodeWorkerEvent(e.data);
      } catch (err) {
        return this.fail(
          `a message from the training worker could not be read: ${err instanceof Error ? err.message : String(err)}`,
          false,
        );
      }
      this.onEvent(share, ev);
    };
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault?.();
      if (this.shares.includes(share))
        this.recover(share, `the training worker crashed: ${e.message || 'unknown error'}`);
    };
    worker.onmessageerror = () => {
      if (this.shares.includes(share)) this.fail('a message from the training worker could not be read', false);
    };
    const settings = { ...this.settings!, engine: spec.engine };
    const cmd: Command = {
      type: 'start',
      settings,
      data: copyData(this.data!),
      runOffset: spec.runOffset,
      restarts: spec.restarts,
      progressHz: this.hz,
      ...(spec.checkpoint ? { checkpoint: spec.checkpoint } : {}),
    };
    try {
      // The checkpoint is structured-cloned, not transferred: the client keeps it for a later resume.
      worker.postMessage(cmd, transferables({ ...cmd, checkpoint: undefined }));
    } catch (e) {
      queueMicrotask(() =>
        this.fail(`the training worker could not be started: ${e instanceof Error ? e.message : String(e)}`, false),
      );
    }
    return share;
  }

  /** Restart a failed share on the other engine from its last checkpoint (once; a second failure is an error). */
  private recover(share: Share, reason: string): void {
    if (share.fellBack || !this.settings) return this.fail(reason, false);
    share.worker.terminate();
    this.shares = this.shares.filter((s) => s !== share);
    const from: EngineName = share.engine === 'tfjs' ? 'tfjs' : 'native';
    const to: EngineName = from === 'tfjs' ? 'native' : 'tfjs';
    this.emit({ type: 'fallback', from, to, reason, runOffset: share.runOffset });
    const next = this.launch({
      runOffset: share.runOffset,
      restarts: share.restarts,
      engine: to,
      checkpoint: share.checkpoint,
      fellBack: true,
    });
    // What the crashed worker delivered still counts if the fallback fails too.
    next.runs = share.runs;
    next.snapshot = share.snapshot;
  }

  private onEvent(share: Share, ev: TrainingEvent): void {
    switch (ev.type) {
      case 'ready':
        share.ready = true;
        if (++this.readyCount === 1)
          this.emit({
            type: 'ready',
            engine: ev.engine,
            backend: ev.backend,
            stepsPerSecond: ev.stepsPerSecond,
            workers: this.shares.length,
          });
        else if (share.fellBack)
          this.emit({ type: 'engine', engine: ev.engine, backend: ev.backend, runOffset: share.runOffset });
        if (ev.engine !== 'native') share.engine = 'tfjs';
        return;
      case 'checkpoint':
        share.checkpoint = ev.checkpoint;
        return;
      case 'progress':
        share.progress = ev;
        this.emitProgress(false);
        return;
      case 'snapshot': {
        // Each worker reports its own best tree; the page gets the best of the pool, so the live line does not
        // jump between one worker's tree and another's.
        share.snapshot = ev;
        let best = ev;
        for (const s of this.shares) if (s.snapshot && s.snapshot.mseTrain < best.mseTrain) best = s.snapshot;
        this.emit(best);
        return;
      }
      case 'run':
        share.runs.push(ev.result);
        this.emit(ev);
        return;
      case 'result':
        share.results = ev.results;
        if (this.shares.every((s) => s.results) && !this.ended) {
          this.ended = true;
          this.clearTimers();
          this.emitProgress(true);
          const results = this.shares.flatMap((s) => s.results!).sort((a, b) => a.run - b.run);
          this.emit({ type: 'result', results, ms: performance.now() - this.t0 });
        }
        return;
      case 'error':
        // A worker that reports an error has stopped its session: without a fallback the run cannot complete.
        if (ev.contextLost) this.recover(share, ev.message);
        else this.fail(`the training worker reported an error: ${ev.message}`, false);
        return;
    }
  }

  private emitProgress(force: boolean): void {
    const now = performance.now();
    if (!force && now - this.lastEmit < 1000 / this.hz) return;
    const parts = this.shares.map((s) => s.progress).filter((p): p is ProgressEvent => p !== null);
    if (parts.length === 0) return;
    this.lastEmit = now;
    this.emit(mergeProgress(parts));
  }

  private broadcast(cmd: Command): void {
    for (const s of this.shares) s.worker.postMessage(cmd);
  }

  private clearTimers(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    if (this.stopTimer) clearTimeout(this.stopTimer);
    this.watchdog = null;
    this.stopTimer = null;
  }

  private terminate(): void {
    this.clearTimers();
    for (const s of this.shares) s.worker.terminate();
    this.shares = [];
  }

  private emit(e: ClientEvent): void {
    for (const fn of this.listeners) fn(e);
  }
}
