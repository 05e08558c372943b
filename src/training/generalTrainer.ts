/**
 * Training the generalised EML tree (generalModel.ts) and turning it into a pure EML candidate, following the
 * reference schedule's ideas (schedule.ts): a search phase at τ = 1, then hardening — τ annealed geometrically
 * toward `tauHard` while an entropy penalty ramps up, so every input's softmax settles on one choice — then a snap
 * of each input to its arg-max. The snapped tree's trainable constants are refitted by Levenberg–Marquardt on the
 * data and snapped to the simplest closed form that keeps the fit (fit/search/snap.ts), otherwise kept as decimal
 * constant leaves. Adam with torch's update rule and gradient-norm clipping as in the native engine; float64.
 *
 * Pure and synchronous, with a deadline and a cancel flag checked between steps, so the search worker (or a
 * training worker) can run it as one more source of candidates.
 */
import { bin, ONE_C, param, paramCount, size, vr, type Expr } from '../fit/search/expr.ts';
import { levenbergMarquardt, stateAt, type FitOptions } from '../fit/search/fitConstants.ts';
import { snapConstants } from '../fit/search/snap.ts';
import {
  argmaxChoices,
  constIndex,
  GeneralTree,
  generalShape,
  slotChild,
  type GeneralData,
  type GeneralShape,
} from './generalModel.ts';
import { Prng } from './prng.ts';

export interface GeneralTrainOptions {
  depth: number;
  seed: number;
  /** Independent restarts (fresh initialisations); the best snapped result is kept. */
  restarts?: number;
  /** Adam steps per restart (search + hardening). */
  steps?: number;
  lr?: number;
  /** Share of the steps in the search phase at τ = 1 (the rest is hardening). */
  searchShare?: number;
  /** Temperature at the end of hardening. */
  tauHard?: number;
  /** Entropy weight at the end of hardening. */
  lamEntHard?: number;
  gradClip?: number;
  /** Scale of the initial logits (standard normal × initScale). */
  initScale?: number;
  /** Whether a snapped fit is still good enough when a constant is replaced by a closed form. */
  accept?: (mse: number, fittedMse: number) => boolean;
  /** Stop the restarts once a snapped result's MSE is at or below this. */
  stopMse?: number;
  /** Stop the restarts once a restart's snapped result passes this test (a host's own notion of done). */
  stopWhen?: (c: { expr: Expr; params: Float64Array; mse: number }) => boolean;
  /** performance.now()-style time after which no new step starts; the best so far is returned. */
  deadline?: number;
  now?: () => number;
  signal?: { readonly aborted: boolean };
  /** Called every 64 steps (a host reports progress from it). */
  onTick?: () => void;
}

export interface GeneralResult {
  /** The snapped tree in the search's expression language: eml nodes over 1, variables and constants. */
  expr: Expr;
  /** Values of the expression's remaining fitted constants (decimal constant leaves), in tree order. */
  params: Float64Array;
  /** Data MSE of the snapped, refitted and constant-snapped tree (weighted when the data carry weights). */
  mse: number;
  /** Data MSE of the soft tree at the end of hardening. */
  softMse: number;
  restarts: number;
  steps: number;
  stopped: 'done' | 'target' | 'deadline' | 'cancelled';
}

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPS = 1e-8;

/** The hardened tree as a search expression: each slot's arg-max choice, constants in tree (left-first) order. */
export function snappedExpr(
  depth: number,
  nVars: number,
  params: ArrayLike<number>,
): { expr: Expr; values: Float64Array } {
  const shape = generalShape(depth, nVars);
  const choice = argmaxChoices(shape, params);
  const values: number[] = [];
  const slot = (s: number): Expr => {
    const k = choice[s];
    if (k === 0) return ONE_C;
    if (k <= nVars) return vr(k - 1);
    if (k === shape.colConst) {
      values.push(params[constIndex(shape, s)]);
      return param(values.length - 1);
    }
    return node(slotChild(shape, s));
  };
  const node = (j: number): Expr => {
    const a = slot(2 * j);
    return bin('eml', a, slot(2 * j + 1));
  };
  const expr = node(shape.nNodes - 1);
  return { expr, values: Float64Array.from(values) };
}

export function trainGeneral(data: GeneralData, opts: GeneralTrainOptions): GeneralResult {
  const now = opts.now ?? (() => performance.now());
  const deadline = opts.deadline ?? Infinity;
  const run = new GeneralStepper(data, opts);
  while (!run.done) {
    if (opts.signal?.aborted || now() >= deadline) {
      run.finishNow(opts.signal?.aborted ? 'cancelled' : 'deadline');
      break;
    }
    run.advance(64);
    opts.onTick?.();
  }
  return run.result();
}

/**
 * The training as a resumable process: `advance(n)` runs at most n Adam steps and ends (snaps) each restart as it
 * completes, so a host can run it in time slices and handle commands between them (the training worker), or in
 * one loop (trainGeneral). The random stream is drawn in the same order either way, so a seed gives one result.
 */
export class GeneralStepper {
  readonly shape: GeneralShape;
  readonly restarts: number;
  readonly stepsPerRestart: number;
  /** The restart being trained (= restarts when all are done). */
  restart = 0;
  /** Steps done in the current restart (0: not started, its parameters not drawn yet). */
  t = 0;
  steps = 0;
  done = false;
  /** Data MSE of the soft tree at the last finite step, and the temperature of that step. */
  lastSoft = Infinity;
  tau = 1;
  /** Each finished restart's snapped candidate (null where the snapped tree was not finite), in order. */
  readonly finished: Array<{ expr: Expr; params: Float64Array; mse: number } | null> = [];
  private best: GeneralResult | null = null;
  private stopped: GeneralResult['stopped'] = 'done';
  private readonly tree: GeneralTree;
  private readonly params: Float64Array;
  private readonly grad: Float64Array;
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private readonly rng: Prng;
  private readonly lmOpts: FitOptions;
  private readonly cols: { x: readonly Float64Array[]; n: number; y: Float64Array };
  private readonly searchSteps: number;
  private readonly cfg: { lr0: number; tauHard: number; lamEntHard: number; clip: number; initScale: number };

  constructor(
    readonly data: GeneralData,
    readonly opts: GeneralTrainOptions,
  ) {
    this.shape = generalShape(opts.depth, data.x.length);
    this.tree = new GeneralTree(this.shape, data);
    this.restarts = opts.restarts ?? 4;
    this.stepsPerRestart = opts.steps ?? 3000;
    this.searchSteps = Math.round(this.stepsPerRestart * (opts.searchShare ?? 0.5));
    this.cfg = {
      lr0: opts.lr ?? 0.02,
      tauHard: opts.tauHard ?? 0.02,
      lamEntHard: opts.lamEntHard ?? 0.05,
      clip: opts.gradClip ?? 1,
      initScale: opts.initScale ?? 1,
    };
    this.rng = new Prng(opts.seed);
    const P = this.shape.nParams;
    this.params = new Float64Array(P);
    this.grad = new Float64Array(P);
    this.m = new Float64Array(P);
    this.v = new Float64Array(P);
    this.cols = { x: data.x, n: data.n, y: data.y };
    this.lmOpts = { scaling: false, starts: 1, iterations: 60, rng: this.rng };
    if (this.restarts < 1) this.done = true;
  }

  /** 'search' at τ = 1, then 'hardening'; 'done' when every restart has ended. */
  get phase(): 'search' | 'hardening' | 'done' {
    return this.done ? 'done' : this.t <= this.searchSteps ? 'search' : 'hardening';
  }

  /** The current restart's parameters (logits, then constants): the live soft tree. */
  get current(): Float64Array {
    return this.params;
  }

  /** The best snapped result so far (null before the first restart ends). */
  get bestSoFar(): GeneralResult | null {
    return this.best;
  }

  /** Runs at most n steps; returns how many ran. */
  advance(n: number): number {
    let ran = 0;
    while (ran < n && !this.done) {
      if (this.t === 0) this.initRestart();
      this.stepOnce();
      ran++;
      if (this.t >= this.stepsPerRestart) this.endRestart();
    }
    return ran;
  }

  /** Ends the run now: the restart in progress is snapped as it stands (if it has started); the best is kept. */
  finishNow(why: GeneralResult['stopped'] = 'cancelled'): void {
    if (this.done) return;
    this.stopped = why;
    if (this.t > 0) this.endRestart();
    this.done = true;
  }

  result(): GeneralResult {
    const { best, steps, stopped } = this;
    if (!best)
      return {
        expr: ONE_C,
        params: new Float64Array(0),
        mse: Infinity,
        softMse: Infinity,
        restarts: this.restarts,
        steps,
        stopped,
      };
    return { ...best, steps, stopped };
  }

  private initRestart(): void {
    const { params, shape, rng } = this;
    for (let i = 0; i < params.length; i++)
      params[i] = i < constIndex(shape, 0) ? this.cfg.initScale * rng.normal() : 1 + 0.5 * rng.normal();
    this.m.fill(0);
    this.v.fill(0);
    this.lastSoft = Infinity;
  }

  private stepOnce(): void {
    const { params, grad, m, v } = this;
    const { lr0, tauHard, lamEntHard, clip } = this.cfg;
    const S = this.stepsPerRestart;
    const t = ++this.t;
    this.steps++;
    const frac = t <= this.searchSteps ? 0 : (t - this.searchSteps) / Math.max(1, S - this.searchSteps);
    const tau = (this.tau = tauHard ** frac);
    const total = this.tree.lossAndGrad(params, tau, lamEntHard * frac, grad);
    if (!Number.isFinite(total)) return;
    this.lastSoft = this.tree.parts.data;
    let sq = 0;
    for (let i = 0; i < params.length; i++) sq += grad[i] * grad[i];
    const norm = Math.sqrt(sq);
    if (!Number.isFinite(norm)) return;
    const coef = clip / (norm + 1e-6);
    if (coef < 1) for (let i = 0; i < params.length; i++) grad[i] *= coef;
    // The step shrinks during hardening (as the reference's lr decay), so the settling choices are not kicked out.
    const stepSize = (lr0 * (1 - 0.9 * frac)) / (1 - BETA1 ** t);
    const bc2s = Math.sqrt(1 - BETA2 ** t);
    for (let i = 0; i < params.length; i++) {
      const g = grad[i];
      m[i] = BETA1 * m[i] + (1 - BETA1) * g;
      v[i] = BETA2 * v[i] + (1 - BETA2) * g * g;
      params[i] -= (stepSize * m[i]) / (Math.sqrt(v[i]) / bc2s + EPS);
    }
  }

  private endRestart(): void {
    const cand = finishSnap(this.shape.depth, this.data, this.cols, this.params, this.lmOpts, this.opts.accept);
    this.finished.push(cand);
    const best = this.best;
    if (cand) {
      const better =
        !best ||
        cand.mse < best.mse * (1 - 1e-9) ||
        (cand.mse <= best.mse * (1 + 1e-9) + 1e-300 && size(cand.expr) < size(best.expr));
      if (better)
        this.best = { ...cand, softMse: this.lastSoft, restarts: this.restart + 1, steps: this.steps, stopped: 'done' };
    }
    this.restart++;
    this.t = 0;
    const stop = this.opts.stopMse;
    if ((this.best && stop !== undefined && this.best.mse <= stop) || (cand && this.opts.stopWhen?.(cand))) {
      this.stopped = 'target';
      this.done = true;
    }
    if (this.restart >= this.restarts) this.done = true;
  }
}

/** Snap choices, refit the constants by LM, snap them to closed forms; null if the snapped tree is not finite. */
function finishSnap(
  depth: number,
  data: GeneralData,
  cols: { x: readonly Float64Array[]; n: number; y: Float64Array },
  params: Float64Array,
  lmOpts: FitOptions,
  accept: GeneralTrainOptions['accept'],
): { expr: Expr; params: Float64Array; mse: number } | null {
  const { expr, values } = snappedExpr(depth, data.x.length, params);
  const weighted = data.w ? sqrtWeighted(expr, data) : null;
  const target = weighted ?? { e: expr, cols, y: data.y };
  const refit =
    values.length > 0
      ? levenbergMarquardt(target.e, target.cols, target.y, values, lmOpts)
      : stateAt(target.e, target.cols, target.y, values, false);
  if (!refit || !Number.isFinite(refit.mse)) return null;
  const fitted = refit.mse;
  const ok = accept ?? ((mse: number) => mse <= Math.max(fitted * (1 + 1e-6), 1e-28));
  if (paramCount(target.e) === 0) return { expr, params: refit.theta, mse: fitted };
  const snapped = snapConstants(target.e, refit.theta, target.cols, target.y, (mse) => ok(mse, fitted), lmOpts);
  if (!Number.isFinite(snapped.mse)) return null;
  return { expr: weighted ? unweight(snapped.expr) : snapped.expr, params: snapped.params, mse: snapped.mse };
}

/*
 * Weighted least squares through the unweighted LM: minimising Σ w (f − y)² is minimising Σ (√w·f − √w·y)², so the
 * expression is multiplied by a fixed column √w (an extra input variable) and the target by √w.
 */
function sqrtWeighted(expr: Expr, data: GeneralData) {
  const sw = Float64Array.from(data.w!, (w) => Math.sqrt(Math.max(0, w)));
  const i = data.x.length;
  return {
    e: bin('mul', expr, vr(i)),
    cols: { x: [...data.x, sw], n: data.n },
    y: Float64Array.from(data.y, (y, p) => y * sw[p]),
  };
}

function unweight(e: Expr): Expr {
  return e.t === 'bin' && e.op === 'mul' ? e.a : e;
}
