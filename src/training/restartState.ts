/**
 * The per-restart bookkeeping of the training schedule (schedule.ts): where a restart is in its attempt, the best
 * states it has seen, and the result it reports. Kept apart from the Trainer so the schedule's logic reads on its own.
 */
import { printMathematica } from '../eml/syntax/index.ts';
import { attemptPlan } from './improved.ts';
import { snapParams, type TreeShape } from './model.ts';
import { paramsToTree, treeMse } from './snap.ts';
import { unweighted, type TrainingData } from './targets.ts';
import type { EmlNode } from '../eml/ast.ts';
import type { StepControl } from './engine.ts';
import type { AnnealState } from './anneal.ts';
import { deriveSeed } from './prng.ts';
import { initForRun, RANDOM_INITS, type InitStrategy, type TrainSettings } from './settings.ts';

/** 'anneal': improved.anneal's search after a failed attempt (anneal.ts); the engine does not step this restart. */
export type Phase = 'search' | 'hardening' | 'anneal' | 'done';

export interface RunResult {
  run: number;
  /** 'general': a restart of the generalised model (generalRun.ts), which has no init strategy to choose. */
  init: InitStrategy | 'general';
  seedIndex: number;
  /** The paper's "success": snapped MSE < fitSuccessThr. */
  fit: boolean;
  /** Snapped MSE < successThr. */
  symbol: boolean;
  /** symbol and at most maxUncertainSuccess uncertain weights. */
  stable: boolean;
  /** stable and confirmed on the fresh (generalisation) points: MSE < successThr there too. */
  exact: boolean;
  /** Abandoned after maxNanRestarts NaN restores. */
  abandoned: boolean;
  mseTrain: number;
  mseFresh: number;
  uncertain: number;
  k: number;
  tree: string;
  /** Values of the tree's decimal constant leaves `_c0`, `_c1`, … (general model only; absent when there are none). */
  constants?: Record<string, number>;
  steps: number;
  nanRestarts: number;
  attempts: number;
  /** Attempts cut short by improved.earlyAbandon (0 in paper mode). */
  cutAttempts?: number;
  /** Wall time from this restart's start to its result (restarts share the clock in lockstep). */
  ms: number;
}

export interface RestartState {
  phase: Phase;
  it: number;
  hardStep: number;
  bestSoft: number;
  bestSoftParams: Float64Array | null;
  plateau: number;
  hardHits: number;
  earlyHits: number;
  nanStreak: number;
  nanRestarts: number;
  bestHard: number;
  bestHardParams: Float64Array | null;
  /** improved.smartHardening: the best snapped state seen at evaluations. */
  bestSnap: number;
  bestSnapParams: Float64Array | null;
  attempt: number;
  /** Attempts of this run cut by earlyAbandon so far. */
  cut: number;
  /** Steps spent in earlier attempts of this run. */
  spent: number;
  searchIters: number;
  hardeningIters: number;
  lastSoft: number;
  lastHard: number;
  tau: number;
  result: RunResult | null;
  /** improved.anneal: the annealing under way, and the attempt's result it may better (null outside 'anneal'). */
  anneal: AnnealState | null;
  pending: RunResult | null;
  /** improved.reanneal: whether the annealing under way started from the run's best tree. */
  reannealing: boolean;
  /** improved.reanneal: whether the run's last annealing, from its best tree once out of budget, has begun. */
  finalAnneal: boolean;
  /** improved.reanneal: the lowest-MSE tree any annealing of this run has ended with (kept across attempts). */
  bestAnnealed: AnnealedTree | null;
  t0: number;
}

/** A snapped tree's choices and MSE, as plain data (a checkpoint's structuredClone keeps it). */
export interface AnnealedTree {
  leafCol: Int32Array;
  gateOne: Uint8Array;
  mse: number;
}

/** The state at the start of attempt `attempt` of a run that has already spent `spent` steps. */
export function newRestartState(s: TrainSettings, attempt: number, spent: number): RestartState {
  const plan = attemptPlan(s);
  return {
    phase: 'search',
    it: 0,
    hardStep: 0,
    bestSoft: Infinity,
    bestSoftParams: null,
    plateau: 0,
    hardHits: 0,
    earlyHits: 0,
    nanStreak: 0,
    nanRestarts: 0,
    bestHard: Infinity,
    bestHardParams: null,
    bestSnap: Infinity,
    bestSnapParams: null,
    attempt,
    cut: 0,
    spent,
    searchIters: plan.searchIters,
    hardeningIters: plan.hardeningIters,
    lastSoft: NaN,
    lastHard: NaN,
    tau: s.tauSearch,
    result: null,
    anneal: null,
    pending: null,
    reannealing: false,
    finalAnneal: false,
    bestAnnealed: null,
    t0: performance.now(),
  };
}

/** The tree a worker shows as its live "snapped tree": the one its restarts would report if stopped now. */
export interface BestSoFar {
  restart: number;
  tree: string;
  k: number;
  mseTrain: number;
}

/**
 * The best tree the restarts have so far, judged as `Trainer.attemptResult` judges a restart's end: the snap of
 * its best hard state (else best soft, else current), or the discrete search's best snap when lower, or an earlier
 * attempt's result when lower still. The naive snap of the current soft weights — what the live view showed
 * before — is a different tree: while τ is large it is often exp(exp(x)) or worse, with training and validation
 * errors of 1e11 and more, while the run's results (the numbers panel, the result card) are far below. Reporting
 * this tree keeps the chart's snapped lines on the same scale as those numbers, and they only go down within an
 * attempt.
 */
export function bestSoFar(
  states: readonly RestartState[],
  shape: TreeShape,
  current: (r: number, out: Float64Array) => void,
  data: TrainingData,
): BestSoFar | null {
  let best: BestSoFar | null = null;
  const params = new Float64Array(shape.nParams);
  const snapped = new Float64Array(shape.nParams);
  const consider = (restart: number, tree: string, k: number, mseTrain: number) => {
    if (!best || mseTrain < best.mseTrain || (mseTrain === best.mseTrain && k < best.k))
      best = { restart, tree, k, mseTrain };
  };
  const fromParams = (restart: number, p: Float64Array) => {
    const tree = paramsToTree(shape, p, data.vars);
    consider(restart, printMathematica(tree), tree.k, treeMse(tree, data));
  };
  states.forEach((st, r) => {
    if (st.result) consider(r, st.result.tree, st.result.k, st.result.mseTrain);
    if (st.phase === 'done') return;
    if (st.bestHardParams) params.set(st.bestHardParams);
    else if (st.bestSoftParams) params.set(st.bestSoftParams);
    else current(r, params);
    fromParams(r, snapParams(shape, params, snapped));
    if (st.bestSnapParams) fromParams(r, st.bestSnapParams);
  });
  return best;
}

/** The data a Trainer trains on and the fresh points that confirm an exact tree. */
export interface TrainerData {
  train: TrainingData;
  fresh: TrainingData;
}

/** τ, penalty weights and learning-rate factor of restart r's next engine step, from its phase (the reference's). */
export function phaseControl(s: TrainSettings, st: RestartState, ctl: StepControl, r: number): void {
  if (st.phase === 'search') {
    st.tau = s.tauSearch;
    ctl.lamEnt[r] = 0;
    ctl.lamBin[r] = 0;
    ctl.lrMult[r] = 1;
  } else if (st.phase === 'hardening') {
    const t = st.hardStep / st.hardeningIters;
    st.tau = s.tauSearch * (s.tauHard / s.tauSearch) ** (t ** s.hardeningTauPower);
    ctl.lamEnt[r] = s.lamEntHard * t;
    ctl.lamBin[r] = s.lamBinHard * t;
    ctl.lrMult[r] = Math.max(s.hardeningLrFloor, (1 - t) ** 2);
  }
}

/** Whether the step just taken is an evaluation step (every evalEvery, and every tailEvalEvery late in hardening). */
export function isEvalStep(s: TrainSettings, st: RestartState): boolean {
  if (st.it % s.evalEvery === 0) return true;
  return st.phase === 'hardening' && st.tau <= s.tailEvalTau && st.it % s.tailEvalEvery === 0;
}

/** Whether the search phase is over: its length reached, a plateau at a low loss, or repeated hard hits. */
export function searchOver(s: TrainSettings, st: RestartState): boolean {
  // st.it counts the steps taken: the reference's loop hardens from iteration searchIters + 1 on.
  return (
    st.it >= st.searchIters ||
    (st.plateau >= s.patience && st.bestSoft < s.patienceThreshold) ||
    st.hardHits >= s.hardTriggerCount
  );
}

/** A snapped tree judged in float64: the paper's criteria on the training data, exactness on the fresh points. */
export function judgeTree(
  tree: EmlNode,
  data: TrainerData,
  s: TrainSettings,
  run: number,
  st: RestartState,
  uncertain: number,
  abandoned: boolean,
): RunResult {
  const mseTrain = treeMse(tree, data.train);
  const symbol = mseTrain < s.successThr;
  const stable = symbol && uncertain <= s.maxUncertainSuccess;
  const mseFresh = symbol ? treeMse(tree, unweighted(data.fresh)) : NaN;
  const { init, seedIndex } = initForRun(s, run);
  return {
    run,
    init,
    seedIndex,
    fit: mseTrain < s.fitSuccessThr,
    symbol,
    stable,
    exact: stable && mseFresh < s.successThr,
    abandoned,
    mseTrain,
    mseFresh,
    uncertain,
    k: tree.k,
    tree: printMathematica(tree),
    steps: st.spent + st.it,
    nanRestarts: st.nanRestarts,
    attempts: st.attempt + 1,
    cutAttempts: st.cut,
    ms: performance.now() - st.t0,
  };
}

/** A run's final result: the better of its last attempt's and an earlier one's, with the whole run's counts. */
export function finalResult(prev: RunResult | null, result: RunResult): RunResult {
  if (!prev || !(prev.mseTrain < result.mseTrain)) return result;
  const { steps, attempts, cutAttempts, ms, nanRestarts } = result;
  return { ...prev, steps, attempts, cutAttempts, ms, nanRestarts };
}

/** Seed of one discrete search of run `run` (kicks at 0x7000, annealing at 0xa000, re-annealing at 0xc000): its seed, strategy and `k`. */
export function searchSeed(s: TrainSettings, run: number, base: number, k: number): number {
  const { init, seedIndex } = initForRun(s, run);
  return deriveSeed(s.seed, seedIndex, base + (RANDOM_INITS.indexOf(init) + 1) * 0x100 + k);
}

/** The restart with the lowest last soft loss. */
export function lowestSoft(states: readonly RestartState[]): number {
  let best = 0;
  for (let r = 1; r < states.length; r++) if (!(states[r].lastSoft >= states[best].lastSoft)) best = r;
  return best;
}
