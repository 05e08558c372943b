/**
 * The generalised model (generalModel.ts, generalTrainer.ts) as one share of a training run, in the terms the
 * training worker reports (workers/protocol.ts): per-restart phase, τ and soft loss for the loss chart, the best
 * snapped tree so far, and one RunResult per finished restart, with the same success tests as the paper's trainer
 * (schedule.ts: snapped MSE below successThr on the training rows, then on the fresh points).
 *
 * Pure and synchronous: the worker calls `advance(n)` in time slices and handles its commands between them; a test
 * calls it in a loop. What it cannot supply that the paper's trainer does: the soft weights of the live tree (the
 * general model's per-input choices have another layout, so `weights` is empty), a hardened-MSE series
 * (`hard` is NaN) and checkpoints (a failed share starts again from its seed). A tree that keeps a decimal constant
 * is reported with the constant as a leaf `_c<i>` and its value in RunResult.constants.
 */
import { printMathematica } from '../eml/syntax/index.ts';
import { parseEml } from '../eml/syntax/detect.ts';
import { bindConstants, constantLeaves, type Constants } from '../fit/certificate.ts';
import { paramCount } from '../fit/search/expr.ts';
import { emlOf } from '../fit/search/toEml.ts';
import { GeneralStepper } from './generalTrainer.ts';
import type { Phase, RunResult } from './restartState.ts';
import type { TrainSettings } from './settings.ts';
import { treeMse } from './snap.ts';
import { unweighted, type TrainingData } from './targets.ts';

/** Training data with the tree's constants bound as inputs (certificate.ts bindConstants, for TrainingData). */
const bindTraining = (d: TrainingData, c: Constants | undefined): TrainingData => bindConstants(d, c);

/** A share's seed: the run's seed mixed with the share's first restart, so pool workers draw different inits. */
export const shareSeed = (seed: number, runOffset: number) => (seed + Math.imul(runOffset, 0x9e3779b1)) >>> 0;

export interface GeneralSnapshot {
  restart: number;
  tree: string;
  k: number;
  mseTrain: number;
}

export class GeneralTrainingRun {
  readonly stepper: GeneralStepper;
  private readonly results: RunResult[] = [];
  private readonly t0 = performance.now();
  private restartT0 = performance.now();

  constructor(
    readonly settings: TrainSettings,
    readonly data: { train: TrainingData; fresh: TrainingData },
    readonly runOffset: number,
    readonly restarts: number,
  ) {
    const s = settings;
    const train = data.train;
    this.stepper = new GeneralStepper(
      { x: train.x, y: train.target, n: train.n, ...(train.weight ? { w: train.weight } : {}) },
      {
        depth: s.depth,
        seed: shareSeed(s.seed, runOffset),
        restarts,
        steps: s.searchIters + s.hardeningIters,
        searchShare: s.searchIters / (s.searchIters + s.hardeningIters),
        // The share stops at its first exact tree it can report (no decimal constant left), as the paper's
        // trainer ends a restart at an exact snap.
        stopWhen: (c) => paramCount(c.expr) === 0 && c.mse < s.successThr,
      },
    );
  }

  get done(): boolean {
    return this.stepper.done;
  }

  /** Runs at most n steps; returns how many ran. */
  advance(n: number): number {
    const ran = this.stepper.advance(n);
    this.collect();
    return ran;
  }

  /** Stop: the restart in progress ends with its snapped tree as it stands; every finished restart is kept. */
  finishNow(): void {
    this.stepper.finishNow('cancelled');
    this.collect();
  }

  /**
   * Restarts finished since the last call, as RunResults (each reported once). A restart whose snapped tree does
   * not evaluate to finite values (typical when Stop snaps one early in its search phase) has no tree to report.
   */
  private reportedUpTo = 0;
  takeFinished(): RunResult[] {
    const out = this.results.slice(this.reportedUpTo).filter((r) => r.tree);
    this.reportedUpTo = this.results.length;
    return out;
  }

  /** Every finished restart that has a tree. */
  allResults(): RunResult[] {
    return this.results.filter((r) => r.tree);
  }

  /** Per restart of the share: finished ones 'done', the current one live, later ones not started (NaN). */
  progress(): { phase: Phase[]; tau: Float64Array; soft: Float64Array; hard: Float64Array; best: number } {
    const st = this.stepper;
    const phase: Phase[] = [];
    const tau = new Float64Array(this.restarts).fill(NaN);
    const soft = new Float64Array(this.restarts).fill(NaN);
    for (let r = 0; r < this.restarts; r++) {
      if (r < this.results.length) {
        phase.push('done');
        soft[r] = this.results[r].mseTrain;
      } else if (r === st.restart && !st.done) {
        phase.push(st.phase);
        tau[r] = st.tau;
        soft[r] = st.lastSoft;
      } else phase.push(st.done ? 'done' : 'search');
    }
    let best = Math.min(st.restart, this.restarts - 1);
    for (let r = 0; r < this.restarts; r++) if (soft[r] < soft[best] || !(soft[best] === soft[best])) best = r;
    return { phase, tau, soft, hard: new Float64Array(this.restarts).fill(NaN), best };
  }

  /** The best finished restart's constant-free tree, or null before any such restart has finished. */
  snapshot(): GeneralSnapshot | null {
    let best: RunResult | null = null;
    // A tree with decimal constants reaches the page only as a finished run (with its values): the snapshot
    // protocol carries no constants, so the live tree is the best constant-free one.
    for (const r of this.results)
      if (
        r.tree &&
        !r.constants &&
        (!best || r.mseTrain < best.mseTrain || (r.mseTrain === best.mseTrain && r.k < best.k))
      )
        best = r;
    return best ? { restart: best.run, tree: best.tree, k: best.k, mseTrain: best.mseTrain } : null;
  }

  private collect(): void {
    const fin = this.stepper.finished;
    while (this.results.length < fin.length) {
      const r = this.results.length;
      this.results.push(this.resultOf(r, fin[r]));
      this.restartT0 = performance.now();
    }
  }

  /**
   * A finished restart as a RunResult. Its tree is the snapped expression compiled to a pure EML tree
   * (fit/search/toEml.ts): constants snapped to closed forms (e, 2, 1/2…) are compiled in as EML subtrees; one left
   * as a decimal is a leaf `_c<i>` whose value is in `constants` (the certificate binds it as an input).
   */
  private resultOf(r: number, cand: GeneralStepper['finished'][number]): RunResult {
    const s = this.settings;
    const base = {
      run: this.runOffset + r,
      init: 'general' as const,
      seedIndex: r,
      abandoned: false,
      uncertain: 0,
      steps: this.stepper.stepsPerRestart,
      nanRestarts: 0,
      attempts: 1,
      ms: performance.now() - this.restartT0,
    };
    const form = cand ? emlOf(cand.expr, this.data.train.vars) : null;
    if (!cand || !form)
      return {
        ...base,
        fit: false,
        symbol: false,
        stable: false,
        exact: false,
        mseTrain: Infinity,
        mseFresh: NaN,
        k: 0,
        tree: '',
      };
    const text = printMathematica(form.tree);
    const tree = parseEml(text).tree;
    // Constants left as decimals stay leaves `_c<i>` (the search's names, value params[i]); they are bound as inputs.
    const leaves = constantLeaves(tree);
    const constants = leaves.length
      ? Object.fromEntries(leaves.map((name) => [name, cand.params[Number(name.slice(2))]]))
      : undefined;
    const mseTrain = treeMse(tree, bindTraining(this.data.train, constants));
    const symbol = mseTrain < s.successThr;
    const mseFresh = symbol ? treeMse(tree, bindTraining(unweighted(this.data.fresh), constants)) : NaN;
    return {
      ...base,
      fit: mseTrain < s.fitSuccessThr,
      symbol,
      stable: symbol,
      exact: symbol && mseFresh < s.successThr,
      mseTrain,
      mseFresh,
      k: form.k,
      tree: text,
      ...(constants ? { constants } : {}),
    };
  }

  /** Milliseconds since the share started. */
  elapsed(): number {
    return performance.now() - this.t0;
  }
}
