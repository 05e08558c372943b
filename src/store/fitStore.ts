/**
 * The fitting cockpit's store, in slices: data (the pasted text, never cleared by a failed parse; the generator;
 * the column mapping and split), settings, run (status and live numbers from the workers), and results (one
 * candidate per distinct snapped tree, for the result card and the Pareto front). Data, settings and the last
 * results are autosaved; a running training is not (it survives nothing, by design).
 */
import { create } from 'zustand';
import type { ColumnMapping } from '../fit/dataset.ts';
import { DEFAULT_FIT_SETTINGS, type FitSettings } from '../fit/fitSettings.ts';
import { DEFAULT_GENERATOR, generate, validateGenerator, type GeneratorSpec } from '../fit/generate.ts';
import { chooseRunData, decodeRun, encodeRun, type RunState } from '../fit/runCodec.ts';
import { MAX_ROWS, type HeaderMode } from '../fit/table.ts';
import type { Phase } from '../training/schedule.ts';

export type RunStatus = 'idle' | 'starting' | 'running' | 'paused' | 'done' | 'error';

export interface Candidate {
  /** The snapped tree in EML[·,·] syntax (also its identity). */
  tree: string;
  k: number;
  depth: number;
  init: string;
  mseTrain: number;
  /** Snapped MSE on the validation rows (NaN without any). */
  mseVal: number;
  /** The trainer's own exactness flag (the certificate re-checks it). */
  exact: boolean;
}

export interface LiveInfo {
  step: number;
  phase: Phase | 'snap';
  tau: number;
  elapsedMs: number;
  stepsPerSecond: number;
  depth: number;
  engine: string;
  backend: string;
  workers: number;
}

interface DataSlice {
  text: string;
  header: HeaderMode;
  source: 'paste' | 'generator';
  generator: GeneratorSpec;
  generatorErrors: string[];
  mapping: ColumnMapping | null;
  validation: number;
  splitSeed: number;
  /** Subsample size for tables over 100 000 rows. */
  sampleRows: number;
  /** Bumped when a large table finished reading in its worker, so views read the pipeline again (not saved). */
  dataVersion: number;
  dataRead: () => void;
  setText: (text: string) => void;
  setHeader: (h: HeaderMode) => void;
  setGenerator: (patch: Partial<GeneratorSpec>) => void;
  generateData: () => boolean;
  setMapping: (m: ColumnMapping | null) => void;
  setSplit: (patch: { validation?: number; splitSeed?: number; sampleRows?: number }) => void;
}

interface SettingsSlice {
  settings: FitSettings;
  setSettings: (patch: Partial<FitSettings>) => void;
}

interface RunSlice {
  status: RunStatus;
  message: string | null;
  live: LiveInfo | null;
  setRun: (patch: Partial<Pick<RunSlice, 'status' | 'message' | 'live'>>) => void;
}

interface ResultSlice {
  candidates: Candidate[];
  selected: string | null;
  addCandidates: (c: Candidate[]) => void;
  clearCandidates: () => void;
  select: (tree: string | null) => void;
}

export type FitState = DataSlice & SettingsSlice & RunSlice & ResultSlice & { loadRun: (run: RunState) => void };

const LN_EXAMPLE = generate(DEFAULT_GENERATOR);

export const useFit = create<FitState>()((set, get) => ({
  text: LN_EXAMPLE.ok ? LN_EXAMPLE.csv : '',
  header: 'auto',
  source: 'generator',
  generator: DEFAULT_GENERATOR,
  generatorErrors: [],
  mapping: null,
  validation: 0.2,
  splitSeed: 1,
  sampleRows: MAX_ROWS,
  dataVersion: 0,
  dataRead: () => set({ dataVersion: get().dataVersion + 1 }),
  setText: (text) => set({ text, source: 'paste' }),
  setHeader: (header) => set({ header }),
  setGenerator: (patch) => set({ generator: { ...get().generator, ...patch } }),
  generateData: () => {
    const g = generate(get().generator);
    if (!g.ok) {
      set({ generatorErrors: g.errors });
      return false;
    }
    set({ text: g.csv, source: 'generator', header: 'auto', mapping: null, generatorErrors: [] });
    return true;
  },
  setMapping: (mapping) => set({ mapping }),
  setSplit: (patch) => set(patch),

  settings: DEFAULT_FIT_SETTINGS,
  setSettings: (patch) => set({ settings: { ...get().settings, ...patch } }),

  status: 'idle',
  message: null,
  live: null,
  setRun: (patch) => set(patch),

  candidates: [],
  selected: null,
  addCandidates: (c) => {
    const byTree = new Map(get().candidates.map((x) => [x.tree, x]));
    for (const x of c) {
      const old = byTree.get(x.tree);
      if (!old || x.depth < old.depth) byTree.set(x.tree, x);
    }
    set({ candidates: [...byTree.values()] });
  },
  clearCandidates: () => set({ candidates: [], selected: null }),
  select: (selected) => set({ selected }),

  loadRun: (run) => {
    const base = { mapping: run.mapping, validation: run.validation, splitSeed: run.splitSeed, sampleRows: run.sampleRows, settings: run.settings, candidates: [], selected: null, status: 'idle' as const, live: null };
    if (run.data.kind === 'inline') set({ ...base, text: run.data.text, header: run.data.header, source: 'paste' });
    else {
      const g = generate(run.data.spec);
      set({ ...base, generator: run.data.spec, text: g.ok ? g.csv : '', source: 'generator', header: 'auto', generatorErrors: g.ok ? [] : g.errors });
    }
  },
}));

// ---------------------------------------------------------------------------------------------------------------
// Autosave and start-up

export const FIT_AUTOSAVE_KEY = 'eml-playground/fit/v1';

type Saved = Pick<FitState, 'text' | 'header' | 'source' | 'generator' | 'mapping' | 'validation' | 'splitSeed' | 'sampleRows' | 'settings' | 'candidates' | 'selected'>;

function snapshot(s: FitState): Saved {
  const { text, header, source, generator, mapping, validation, splitSeed, sampleRows, settings, candidates, selected } = s;
  return { text, header, source, generator, mapping, validation, splitSeed, sampleRows, settings, candidates, selected };
}

/** The run a link or the JSON export carries: the data (inline when small), mapping, split, subsample and settings. */
export function runStateOf(s: FitState, mapping: ColumnMapping): RunState {
  return { data: chooseRunData(s.text, s.header, s.source === 'generator' ? s.generator : null), mapping, validation: s.validation, splitSeed: s.splitSeed, sampleRows: s.sampleRows, settings: s.settings };
}

/** Restore from a `#fit/<run>` link (wins) or the autosave; returns a notice when a link could not be used. */
export function bootFit(encoded: string | null, storage: Pick<Storage, 'getItem'> | null): string | null {
  if (encoded) {
    const r = decodeRun(encoded);
    if (r.ok) {
      useFit.getState().loadRun(r.run);
      return null;
    }
    return `The fitting link could not be opened: ${r.error}.`;
  }
  let raw: string | null = null;
  try {
    raw = storage?.getItem(FIT_AUTOSAVE_KEY) ?? null;
  } catch {
    raw = null;
  }
  if (!raw) return null;
  try {
    const o = JSON.parse(raw) as Saved & { v?: number };
    // The autosave is re-validated through the run codec's checks by round-tripping the parts it covers.
    const state: RunState = { data: { kind: 'inline', text: String(o.text ?? ''), header: o.header }, mapping: o.mapping ?? { output: 0, inputs: [1], weights: null }, validation: o.validation, splitSeed: o.splitSeed, sampleRows: o.sampleRows ?? MAX_ROWS, settings: o.settings };
    const r = decodeRun(encodeRun(state));
    if (!r.ok) return `Your last fitting session could not be restored (${r.error}).`;
    useFit.getState().loadRun(r.run);
    const cands = Array.isArray(o.candidates) ? o.candidates.filter((c) => c && typeof c.tree === 'string' && typeof c.k === 'number').slice(0, 500) : [];
    useFit.setState({ mapping: o.mapping ?? null, source: o.source === 'generator' ? 'generator' : 'paste', generator: o.generator && typeof o.generator === 'object' && validateGenerator(o.generator).length === 0 ? o.generator : DEFAULT_GENERATOR, candidates: cands, selected: typeof o.selected === 'string' ? o.selected : null });
    return null;
  } catch {
    return 'Your last fitting session could not be restored (the saved data is damaged).';
  }
}

export function startFitAutosave(storage: Pick<Storage, 'setItem'>): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last: Saved | null = null;
  const unsub = useFit.subscribe((s) => {
    const snap = snapshot(s);
    if (last && (Object.keys(snap) as (keyof Saved)[]).every((k) => snap[k] === last![k])) return; // live progress only
    last = snap;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      try {
        storage.setItem(FIT_AUTOSAVE_KEY, JSON.stringify({ v: 1, ...snap }));
      } catch {
        // Quota exceeded or storage disabled: autosave is a convenience.
      }
    }, 500);
  });
  return () => {
    if (timer) clearTimeout(timer);
    unsub();
  };
}
