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
import { argmaxChoices, constIndex, GeneralTree, generalShape, slotChild, type GeneralData } from './generalModel.ts';
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
  const shape = generalShape(opts.depth, data.x.length);
  const tree = new GeneralTree(shape, data);
  const now = opts.now ?? (() => performance.now());
  const deadline = opts.deadline ?? Infinity;
  const restarts = opts.restarts ?? 4;
  const S = opts.steps ?? 3000;
  const lr0 = opts.lr ?? 0.02;
  const searchSteps = Math.round(S * (opts.searchShare ?? 0.5));
  const tauHard = opts.tauHard ?? 0.02;
  const lamEntHard = opts.lamEntHard ?? 0.05;
  const clip = opts.gradClip ?? 1;
  const initScale = opts.initScale ?? 1;
  const rng = new Prng(opts.seed);
  const P = shape.nParams;
  const params = new Float64Array(P);
  const grad = new Float64Array(P);
  const m = new Float64Array(P);
  const v = new Float64Array(P);
  const cols = { x: data.x, n: data.n, y: data.y };
  const lmOpts: FitOptions = { scaling: false, starts: 1, iterations: 60, rng };
  let best: GeneralResult | null = null;
  let steps = 0;
  let stopped: GeneralResult['stopped'] = 'done';
  const halt = () => {
    if (opts.signal?.aborted) stopped = 'cancelled';
    else if (now() >= deadline) stopped = 'deadline';
    else return false;
    return true;
  };

  for (let r = 0; r < restarts; r++) {
    if (halt()) break;
    for (let i = 0; i < P; i++)
      params[i] = i < constIndex(shape, 0) ? initScale * rng.normal() : 1 + 0.5 * rng.normal();
    m.fill(0);
    v.fill(0);
    let softMse = Infinity;
    for (let t = 1; t <= S; t++) {
      if ((t & 63) === 0) {
        opts.onTick?.();
        if (halt()) break;
      }
      const frac = t <= searchSteps ? 0 : (t - searchSteps) / Math.max(1, S - searchSteps);
      const tau = tauHard ** frac;
      const total = tree.lossAndGrad(params, tau, lamEntHard * frac, grad);
      steps++;
      if (!Number.isFinite(total)) continue;
      softMse = tree.parts.data;
      let sq = 0;
      for (let i = 0; i < P; i++) sq += grad[i] * grad[i];
      const norm = Math.sqrt(sq);
      if (!Number.isFinite(norm)) continue;
      const coef = clip / (norm + 1e-6);
      if (coef < 1) for (let i = 0; i < P; i++) grad[i] *= coef;
      // The step shrinks during hardening (as the reference's lr decay), so the settling choices are not kicked out.
      const stepSize = (lr0 * (1 - 0.9 * frac)) / (1 - BETA1 ** t);
      const bc2s = Math.sqrt(1 - BETA2 ** t);
      for (let i = 0; i < P; i++) {
        const g = grad[i];
        m[i] = BETA1 * m[i] + (1 - BETA1) * g;
        v[i] = BETA2 * v[i] + (1 - BETA2) * g * g;
        params[i] -= (stepSize * m[i]) / (Math.sqrt(v[i]) / bc2s + EPS);
      }
    }
    const cand = finishSnap(shape.depth, data, cols, params, lmOpts, opts.accept);
    if (cand) {
      const better =
        !best ||
        cand.mse < best.mse * (1 - 1e-9) ||
        (cand.mse <= best.mse * (1 + 1e-9) + 1e-300 && size(cand.expr) < size(best.expr));
      if (better) best = { ...cand, softMse, restarts: r + 1, steps, stopped };
    }
    if (best && opts.stopMse !== undefined && best.mse <= opts.stopMse) {
      stopped = 'target';
      break;
    }
    if (stopped !== 'done') break;
  }
  if (!best)
    return { expr: ONE_C, params: new Float64Array(0), mse: Infinity, softMse: Infinity, restarts, steps, stopped };
  return { ...best, steps, stopped };
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
