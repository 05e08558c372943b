/**
 * The training schedule of the reference (docs/fitting.md#schedule), per restart, driving any TrainEngine in
 * lockstep: SEARCH at fixed τ with plateau tracking → HARDENING (τ annealed geometrically, entropy/binarity
 * ramped, lr decayed) → snap → success test in float64 by the core. NaN guard: skip non-finite steps; after
 * `nanRestartPatience` in a row, restore the best soft state with a fresh Adam; abandon after `maxNanRestarts`.
 * The improvements of improved.ts hook in at init, at evaluations and at the end of an attempt.
 */
import type { EmlNode } from '../eml/ast.ts';
import { makeStepControl, makeStepOutput, type TrainEngine } from './engine.ts';
import { countUncertain, snapParams } from './model.ts';
import { NativeTree } from './nativeEngine.ts';
import { Prng, deriveSeed } from './prng.ts';
import { initForRun, patchSettings, RANDOM_INITS, type LivePatch, type TrainSettings } from './settings.ts';
import { initParams } from './init.ts';
import {
  attemptPlan,
  CLIMB_SWEEPS_EVAL,
  CLIMB_SWEEPS_FINAL,
  TREE_MOVE_KICKS,
  flipBudget,
  improvedInit,
  isHopeless,
  snapSearch,
} from './improved.ts';
import { DiscreteTree } from './discrete.ts';
import { AnnealPhase } from './annealPhase.ts';
import { paramsToTree } from './snap.ts';
import {
  finalResult,
  isEvalStep,
  judgeTree,
  lowestSoft,
  newRestartState,
  phaseControl,
  searchOver,
  searchSeed,
  type RestartState,
  type RunResult,
  type TrainerData,
} from './restartState.ts';

export type { Phase, RunResult, TrainerData } from './restartState.ts';

export class Trainer {
  readonly R: number;
  readonly state: RestartState[];
  private readonly ctl;
  private readonly out;
  private readonly mse: Float64Array;
  private readonly evalMask: Uint8Array;
  private readonly buf: Float64Array;
  private readonly snapBuf: Float64Array;
  /** float64 checker of snapped states, any engine; the JavaScript kernel, whose exact trees score exactly 0. */
  private readonly checker: NativeTree;
  /** Incremental float64 evaluator of snapped trees (smartHardening, localSearch). */
  private readonly discrete: DiscreteTree;
  /** improved.anneal's phase after a missed attempt (annealPhase.ts). */
  private readonly annealing: AnnealPhase;
  private manualTree: EmlNode | undefined;

  constructor(
    readonly engine: TrainEngine,
    readonly settings: TrainSettings,
    readonly data: TrainerData,
    readonly runOffset = 0,
    manual?: EmlNode,
  ) {
    this.R = engine.restarts;
    this.ctl = makeStepControl(this.R);
    this.out = makeStepOutput(this.R);
    this.mse = new Float64Array(this.R);
    this.evalMask = new Uint8Array(this.R);
    this.buf = new Float64Array(engine.shape.nParams);
    this.snapBuf = new Float64Array(engine.shape.nParams);
    this.checker = new NativeTree(engine.shape, data.train, settings.emlClamp, settings.interThreshold, 'js');
    this.discrete = new DiscreteTree(engine.shape, data.train, 8);
    this.annealing = new AnnealPhase(
      this.discrete,
      settings,
      data.train,
      (r, st, abandoned) => {
        this.discrete.toParams(this.snapBuf);
        return this.snapResult(r, st, 0, abandoned);
      },
      (r, base, attempt) => searchSeed(settings, runOffset + r, base, attempt),
    );
    this.manualTree = manual;
    this.state = Array.from({ length: this.R }, (_, r) => this.freshState(r, 0, 0));
  }

  private freshState(r: number, attempt: number, spent: number): RestartState {
    const st = newRestartState(this.settings, attempt, spent);
    this.engine.setParams(r, this.initialParams(r, attempt));
    this.engine.resetOptimizer(r);
    return st;
  }

  /** Initial parameters of restart r's attempt (attempt 0 is the paper's run). */
  initialParams(r: number, attempt: number): Float64Array {
    const s = this.settings;
    const { init, seedIndex } = initForRun(s, this.runOffset + r);
    const salt = (RANDOM_INITS.indexOf(init) + 1) * 0x1000 + attempt;
    const rng = new Prng(deriveSeed(s.seed, seedIndex, salt));
    const opts = {
      scale: s.initScale,
      k: s.initK,
      noise: s.initNoise,
      manual: this.manualTree,
      vars: this.data.train.vars,
    };
    if (s.improved.betterInit && init !== 'manual') return improvedInit(this.engine.shape, init, rng, opts);
    return initParams(this.engine.shape, init, rng, opts);
  }

  get done(): boolean {
    return this.state.every((s) => s.phase === 'done');
  }

  /** Run up to `maxSteps` lockstep engine steps; returns the number taken. */
  advance(maxSteps: number): number {
    let taken = 0;
    while (taken < maxSteps && !this.done) {
      this.stepOnce();
      taken++;
    }
    return taken;
  }

  private stepOnce(): void {
    const s = this.settings;
    const { ctl, out } = this;
    for (let r = 0; r < this.R; r++) {
      const st = this.state[r];
      ctl.active[r] = st.phase === 'done' || st.phase === 'anneal' ? 0 : 1;
      phaseControl(s, st, ctl, r);
      ctl.tau[r] = st.tau;
    }
    // Every restart may be annealing (no engine step then: the tfjs engine would still run its whole batch).
    if (ctl.active.some((a) => a === 1)) this.engine.step(ctl, out);
    this.evalMask.fill(0);
    for (let r = 0; r < this.R; r++) {
      const st = this.state[r];
      if (!ctl.active[r]) continue;
      this.afterStep(r, st);
      // The reference's loop `continue`s past a non-finite loss, its evaluation included.
      if (st.phase !== 'done' && Number.isFinite(out.total[r]) && isEvalStep(this.settings, st)) this.evalMask[r] = 1;
    }
    if (this.evalMask.some((m) => m === 1)) {
      this.engine.evalMse(s.tauHard, this.evalMask, this.mse);
      for (let r = 0; r < this.R; r++) if (this.evalMask[r]) this.afterEval(r, this.state[r], this.mse[r]);
    }
    for (let r = 0; r < this.R; r++) {
      const st = this.state[r];
      if (st.phase === 'search' && searchOver(s, st)) this.startHardening(r, st);
      else if (st.phase === 'anneal') this.annealStep(r, st);
      else if (
        st.phase === 'hardening' &&
        (st.hardStep >= st.hardeningIters || st.it >= st.searchIters + st.hardeningIters)
      )
        this.finishAttempt(r, st);
    }
  }

  private afterStep(r: number, st: RestartState): void {
    const s = this.settings;
    const { out } = this;
    st.lastSoft = out.data[r];
    if (!out.finite[r]) {
      st.nanStreak++;
      if (st.phase === 'search') {
        st.plateau++;
        // At fixed τ a skipped step leaves everything as it was, so the next ones are skipped too: jump to the
        // restore, counting the iterations the reference would have spent.
        const skip = s.nanRestartPatience - st.nanStreak;
        if (skip > 0) {
          st.nanStreak += skip;
          st.plateau += skip;
          st.it += skip;
        }
      }
      if (st.nanStreak >= s.nanRestartPatience) {
        st.nanStreak = 0;
        st.nanRestarts++;
        if (st.bestSoftParams) this.engine.setParams(r, st.bestSoftParams);
        this.engine.resetOptimizer(r);
        if (st.nanRestarts >= s.maxNanRestarts) {
          st.it++;
          this.finishAttempt(r, st, true);
          return;
        }
        if (isHopeless(s, st.it, st.searchIters, st.bestSoft, st.nanRestarts, this.data.train)) {
          st.it++;
          this.finishAttempt(r, st, false, true);
          return;
        }
      }
    } else {
      st.nanStreak = 0;
      // As the reference: in either phase, the state after this step's update; the first improvement's relative
      // gain is ∞/∞ = NaN there, which counts as none.
      const d = out.data[r];
      if (Number.isFinite(d) && d < st.bestSoft) {
        const rel = (st.bestSoft - d) / Math.max(st.bestSoft, 1e-15);
        st.bestSoft = d;
        st.bestSoftParams ??= new Float64Array(this.engine.shape.nParams);
        this.engine.getParams(r, st.bestSoftParams);
        st.plateau = rel > s.plateauRtol ? 0 : st.plateau + 1;
      } else st.plateau++;
    }
    st.it++;
    if (st.phase === 'hardening') st.hardStep++;
  }

  private afterEval(r: number, st: RestartState, mse: number): void {
    const s = this.settings;
    st.lastHard = mse;
    if (mse < st.bestHard) {
      st.bestHard = mse;
      st.bestHardParams ??= new Float64Array(this.engine.shape.nParams);
      this.engine.getParams(r, st.bestHardParams);
    }
    if (st.phase === 'search') st.hardHits = mse < s.hardTriggerMse ? st.hardHits + 1 : 0;
    else {
      st.earlyHits = mse < s.successThr ? st.earlyHits + 1 : 0;
      if (st.earlyHits >= s.earlyStopCount) {
        this.finishAttempt(r, st);
        return;
      }
    }
    if (s.improved.smartHardening || s.improved.localSearch || s.improved.treeMoves) {
      // Snap now and judge the discrete tree in float64: an exact tree ends the run at once, whatever phase.
      this.engine.getParams(r, this.buf);
      const snapMse = this.discreteSearch(this.buf, false);
      if (snapMse < st.bestSnap) {
        st.bestSnap = snapMse;
        st.bestSnapParams ??= new Float64Array(this.engine.shape.nParams);
        this.discrete.toParams(st.bestSnapParams);
      }
      if (snapMse < s.successThr) {
        this.finishAttempt(r, st);
        return;
      }
    }
    if (st.phase === 'search' && isHopeless(s, st.it, st.searchIters, st.bestSoft, st.nanRestarts, this.data.train))
      this.finishAttempt(r, st, false, true);
  }

  /** smartHardening / localSearch from `params`; leaves the best tree in this.discrete and returns its MSE. */
  private discreteSearch(params: ArrayLike<number>, final: boolean, kickSeed?: number): number {
    const s = this.settings;
    const dt = this.discrete;
    if (s.improved.smartHardening) snapSearch(dt, params, flipBudget(this.engine.shape), s.successThr);
    else dt.fromParams(params);
    if (s.improved.localSearch || s.improved.treeMoves)
      dt.climb(final ? CLIMB_SWEEPS_FINAL : CLIMB_SWEEPS_EVAL, s.successThr, final, !!s.improved.treeMoves);
    if (final && s.improved.treeMoves && kickSeed !== undefined)
      dt.kickClimb(TREE_MOVE_KICKS, CLIMB_SWEEPS_EVAL, s.successThr, new Prng(kickSeed));
    return dt.mse;
  }

  private startHardening(r: number, st: RestartState): void {
    if (st.bestSoftParams) this.engine.setParams(r, st.bestSoftParams);
    this.engine.resetOptimizer(r);
    st.phase = 'hardening';
    st.hardStep = 0;
  }

  /** End of an attempt: snap and verify it; then maybe anneal (improved.anneal), maybe begin another attempt. */
  private finishAttempt(r: number, st: RestartState, abandoned = false, hopeless = false): void {
    if (hopeless) st.cut++;
    const result = this.attemptResult(r, st, abandoned, !hopeless);
    // An attempt that ran its course and missed hands its tree (in this.snapBuf) to the annealing; cut and
    // abandoned attempts do not, so a run of many hopeless attempts does not anneal after each.
    if (this.settings.improved.anneal && !result.exact && !hopeless && !abandoned) {
      this.discrete.fromParams(this.snapBuf);
      this.annealing.begin(r, st, result);
      return;
    }
    this.afterAttempt(r, st, result);
  }

  /** One chunk of restart r's annealing; when the phase is over, its result ends the attempt. */
  private annealStep(r: number, st: RestartState): void {
    const result = this.annealing.step(r, st);
    if (result) this.afterAttempt(r, st, result);
  }

  /** With adaptive restarts and budget left, a missed attempt is followed by a fresh one; else the run ends. */
  private afterAttempt(r: number, st: RestartState, result: RunResult): void {
    const s = this.settings;
    const budget = (s.searchIters + s.hardeningIters) * s.budgetFactor;
    const next = attemptPlan(s);
    if (s.improved.adaptiveRestarts && !result.exact && result.steps + next.minSteps <= budget) {
      const { t0, cut, bestAnnealed } = st;
      const prev = st.result;
      Object.assign(st, this.freshState(r, st.attempt + 1, result.steps), { t0, cut, bestAnnealed });
      // Keep the best outcome so far, so the run reports a fit even if a later attempt does worse.
      st.result = prev && prev.mseTrain <= result.mseTrain ? prev : result;
      return;
    }
    if (this.annealing.beginFinal(r, st, finalResult(st.result, result), result)) return;
    this.settle(st, result);
  }

  /**
   * Stop: end every unfinished restart at once with the tree its current attempt has so far (no last wide search,
   * no further attempt), so `results()` reports one result per restart. Finished restarts keep theirs.
   */
  finishNow(): void {
    for (let r = 0; r < this.R; r++) {
      const st = this.state[r];
      if (st.phase === 'anneal') this.settle(st, this.annealing.end(r, st));
      else if (st.phase !== 'done') this.settle(st, this.attemptResult(r, st, false, false));
    }
  }

  /** The run's final result (the better of this attempt's and an earlier one's, with the whole run's counts). */
  private settle(st: RestartState, result: RunResult): void {
    st.result = finalResult(st.result, result);
    st.phase = 'done';
  }

  /**
   * The current attempt's tree: choose the state (best hard, else best soft, else current), snap it, with
   * `wideSearch` try a last, wider discrete search, keep the best snap seen, and verify it in float64.
   */
  private attemptResult(r: number, st: RestartState, abandoned: boolean, wideSearch: boolean): RunResult {
    const s = this.settings;
    const shape = this.engine.shape;
    const chosen = new Float64Array(shape.nParams);
    if (st.bestHardParams) chosen.set(st.bestHardParams);
    else if (st.bestSoftParams) chosen.set(st.bestSoftParams);
    else this.engine.getParams(r, chosen);
    let uncertain = countUncertain(shape, chosen, s.snapThreshold);
    snapParams(shape, chosen, this.snapBuf);
    if ((s.improved.localSearch || s.improved.treeMoves) && wideSearch && !(st.bestSnap < s.successThr)) {
      // Pairs of changes (and kicks), from the chosen state and from the best snap so far.
      for (const [q, from] of [chosen, st.bestSnapParams].entries()) {
        if (!from) continue;
        const m = this.discreteSearch(
          from,
          true,
          searchSeed(this.settings, this.runOffset + r, 0x7000, 2 * st.attempt + q),
        );
        if (m < st.bestSnap) {
          st.bestSnap = m;
          st.bestSnapParams ??= new Float64Array(shape.nParams);
          this.discrete.toParams(st.bestSnapParams);
        }
        if (m < s.successThr) break;
      }
    }
    const snapMse = this.checker.forward(this.snapBuf, s.tauHard, false);
    // On a tie between two exact trees, prefer the discrete search's one-hot state (it has no uncertain weights).
    if (st.bestSnapParams && (st.bestSnap < snapMse || (st.bestSnap < s.successThr && st.bestSnap <= snapMse))) {
      this.snapBuf.set(st.bestSnapParams);
      uncertain = 0; // the state is the snapped (one-hot) one itself
    }
    return this.snapResult(r, st, uncertain, abandoned);
  }

  /** The result of restart r's attempt whose tree is in this.snapBuf, verified in float64 on train and fresh data. */
  private snapResult(r: number, st: RestartState, uncertain: number, abandoned: boolean): RunResult {
    const tree = paramsToTree(this.engine.shape, this.snapBuf, this.data.train.vars);
    return judgeTree(tree, this.data, this.settings, this.runOffset + r, st, uncertain, abandoned);
  }

  /** Restart with the lowest last soft loss (for the UI's "best restart"). */
  bestRestart(): number {
    return lowestSoft(this.state);
  }

  /** Live changes without a reset (TF Playground style): lr goes to the engine, τ values apply from the next step. */
  applyPatch(patch: LivePatch): void {
    patchSettings(this.settings, patch);
    if (patch.lr !== undefined) this.engine.setLr(this.settings.lr);
  }

  /** Schedule state and parameters of every restart; the optimiser state is not kept (a fresh Adam on resume). */
  checkpoint(): { states: RestartState[]; params: Float64Array } {
    const P = this.engine.shape.nParams;
    const params = new Float64Array(this.R * P);
    for (let r = 0; r < this.R; r++) this.engine.getParams(r, params.subarray(r * P, (r + 1) * P));
    return { states: this.state.map((st) => structuredClone(st)), params };
  }

  restore(cp: { states: unknown[]; params: Float64Array }): void {
    const P = this.engine.shape.nParams;
    cp.states.forEach((st, r) => {
      if (r >= this.R) return;
      Object.assign(this.state[r], st as RestartState, { t0: performance.now() });
      this.engine.setParams(r, cp.params.subarray(r * P, (r + 1) * P));
      this.engine.resetOptimizer(r);
    });
  }

  results(): RunResult[] {
    return this.state.map((st) => st.result).filter((x): x is RunResult => x !== null && this.done);
  }
}
