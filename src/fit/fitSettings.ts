/**
 * The cockpit's settings: the few choices a person makes, from which the engine's full TrainSettings are built
 * with the paper's per-depth defaults (settings.ts). Schedule lengths left null follow the paper for the depth.
 */
import { SEMANTICS, type Semantics } from '../eml/evaluate/semantics.ts';
import {
  ENGINE_KINDS,
  improvedSettings,
  MODEL_KINDS,
  paperSettings,
  RANDOM_INITS,
  validateSettings,
  type EngineKind,
  type ModelKind,
  type TrainSettings,
} from '../training/settings.ts';

export type DepthChoice = number | 'sweep';
export type InitChoice = TrainSettings['init'];
export const SWEEP_DEPTHS = [1, 2, 3, 4, 5, 6] as const;
export const INIT_CHOICES: readonly InitChoice[] = ['all', ...RANDOM_INITS];
export const ENGINES: readonly EngineKind[] = ENGINE_KINDS;

/**
 * How Play fits: the structural formula search (fit/search), or gradient training of the paper's EML tree.
 * 'auto' searches pasted tables and trains on data generated from a formula (the recovery lab's setting).
 */
export type FitMethod = 'auto' | 'search' | 'gradient';
export const FIT_METHODS: readonly FitMethod[] = ['auto', 'search', 'gradient'];
/** The search's time budget range, in seconds. */
export const BUDGET_RANGE = { min: 1, max: 3600 } as const;
/** Significant digits a person may state for the output (a float64 carries about 17). */
export const DIGITS_RANGE = { min: 1, max: 17 } as const;

export interface FitSettings {
  method: FitMethod;
  /** Time budget of one formula search, in seconds. */
  budgetS: number;
  /** Relative noise level of the output stated by the user (null: the precision is read from the digits). */
  noise: number | null;
  /**
   * Significant digits of the output stated by the user on the verdict card (null: read from the cells). Kept
   * here like the noise level, so Play again, the autosave and a shared link judge with them too.
   */
  digits: number | null;
  depth: DepthChoice;
  init: InitChoice;
  /** Restarts trained together (the engine's `runs`). */
  restarts: number;
  lr: number;
  mode: 'paper' | 'improved';
  /** The trainable tree of the gradient protocol (settings.ts MODEL_TABLE); 'paper' reproduces the paper. */
  model: ModelKind;
  engine: EngineKind;
  seed: number;
  /** null = the paper's value for the depth. */
  searchIters: number | null;
  hardeningIters: number | null;
  /** Semantics the certificate evaluates the snapped tree in (training itself is always complex). */
  checkSemantics: Semantics;
}

export const DEFAULT_FIT_SETTINGS: FitSettings = {
  method: 'auto',
  budgetS: 30,
  noise: null,
  digits: null,
  depth: 3,
  init: 'all',
  restarts: 8,
  lr: 0.01,
  mode: 'improved',
  model: 'paper',
  engine: 'native',
  seed: 137,
  searchIters: null,
  hardeningIters: null,
  checkSemantics: 'complex',
};

/** The method Play uses for data from this source. */
export function methodFor(s: Pick<FitSettings, 'method'>, source: 'paste' | 'generator'): 'search' | 'gradient' {
  return s.method === 'auto' ? (source === 'paste' ? 'search' : 'gradient') : s.method;
}

export function depthsOf(s: Pick<FitSettings, 'depth'>): number[] {
  return s.depth === 'sweep' ? [...SWEEP_DEPTHS] : [s.depth];
}

export function trainSettingsFor(s: FitSettings, depth: number): TrainSettings {
  const make = s.mode === 'improved' ? improvedSettings : paperSettings;
  const base = make(depth, s.init);
  const o: Partial<TrainSettings> = { runs: s.restarts, seed: s.seed, lr: s.lr, engine: s.engine };
  // The general model has only a float64 implementation (generalModel.ts), run by the native workers' pool.
  if (s.model === 'general') Object.assign(o, { model: 'general', engine: 'native' });
  if (s.searchIters !== null) {
    o.searchIters = s.searchIters;
    o.patience = Math.min(base.patience, s.searchIters);
  }
  if (s.hardeningIters !== null) o.hardeningIters = s.hardeningIters;
  return { ...base, ...o };
}

/** Problems with the cockpit settings, as the engine's validation words them, plus the cockpit's own limits. */
export function validateFitSettings(s: FitSettings): string[] {
  const e: string[] = [];
  if (s.depth !== 'sweep' && !(Number.isInteger(s.depth) && s.depth >= 1 && s.depth <= 6))
    e.push('Depth must be 1–6 or “sweep”.');
  if (!INIT_CHOICES.includes(s.init)) e.push('Unknown init strategy.');
  if (!Number.isInteger(s.restarts) || s.restarts < 1 || s.restarts > 64)
    e.push('Restarts must be a whole number from 1 to 64.');
  if (s.mode !== 'paper' && s.mode !== 'improved') e.push('Mode must be paper or improved.');
  if (!FIT_METHODS.includes(s.method)) e.push('Unknown fitting method.');
  if (!(s.budgetS >= BUDGET_RANGE.min && s.budgetS <= BUDGET_RANGE.max))
    e.push(`The search budget must be ${BUDGET_RANGE.min}–${BUDGET_RANGE.max} seconds.`);
  if (s.noise !== null && !(s.noise > 0 && s.noise <= 0.5))
    e.push('The noise level must be above 0 and at most 50 % (or left empty to read the precision from the digits).');
  if (
    s.digits !== null &&
    !(Number.isInteger(s.digits) && s.digits >= DIGITS_RANGE.min && s.digits <= DIGITS_RANGE.max)
  )
    e.push(
      `The stated significant digits must be a whole number from ${DIGITS_RANGE.min} to ${DIGITS_RANGE.max} (or left empty to read them from the table).`,
    );
  if (!MODEL_KINDS.includes(s.model)) e.push(`The model must be ${MODEL_KINDS.join(' or ')}.`);
  if (e.length) return e;
  return validateSettings(trainSettingsFor(s, depthsOf(s)[0]));
}

/** Untrusted object → FitSettings, or the first problem. */
export function readFitSettings(raw: unknown): { ok: true; settings: FitSettings } | { ok: false; error: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, error: 'settings are not an object' };
  const o = raw as Record<string, unknown>;
  const num = (k: string) => typeof o[k] === 'number' && Number.isFinite(o[k] as number);
  const optNum = (k: string) => o[k] === null || num(k);
  if (!(o.depth === 'sweep' || num('depth'))) return { ok: false, error: 'depth is not a number or “sweep”' };
  for (const k of ['restarts', 'lr', 'seed']) if (!num(k)) return { ok: false, error: `${k} is not a finite number` };
  for (const k of ['searchIters', 'hardeningIters'])
    if (!optNum(k)) return { ok: false, error: `${k} is not a number or null` };
  if (typeof o.init !== 'string' || !INIT_CHOICES.includes(o.init as InitChoice))
    return { ok: false, error: 'unknown init strategy' };
  if (typeof o.engine !== 'string' || !ENGINES.includes(o.engine as EngineKind))
    return { ok: false, error: 'unknown engine' };
  if (o.mode !== 'paper' && o.mode !== 'improved') return { ok: false, error: 'unknown mode' };
  // Links made before the semantics choice existed carry none: they meant complex.
  const checkSemantics = o.checkSemantics ?? 'complex';
  if (typeof checkSemantics !== 'string' || !SEMANTICS.includes(checkSemantics as Semantics))
    return { ok: false, error: 'unknown semantics for the final check' };
  // Links made before the formula search existed carry none of its settings: the defaults.
  const method = o.method ?? 'auto';
  if (typeof method !== 'string' || !FIT_METHODS.includes(method as FitMethod))
    return { ok: false, error: 'unknown fitting method' };
  const budgetS = o.budgetS ?? DEFAULT_FIT_SETTINGS.budgetS;
  if (typeof budgetS !== 'number' || !Number.isFinite(budgetS))
    return { ok: false, error: 'budgetS is not a finite number' };
  const noise = o.noise ?? null;
  if (noise !== null && (typeof noise !== 'number' || !Number.isFinite(noise)))
    return { ok: false, error: 'noise is not a number or null' };
  // Links made before these choices existed carry neither: digits read from the cells, the paper's model.
  const digits = o.digits ?? null;
  if (digits !== null && (typeof digits !== 'number' || !Number.isFinite(digits)))
    return { ok: false, error: 'digits is not a number or null' };
  const model = o.model ?? 'paper';
  if (typeof model !== 'string' || !MODEL_KINDS.includes(model as ModelKind))
    return { ok: false, error: `unknown model (expected ${MODEL_KINDS.join(' or ')})` };
  const s: FitSettings = {
    method: method as FitMethod,
    budgetS,
    noise: noise as number | null,
    digits: digits as number | null,
    model: model as ModelKind,
    depth: o.depth as DepthChoice,
    init: o.init as InitChoice,
    restarts: o.restarts as number,
    lr: o.lr as number,
    mode: o.mode,
    engine: o.engine as EngineKind,
    seed: o.seed as number,
    searchIters: o.searchIters as number | null,
    hardeningIters: o.hardeningIters as number | null,
    checkSemantics: checkSemantics as Semantics,
  };
  const problems = validateFitSettings(s);
  return problems.length ? { ok: false, error: problems[0] } : { ok: true, settings: s };
}
