/**
 * One training worker's share when the settings choose the generalised model (settings.ts `model: 'general'`):
 * runs training/generalRun.ts in time slices, as trainingWorker.ts runs the paper's trainer, so pause, step,
 * resume and stop are handled between slices, and reports through the same protocol events: 'progress' (per
 * restart phase, τ and soft loss, for the loss chart), 'snapshot' (the best snapped tree so far), 'run' per
 * finished restart and 'result'. It sends no checkpoints and an empty `weights` (see generalRun.ts).
 */
import { GeneralTrainingRun } from '../training/generalRun.ts';
import type { TrainSettings } from '../training/settings.ts';
import type { DataPayload, TrainingEvent } from './protocol.ts';

export class GeneralShare {
  private readonly run: GeneralTrainingRun;
  private readonly hz: number;
  private step = 0;
  private paused = false;
  private pendingSteps = 0;
  private stopped = false;
  private lastProgress = 0;
  private lastTree = '';
  private rate = 0;
  private rateT0 = performance.now();
  private stepsSinceRate = 0;
  private msPerStep = 0;

  constructor(
    settings: TrainSettings,
    data: DataPayload,
    private readonly runOffset: number,
    restarts: number,
    progressHz: number,
    private readonly post: (ev: TrainingEvent) => void,
  ) {
    this.run = new GeneralTrainingRun(settings, data, runOffset, restarts);
    this.hz = progressHz;
  }

  begin(): void {
    this.post({ type: 'ready', engine: 'native', backend: 'cpu', stepsPerSecond: {}, runOffset: this.runOffset });
    this.schedule();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.pendingSteps = 0;
    this.schedule();
  }

  stepBy(n: number): void {
    const wasIdle = this.paused && this.pendingSteps <= 0;
    this.paused = true;
    this.pendingSteps += Math.max(0, Math.floor(n));
    if (wasIdle) this.schedule();
  }

  /** Stop keeps the best: the restart in progress ends with its snapped tree, then the share's result. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.run.finishNow();
    this.finish();
  }

  /** Abandon without a result (the worker's 'reset'). */
  dispose(): void {
    this.stopped = true;
  }

  private schedule(): void {
    setTimeout(() => this.slice(), 0);
  }

  private slice(): void {
    if (this.stopped || (this.paused && this.pendingSteps <= 0)) return;
    const budget = 1000 / this.hz;
    const t0 = performance.now();
    try {
      while (performance.now() - t0 < budget * 0.9 && !this.run.done) {
        // Small chunks, so a slice (and a restart's snap at its end) stays within the progress interval.
        const chunk = Math.max(1, Math.min(25, Math.floor(budget / 3 / Math.max(1e-3, this.msPerStep))));
        const want = this.paused ? Math.min(this.pendingSteps, chunk) : chunk;
        if (want <= 0) break;
        const c0 = performance.now();
        const took = this.run.advance(want);
        if (took > 0) this.msPerStep = 0.7 * this.msPerStep + (0.3 * (performance.now() - c0)) / took;
        this.step += took;
        this.stepsSinceRate += took;
        if (this.paused) this.pendingSteps -= took;
      }
    } catch (e) {
      this.stopped = true;
      this.post({ type: 'error', message: e instanceof Error ? e.message : String(e), runOffset: this.runOffset });
      return;
    }
    if (this.run.done) {
      this.stopped = true;
      this.finish();
      return;
    }
    this.report(false);
    this.schedule();
  }

  private finish(): void {
    this.report(true);
    this.post({ type: 'result', runOffset: this.runOffset, results: this.run.allResults(), ms: this.run.elapsed() });
  }

  private report(force: boolean): void {
    for (const result of this.run.takeFinished()) this.post({ type: 'run', result });
    const now = performance.now();
    if (now - this.rateT0 > 500) {
      this.rate = this.stepsSinceRate / ((now - this.rateT0) / 1000);
      this.stepsSinceRate = 0;
      this.rateT0 = now;
    }
    // The best tree first, so the progress that follows charts its error at this step.
    const b = this.run.snapshot();
    if (b && (force || b.tree !== this.lastTree)) {
      this.lastTree = b.tree;
      this.post({
        type: 'snapshot',
        restart: b.restart,
        tree: b.tree,
        k: b.k,
        depth: this.run.settings.depth,
        mseTrain: b.mseTrain,
        uncertain: 0,
      });
    }
    if (!force && now - this.lastProgress < 1000 / this.hz - 1) return;
    this.lastProgress = now;
    const p = this.run.progress();
    this.post({
      type: 'progress',
      runOffset: this.runOffset,
      step: this.step,
      phase: p.phase,
      tau: p.tau,
      soft: p.soft,
      hard: p.hard,
      bestRestart: this.runOffset + p.best,
      weights: new Float64Array(0),
      stepsPerSecond: this.rate,
      paused: this.paused,
    });
  }
}
