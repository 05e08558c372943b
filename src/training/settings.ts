/**
 * Every hyper-parameter of the reference trainer (docs/fitting.md#hyper-parameters) with its CLI default, the per-depth
 * overrides of the reference sweep script, the improvements switched on (their table: flags.ts), and validation. Validation runs before
 * any work: the worker and the bench refuse an out-of-range setting with a message naming it.
 */

import { improvedFlags, PAPER_FLAGS, validateFlags, type ImprovedFlags } from './flags.ts';

export type InitStrategy = 'biased' | 'uniform' | 'xy_biased' | 'random_hot' | 'manual';
export const RANDOM_INITS: readonly InitStrategy[] = ['biased', 'uniform', 'xy_biased', 'random_hot'];
export type EngineKind = 'native' | 'tfjs' | 'auto';
/** The trainable tree: the paper's master formula, or the generalised one (training/generalModel.ts). */
export type ModelKind = 'paper' | 'general';

export interface TrainSettings {
  depth: number;
  /** Runs (the paper's seeds × strategies); in the UI, restarts trained together. */
  runs: number;
  seed: number;
  init: InitStrategy | 'all';
  /** EML expression for init 'manual'. */
  manualExpr: string;
  engine: EngineKind;
  /**
   * Which trainable tree the gradient protocol trains. Added after settings were first saved and shared: absent
   * means 'paper'. 'general' runs generalTrainer.ts with this run's depth, runs, seed and step budget.
   */
  model?: ModelKind;
  lr: number;
  tauSearch: number;
  tauHard: number;
  hardeningTauPower: number;
  hardeningLrFloor: number;
  lamEntHard: number;
  lamBinHard: number;
  lamInter: number;
  interThreshold: number;
  emlClamp: number;
  gradClip: number;
  searchIters: number;
  hardeningIters: number;
  patience: number;
  patienceThreshold: number;
  plateauRtol: number;
  evalEvery: number;
  tailEvalEvery: number;
  tailEvalTau: number;
  earlyStopCount: number;
  hardTriggerMse: number;
  hardTriggerCount: number;
  nanRestartPatience: number;
  maxNanRestarts: number;
  fitSuccessThr: number;
  successThr: number;
  snapThreshold: number;
  maxUncertainSuccess: number;
  initScale: number;
  initK: number;
  initNoise: number;
  improved: ImprovedFlags;
  /** improved.adaptiveRestarts: total step budget of one run, in units of the paper's per-run steps. */
  budgetFactor: number;
  /** improved.adaptiveRestarts: share of the paper's search and hardening iterations one attempt gets. */
  attemptShare: number;
  /** improved.earlyAbandon: checkpoint, as a share of the attempt's search iterations. */
  abandonAt: number;
  /** improved.earlyAbandon: hopeless when the best soft loss at the checkpoint exceeds this × patienceThreshold. */
  abandonSoftFactor: number;
  /** improved.earlyAbandon: hopeless after this many NaN restores within one attempt. */
  abandonNanRestarts: number;
}

/**
 * Improved mode's step budget (budgetFactor) from depth 5: twice the paper's; the extra attempts pay there.
 * eml_depth6, held-out seed0 60606, 32 runs: 29/32 exact at 1×, 32/32 at 2× (median CPU 18.0 s a run either way).
 * random:5:bushy, held-out seed0 70707, 32 runs (with semanticRepair): 19/32 at 1×, 25/32 at 2× (median 22.5 and
 * 22.0 CPU s a run, total 667 → 996 s); development seed0 4100, 16 runs: 12 → 13. Twice that again does not pay:
 * random:6:bushy at 4×, fresh seed0 27182, 32 runs: 13/32 exact, 10 of them within the 2× budget, for twice the
 * CPU of every missed run (median 510 s); seed0 24680: 14/32, 12 within 2× (README, issue 14).
 */
export const DEEP_BUDGET_FROM_DEPTH = 5;
export const DEEP_BUDGET_FACTOR = 2;

/** The training engines, each with what it is (the cockpit's engine menu is built from this table). */
export const ENGINE_LABELS: Record<EngineKind, string> = {
  native: 'native float64',
  tfjs: 'tfjs (GPU if available)',
  auto: 'auto (fastest)',
};
export const ENGINE_KINDS = Object.keys(ENGINE_LABELS) as readonly EngineKind[];

/**
 * The trainable trees, each with its label and the one sentence the cockpit shows where it is chosen (the
 * Protocol panel's model menu is built from this table; a model added to ModelKind without an entry is a type error).
 */
export const MODEL_TABLE: Record<ModelKind, { label: string; explain: string }> = {
  paper: {
    label: 'paper (variables only at bottom leaves, constant 1)',
    explain:
      'The paper’s master formula: only the bottom leaves choose among 1 and the inputs, every inner input chooses between them and its child, so the only constant is 1.',
  },
  general: {
    label: 'general (variables and constants at every input)',
    explain:
      'Every input of every eml node chooses among 1, each input variable, a trainable constant and its child; each constant is snapped to a closed form (e, 2, 1/2…) that keeps the fit, and one left as a decimal stays a constant leaf (_c0, …) shown with its value, so that tree is an approximation unless its fresh points agree.',
  },
};
export const MODEL_KINDS = Object.keys(MODEL_TABLE) as readonly ModelKind[];
/** The deepest generalised tree (generalModel.ts reads it from here, so validation and the model agree). */
export const MAX_GENERAL_MODEL_DEPTH = 6;

/** The CLI defaults of tree_prototype_torch_v16_final.py. */
export const DEFAULT_SETTINGS: Readonly<TrainSettings> = Object.freeze({
  depth: 3,
  runs: 1,
  seed: 137,
  init: 'biased',
  manualExpr: '',
  engine: 'native',
  lr: 0.01,
  tauSearch: 2.5,
  tauHard: 0.01,
  hardeningTauPower: 2,
  hardeningLrFloor: 0.01,
  lamEntHard: 0.02,
  lamBinHard: 0.02,
  lamInter: 1e-4,
  interThreshold: 50,
  emlClamp: 1e300,
  gradClip: 1,
  searchIters: 6000,
  hardeningIters: 2000,
  patience: 4200,
  patienceThreshold: 1e-2,
  plateauRtol: 1e-3,
  evalEvery: 200,
  tailEvalEvery: 50,
  tailEvalTau: 0.2,
  earlyStopCount: 10,
  hardTriggerMse: 1e-20,
  hardTriggerCount: 3,
  nanRestartPatience: 50,
  maxNanRestarts: 100,
  fitSuccessThr: 1e-6,
  successThr: 1e-20,
  snapThreshold: 0.01,
  maxUncertainSuccess: 0,
  initScale: 1,
  initK: 32,
  initNoise: 0,
  improved: PAPER_FLAGS,
  budgetFactor: 1,
  attemptShare: 0.5,
  abandonAt: 0.5,
  abandonSoftFactor: 100,
  abandonNanRestarts: 3,
});

/**
 * The reference sweep (depth_2_to_6_headless.sh): d2–d4 6000/2000/4200; d5/d6 random 9000/3000/6500; manual
 * 3000/1200/2000 with eval 100/25 and noise 12. Depths 1, 7 and 8 are outside the sweep; they take the nearest.
 */
export function paperSettings(
  depth: number,
  init: TrainSettings['init'] = 'all',
  overrides: Partial<TrainSettings> = {},
): TrainSettings {
  const s: TrainSettings = { ...DEFAULT_SETTINGS, depth, init, improved: { ...PAPER_FLAGS } };
  if (init === 'manual') {
    Object.assign(s, {
      searchIters: 3000,
      hardeningIters: 1200,
      patience: 2000,
      evalEvery: 100,
      tailEvalEvery: 25,
      initNoise: 12,
    });
  } else if (depth >= 5) {
    Object.assign(s, { searchIters: 9000, hardeningIters: 3000, patience: 6500 });
  }
  return { ...s, ...overrides };
}

/** Paper settings plus every improvement switched on. */
export function improvedSettings(
  depth: number,
  init: TrainSettings['init'] = 'all',
  overrides: Partial<TrainSettings> = {},
): TrainSettings {
  return paperSettings(depth, init, {
    improved: improvedFlags(depth),
    budgetFactor: depth >= DEEP_BUDGET_FROM_DEPTH ? DEEP_BUDGET_FACTOR : 1,
    ...overrides,
  });
}

type Check = [keyof TrainSettings, (v: number) => boolean, string];
const int = (lo: number, hi: number) => (v: number) => Number.isInteger(v) && v >= lo && v <= hi;
const real =
  (lo: number, hi: number, openLo = false) =>
  (v: number) =>
    Number.isFinite(v) && (openLo ? v > lo : v >= lo) && v <= hi;

const CHECKS: Check[] = [
  ['depth', int(1, 8), 'an integer from 1 to 8'],
  ['runs', int(1, 4096), 'an integer from 1 to 4096'],
  ['seed', int(0, 2 ** 32 - 1), 'an integer from 0 to 2³²−1'],
  ['lr', real(0, 10, true), 'in (0, 10]'],
  ['tauSearch', real(1e-4, 100), 'in [1e−4, 100]'],
  ['tauHard', real(1e-4, 100), 'in [1e−4, 100]'],
  ['hardeningTauPower', real(0.1, 10), 'in [0.1, 10]'],
  ['hardeningLrFloor', real(0, 1), 'in [0, 1]'],
  ['lamEntHard', real(0, 10), 'in [0, 10]'],
  ['lamBinHard', real(0, 10), 'in [0, 10]'],
  ['lamInter', real(0, 10), 'in [0, 10]'],
  ['interThreshold', real(0, 1e300), 'in [0, 1e300]'],
  ['emlClamp', real(1, 1.7e308), 'in [1, 1.7e308]'],
  ['gradClip', real(0, 1e6, true), 'in (0, 1e6]'],
  ['searchIters', int(1, 10_000_000), 'an integer from 1 to 10⁷'],
  ['hardeningIters', int(1, 10_000_000), 'an integer from 1 to 10⁷'],
  ['patience', int(1, 10_000_000), 'an integer from 1 to 10⁷'],
  ['patienceThreshold', real(0, 1e300), 'in [0, 1e300]'],
  ['plateauRtol', real(0, 1), 'in [0, 1]'],
  ['evalEvery', int(1, 1_000_000), 'an integer from 1 to 10⁶'],
  ['tailEvalEvery', int(1, 1_000_000), 'an integer from 1 to 10⁶'],
  ['tailEvalTau', real(0, 100), 'in [0, 100]'],
  ['earlyStopCount', int(1, 1_000_000), 'an integer from 1 to 10⁶'],
  ['hardTriggerMse', real(0, 1e300), 'in [0, 1e300]'],
  ['hardTriggerCount', int(1, 1_000_000), 'an integer from 1 to 10⁶'],
  ['nanRestartPatience', int(1, 1_000_000), 'an integer from 1 to 10⁶'],
  ['maxNanRestarts', int(0, 1_000_000), 'an integer from 0 to 10⁶'],
  ['fitSuccessThr', real(0, 1e300), 'in [0, 1e300]'],
  ['successThr', real(0, 1e300), 'in [0, 1e300]'],
  ['snapThreshold', real(0, 0.5), 'in [0, 0.5]'],
  ['maxUncertainSuccess', int(0, 1_000_000), 'an integer ≥ 0'],
  ['initScale', real(0, 100), 'in [0, 100]'],
  ['initK', real(0, 1000), 'in [0, 1000]'],
  ['initNoise', real(0, 1000), 'in [0, 1000]'],
  ['budgetFactor', real(0.05, 100), 'in [0.05, 100]'],
  ['attemptShare', real(0.01, 1), 'in [0.01, 1]'],
  ['abandonAt', real(0, 1), 'in [0, 1]'],
  ['abandonSoftFactor', real(0, 1e300), 'in [0, 1e300]'],
  ['abandonNanRestarts', int(1, 1_000_000), 'an integer from 1 to 10⁶'],
];

/** Every problem with `s`, as messages for a person; empty when the settings are usable. */
export function validateSettings(s: TrainSettings): string[] {
  const errors: string[] = [];
  for (const [key, ok, range] of CHECKS) {
    const v = s[key];
    if (typeof v !== 'number' || !ok(v)) errors.push(`${key} must be ${range} (got ${String(v)})`);
  }
  if (!['all', 'manual', ...RANDOM_INITS].includes(s.init))
    errors.push(`init must be one of all, manual, ${RANDOM_INITS.join(', ')} (got ${String(s.init)})`);
  if (s.init === 'manual' && !s.manualExpr.trim()) errors.push('init manual needs an EML expression (manualExpr)');
  if (!ENGINE_KINDS.includes(s.engine))
    errors.push(`engine must be ${ENGINE_KINDS.join(', ')} (got ${String(s.engine)})`);
  if (s.model !== undefined && !MODEL_KINDS.includes(s.model))
    errors.push(`model must be ${MODEL_KINDS.join(' or ')} (got ${String(s.model)})`);
  if (s.model === 'general' && s.depth > MAX_GENERAL_MODEL_DEPTH)
    errors.push(`the general model's depth must be at most ${MAX_GENERAL_MODEL_DEPTH} (got ${s.depth})`);
  if (s.model === 'general' && s.init === 'manual')
    errors.push('the general model has no manual init: choose a random init, or the paper model');
  if (s.tauHard > s.tauSearch) errors.push(`tauHard (${s.tauHard}) must not exceed tauSearch (${s.tauSearch})`);
  if (s.successThr > s.fitSuccessThr)
    errors.push(`successThr (${s.successThr}) must not exceed fitSuccessThr (${s.fitSuccessThr})`);
  errors.push(...validateFlags(s.improved));
  return errors;
}

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid training settings: ${problems.join('; ')}`);
    this.name = 'SettingsError';
  }
}

export function assertValidSettings(s: TrainSettings): void {
  const problems = validateSettings(s);
  if (problems.length > 0) throw new SettingsError(problems);
}

/** The strategy of run `i` (for 'all', the reference cycles the four random strategies for every seed). */
export function initForRun(s: TrainSettings, i: number): { init: InitStrategy; seedIndex: number } {
  if (s.init === 'all') return { init: RANDOM_INITS[i % 4], seedIndex: Math.floor(i / 4) };
  return { init: s.init, seedIndex: i };
}

/** The settings a running Trainer takes live (Trainer.applyPatch). */
export type LivePatch = Partial<Pick<TrainSettings, 'lr' | 'tauSearch' | 'tauHard' | 'hardeningTauPower'>>;

/** Apply a live patch: positive finite numbers only; anything else leaves the setting as it is. */
export function patchSettings(s: TrainSettings, patch: LivePatch): void {
  for (const [k, v] of Object.entries(patch))
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) (s as unknown as Record<string, number>)[k] = v;
}
