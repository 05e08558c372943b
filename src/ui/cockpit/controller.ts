/**
 * Glue between the cockpit and the training workers: starts runs (one depth, or a sweep of depths that stops at
 * the first exact recovery), maps worker events to the store and the loss history, and implements the TF
 * Playground controls (play/pause, step, reset to the same seed, stop, live learning rate). The main thread
 * only bookkeeps here; the one per-snapshot computation (a small tree's validation MSE) is cheap.
 *
 * A run whose workers die or stop answering (workers/clients/trainingClient.ts: 'failed') ends with status 'error', a message, and every
 * tree received so far as candidates (finished restarts, and each worker's last snapped tree). `resumeRun()` then
 * starts a new run on the same data and settings in which every restart continues from the last checkpoint its
 * worker sent (every ~2 s: parameters and schedule state), at the same depth of a sweep; restarts without a
 * checkpoint start over from their seeds. Stop always ends the run: workers that do not answer within the grace
 * period are terminated and the run finishes with what was received.
 *
 * The controller takes the store, the live channels (liveChannels.ts) and a way to make a training client; it
 * writes run state to the store and live updates to the channels (the numbers panel and the live tree through
 * liveFeed.ts, which decides when the views see them), and keeps only its own bookkeeping (timers,
 * sweep position, resume point), which no view reads. Each result tree arrives encoded and is decoded once (workers/treeWire.ts,
 * resultTrees.ts); what they become as candidates is runCandidates.ts.
 */
import { depthsOf, trainSettingsFor } from '../../fit/fitSettings.ts';
import { payloadOf } from '../../fit/prepare.ts';
import { useFit, type Candidate, type PreparedOk } from '../../store/fitStore.ts';
import type { RunResult } from '../../training/schedule.ts';
import { TrainingClient } from '../../workers/clients/trainingClient.ts';
import type { ClientEvent, FailedEvent, ResumePoint } from '../../workers/clients/trainingEvents.ts';
import { prewarmTrainingWorker } from '../../workers/clients/trainingWorkers.ts';
import { cockpitDataSync } from './dataSync.ts';
import { liveChannels, type LiveChannels } from './liveChannels.ts';
import { LiveFeed } from './liveFeed.ts';
import { bestCandidate, candidateOf, failedCandidates, failureMessage, validationMse } from './runCandidates.ts';

const STEP_SIZE = 10;

export interface ControllerOptions {
  /** The fit store (default: the app's). */
  store?: typeof useFit;
  /** Where live updates go (default: the cockpit's; tests pass their own). */
  channels?: LiveChannels;
  /** The training client to use for each run (tests pass one with fake workers). */
  createClient?: () => TrainingClient;
}

export class FitController {
  private readonly store: typeof useFit;
  private readonly ch: LiveChannels;
  private readonly feed: LiveFeed;
  private client: TrainingClient | null = null;
  private unsub: (() => void) | null = null;
  /** The data of the run in progress (also in the store as runData, for the views). */
  private data: PreparedOk | null = null;
  private depths: number[] = [];
  private depthIndex = 0;
  private stepOffset = 0;
  private lastStep = 0;
  private t0 = 0;
  private pausedAt: number | null = null;
  private pausedTotal = 0;
  private stepOnReady = 0;
  private snapped = NaN;
  private val = NaN;
  private stopping = false;
  /** Where a failed run can continue (resumeRun), with the data, depths and step offset it ran with. */
  private resumeFrom: {
    point: ResumePoint;
    prepared: PreparedOk;
    depths: number[];
    depthIndex: number;
    stepOffset: number;
  } | null = null;

  constructor(private readonly options: ControllerOptions = {}) {
    this.store = options.store ?? useFit;
    this.ch = options.channels ?? liveChannels;
    this.feed = new LiveFeed(this.store, this.ch);
  }

  /** Play from idle/done starts a run; while running it pauses; while paused it resumes. */
  playPause(): void {
    const { status } = this.store.getState();
    if (status === 'running') return this.pause();
    if (status === 'paused') return this.resume();
    if (status === 'starting') return;
    this.start(0);
  }

  pause(): void {
    if (!this.client) return;
    this.client.pause();
    this.pausedAt ??= performance.now();
    this.store.getState().setRun({ status: 'paused' });
  }

  resume(): void {
    if (!this.client) return;
    if (this.pausedAt !== null) this.pausedTotal += performance.now() - this.pausedAt;
    this.pausedAt = null;
    this.client.resume();
    this.store.getState().setRun({ status: 'running' });
  }

  /** A few steps, then paused (starting a paused run when idle). */
  step(): void {
    const { status } = this.store.getState();
    if (status === 'idle' || status === 'done' || status === 'error') return this.start(STEP_SIZE);
    if (!this.client || status === 'starting') return;
    this.pausedAt ??= performance.now();
    this.client.step(STEP_SIZE);
    this.store.getState().setRun({ status: 'paused' });
  }

  stop(): void {
    this.stopping = true;
    if (this.store.getState().status === 'paused') this.resume();
    this.client?.stop();
  }

  /** Back to before the run: the next play starts again from the same seed, so it is the same run. */
  reset(): void {
    this.runToken++;
    this.resumeFrom = null;
    this.teardown();
    this.feed.clear();
    this.ch.history.clear();
    this.store.getState().setRun({ status: 'idle', live: null, message: null, resumable: false });
  }

  /** After a failed run: continue from its last checkpoints (see the file comment); otherwise a fresh run. */
  resumeRun(): void {
    const { status } = this.store.getState();
    if (status === 'running' || status === 'paused' || status === 'starting') return;
    const r = this.resumeFrom;
    if (!r) return this.start(0);
    this.start(0, r);
  }

  /** Diagnostics: terminate the current run's training workers silently (client.killWorkers). */
  killWorkers(): number {
    return this.client?.killWorkers() ?? 0;
  }

  setLr(lr: number): void {
    this.store.getState().setSettings({ lr });
    if (Number.isFinite(lr) && lr > 0) this.client?.set({ lr });
  }

  dispose(): void {
    this.teardown();
  }

  private teardown(): void {
    this.unsub?.();
    this.unsub = null;
    this.client?.dispose();
    this.client = null;
  }

  private start(stepOnReady: number, from: NonNullable<FitController['resumeFrom']> | null = null): void {
    const p = from ? from.prepared : this.store.getState().prepared;
    const store = this.store.getState();
    this.resumeFrom = null;
    if (!p.ok) {
      store.setRun({
        status: 'error',
        message:
          p.stage === 'reading'
            ? 'The data is still being read; press Play again when its preview appears.'
            : `Fix the data first: ${p.errors[0]}`,
      });
      return;
    }
    this.teardown();
    this.feed.begin();
    this.data = p;
    this.depths = from ? from.depths : depthsOf(store.settings);
    this.depthIndex = from ? from.depthIndex : 0;
    this.stepOffset = from ? from.stepOffset : 0;
    this.lastStep = 0;
    this.t0 = performance.now();
    this.pausedAt = null;
    this.pausedTotal = 0;
    this.stepOnReady = stepOnReady;
    this.stopping = false;
    this.snapped = NaN;
    this.val = NaN;
    const token = ++this.runToken;
    store.setRun({ status: stepOnReady > 0 ? 'paused' : 'starting', message: null, resumable: false, runData: p });
    // Clearing the last run's views and starting the workers happen in a task of their own, so the key press or
    // click that starts a run only re-renders the controls.
    setTimeout(() => {
      if (token !== this.runToken) return;
      if (this.stopping) return this.store.getState().setRun({ status: 'idle' });
      // A resumed run keeps the failed run's chart and candidates: it continues them.
      if (!from) {
        this.ch.history.clear();
        this.store.getState().clearCandidates();
      }
      this.client = this.options.createClient?.() ?? new TrainingClient({ progressHz: 30, stallMs: stallMs() });
      this.unsub = this.client.subscribe((e) => this.onEvent(e));
      this.launchDepth(from?.point ?? null);
    }, 0);
  }

  private launchDepth(from: ResumePoint | null = null): void {
    const store = this.store.getState();
    const depth = this.depths[this.depthIndex];
    const problems = from
      ? this.client!.start(from.settings, payloadOf(this.data!), from)
      : this.client!.start(trainSettingsFor(store.settings, depth), payloadOf(this.data!));
    if (problems.length) store.setRun({ status: 'error', message: `Settings: ${problems.join('; ')}` });
    else
      store.setRun({
        status: this.stepOnReady > 0 ? 'paused' : 'starting',
        message: this.depths.length > 1 ? `Sweep: depth ${depth} of ${this.depths.join(', ')}` : null,
      });
  }

  private elapsed(): number {
    const paused = this.pausedTotal + (this.pausedAt !== null ? performance.now() - this.pausedAt : 0);
    return performance.now() - this.t0 - paused;
  }

  private onEvent(e: ClientEvent): void {
    const store = this.store.getState();
    switch (e.type) {
      case 'ready': {
        if (this.stepOnReady > 0) {
          this.client!.step(this.stepOnReady);
          this.pausedAt ??= performance.now();
          this.stepOnReady = 0;
        } else if (store.status === 'starting') store.setRun({ status: 'running' });
        this.feed.ready({
          step: this.stepOffset,
          phase: 'search',
          tau: 2.5,
          elapsedMs: this.elapsed(),
          stepsPerSecond: 0,
          depth: this.depths[this.depthIndex],
          engine: e.engine,
          backend: e.backend,
          workers: e.workers,
        });
        return;
      }
      case 'progress': {
        const best = e.bestRestart;
        let bestSoft = Infinity;
        for (const v of e.soft) if (v < bestSoft) bestSoft = v;
        let hard = Infinity;
        for (const v of e.hard) if (v < hard) hard = v;
        this.lastStep = e.step;
        const step = this.stepOffset + e.step;
        this.ch.history.push(step, { best: bestSoft, hard, snapped: this.snapped, validation: this.val }, e.soft);
        const depth = this.depths[this.depthIndex];
        const nVars = this.data?.split.train.vars.length ?? 1;
        // The general model sends no soft weights (training/generalRun.ts): the live tree keeps its picture.
        const soft = e.weights.length > 0 ? { depth, nVars, weights: e.weights, tau: e.tau[best] ?? 2.5 } : null;
        this.feed.progress(soft, (last) => ({
          ...last,
          step,
          phase: e.phase[best] ?? 'search',
          tau: e.tau[best] ?? NaN,
          elapsedMs: this.elapsed(),
          stepsPerSecond: e.stepsPerSecond > 0 ? e.stepsPerSecond : last.stepsPerSecond,
          depth,
        }));
        return;
      }
      case 'snapshot': {
        // The best tree so far (trainingWorker.ts): its training MSE from the worker, its validation MSE here, on
        // the same rows and by the same function as the candidates' (validationMse), so the chart ends on them.
        this.snapped = e.mseTrain;
        this.val = validationMse(this.data, e.tree);
        this.feed.snapped(e.tree);
        return;
      }
      case 'run':
        // One restart finished: its tree is a candidate now (the final result adds it again, deduplicated).
        store.addCandidates([this.candidateOf(e.result)]);
        return;
      case 'fallback':
        // A worker's share restarted on the other engine: the label says so until that engine reports ready.
        this.feed.patch({ engine: `${e.to} (fell back from ${e.from})`, backend: 'starting…' });
        return;
      case 'engine':
        this.feed.patch({ engine: `${e.engine} (fell back)`, backend: e.backend });
        return;
      case 'result':
        return this.onResult(e.results);
      case 'failed':
        return this.onFailed(e);
      case 'error':
        // Only the client's own settings check reports here, before any worker starts.
        store.setRun({ status: 'error', message: e.message });
        this.teardown();
        return;
      default:
        return;
    }
  }

  private candidateOf(r: RunResult): Candidate {
    return candidateOf(this.data, this.depths[this.depthIndex], r);
  }

  /** The workers died, stopped answering, or did not answer Stop: keep what arrived, offer to resume. */
  private onFailed(e: FailedEvent): void {
    const store = this.store.getState();
    const kept = failedCandidates(this.data, this.depths[this.depthIndex], e);
    store.addCandidates(kept);
    const stopped = e.stopped || this.stopping;
    if (!stopped && e.resume && this.data)
      this.resumeFrom = {
        point: e.resume,
        prepared: this.data,
        depths: this.depths,
        depthIndex: this.depthIndex,
        stepOffset: this.stepOffset,
      };
    this.stepOffset += this.lastStep;
    this.finish(stopped ? 'done' : 'error', failureMessage(e, stopped, kept.length));
  }

  /** Settle the numbers, select the best candidate, and end the run (its workers are released). */
  private finish(status: 'done' | 'error', message: string | null): void {
    const pick = bestCandidate(this.store.getState().candidates)?.tree ?? null;
    const live = this.feed.settle(pick, this.elapsed(), () => this.store.getState().select(pick));
    this.store.getState().setRun({ status, live, message, resumable: this.resumeFrom !== null });
    this.teardown();
  }

  private onResult(results: RunResult[]): void {
    const store = this.store.getState();
    // A stopped run reports every restart too (Trainer.finishNow), each with its best snapped tree so far.
    const cands: Candidate[] = results.map((r) => this.candidateOf(r));
    store.addCandidates(cands);
    this.stepOffset += this.lastStep;
    const exact = cands.some((c) => c.exact);
    if (!exact && !this.stopping && this.depthIndex + 1 < this.depths.length && store.status !== 'idle') {
      this.depthIndex++;
      this.launchDepth();
      return;
    }
    // The numbers settle now; the result card and the crystallised tree follow in frames of their own.
    this.finish('done', this.depths.length > 1 ? this.store.getState().message : null);
    if (!this.options.createClient) setTimeout(prewarmTrainingWorker, 500);
  }

  /** Which start() a deferred worker launch belongs to (a reset or a newer start makes it stale). */
  private runToken = 0;
}

/** The training watchdog (trainingClient.ts stallMs); diagnostics.ts can shorten it for a test of a dead worker. */
let stallOverride: number | null = null;
const stallMs = () => stallOverride ?? undefined;
export function setTrainingStallMs(ms: number | null): void {
  stallOverride = ms !== null && Number.isFinite(ms) && ms >= 100 ? ms : null;
}

/** A table read in the data worker failed or stopped: read it again (a new worker). */
export function retryDataRead(): void {
  cockpitDataSync().retry();
}

/** The cockpit's controller; loading it also connects the data pipeline to the store (dataSync.ts). */
export const controller = new FitController();
cockpitDataSync();
