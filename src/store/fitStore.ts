/**
 * The fitting cockpit's store, in slices: data (the pasted text, never cleared by a failed parse; the generator;
 * the column mapping and split; and the data pipeline's result for them, `prepared`, which only the pipeline's
 * connector (ui/cockpit/dataSync.ts) writes, from its synchronous read or its worker's reply — views read it and
 * never compute it), settings, run (status, live numbers, and the data the run trains on), results (one candidate
 * per distinct snapped tree, for the result card and the Pareto front) and the recovery lab (fitLab.ts). Data,
 * settings and the last results are autosaved (fitPersistence.ts); a running training is not (by design).
 * Controllers (ui/cockpit/controller.ts, labController.ts) write here; the high-rate live channels (the loss
 * chart's history, the live tree) are not store state — ui/cockpit/liveChannels.ts documents them.
 */
import { create } from 'zustand';
import type { ColumnMapping } from '../fit/dataset.ts';
import { DEFAULT_FIT_SETTINGS, type FitSettings } from '../fit/fitSettings.ts';
import { DEFAULT_GENERATOR, generate, type GeneratorSpec } from '../fit/generate.ts';
import { chooseRunData, type RunState } from '../fit/runCodec.ts';
import { prepare, type DataInputs, type Prepared } from '../fit/prepare.ts';
import { MAX_ROWS, type HeaderMode } from '../fit/table.ts';
import type { Phase } from '../training/schedule.ts';
import { createSearchSlice, IDLE_SEARCH, searchLinkOf, type SearchSlice } from './searchSlice.ts';
import type { RestoredCandidate } from './fitRestore.ts';
import { createLabSlice, type LabSlice } from './fitLab.ts';

/** The data pipeline's result when the data can be trained on. */
export type PreparedOk = Extract<Prepared, { ok: true }>;

export type RunStatus = 'idle' | 'starting' | 'running' | 'paused' | 'done' | 'error';

/** One trained candidate (one home: fitRestore.ts, which validates saved ones without the store). */
export type Candidate = RestoredCandidate;

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
  /**
   * The data pipeline's result for the inputs above (stage 'reading' while a large table is read in a worker).
   * Written only by ui/cockpit/dataSync.ts; not saved.
   */
  prepared: Prepared;
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
  /** The last run failed (a worker died or stopped answering) and can continue from its checkpoint (controller.ts). */
  resumable: boolean;
  /** The data the current (or last) training run trains on: the result card and live tree read it, not `prepared`. */
  runData: PreparedOk | null;
  setRun: (patch: Partial<Pick<RunSlice, 'status' | 'message' | 'live' | 'resumable' | 'runData'>>) => void;
}

interface ResultSlice {
  candidates: Candidate[];
  selected: string | null;
  addCandidates: (c: Candidate[]) => void;
  clearCandidates: () => void;
  select: (tree: string | null) => void;
}

export type FitState = DataSlice &
  SettingsSlice &
  RunSlice &
  ResultSlice &
  LabSlice &
  SearchSlice & {
    loadRun: (run: RunState) => void;
    /** Why the last autosave failed (quota, no browser database), or null; set by fitPersistence.ts, not saved. */
    saveProblem: string | null;
  };

const LN_EXAMPLE = generate(DEFAULT_GENERATOR);

/** The data pipeline's inputs in a state (the key dataSync.ts reads `prepared` by). */
export function dataInputsOf(
  s: Pick<FitState, 'text' | 'header' | 'mapping' | 'validation' | 'splitSeed' | 'sampleRows' | 'source' | 'generator'>,
): DataInputs {
  return {
    text: s.text,
    header: s.header,
    mapping: s.mapping,
    validation: s.validation,
    splitSeed: s.splitSeed,
    sampleRows: s.sampleRows,
    generator: s.source === 'generator' ? s.generator : null,
  };
}

const INITIAL_DATA = {
  text: LN_EXAMPLE.ok ? LN_EXAMPLE.csv : '',
  header: 'auto' as HeaderMode,
  source: 'generator' as const,
  generator: DEFAULT_GENERATOR,
  mapping: null,
  validation: 0.2,
  splitSeed: 1,
  sampleRows: MAX_ROWS,
};

export const useFit = create<FitState>()((set, get) => ({
  ...INITIAL_DATA,
  generatorErrors: [],
  // The built-in example is a few dozen rows: read at once, so the first render already has its result.
  prepared: prepare(dataInputsOf(INITIAL_DATA)),
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
  resumable: false,
  runData: null,
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

  ...createLabSlice(set as never),
  ...createSearchSlice(set as never, get),

  saveProblem: null,
  loadRun: (run) => {
    get().resetSearch();
    const base = {
      mapping: run.mapping,
      validation: run.validation,
      splitSeed: run.splitSeed,
      sampleRows: run.sampleRows,
      settings: run.settings,
      candidates: [],
      selected: null,
      status: 'idle' as const,
      live: null,
      resumable: false,
      runData: null,
      search: IDLE_SEARCH,
    };
    if (run.data.kind === 'inline') set({ ...base, text: run.data.text, header: run.data.header, source: 'paste' });
    else {
      const g = generate(run.data.spec);
      // A generator that cannot make its data keeps the current table (as pasted data) and shows why in the form.
      if (g.ok)
        set({
          ...base,
          generator: run.data.spec,
          text: g.csv,
          source: 'generator',
          header: 'auto',
          generatorErrors: [],
        });
      else set({ ...base, generator: run.data.spec, source: 'paste', generatorErrors: g.errors });
    }
  },
}));

/**
 * The data a result is judged on: the run's own data when a run has happened since the page loaded (the table may
 * have been edited since), else the current data when it is usable (a result restored from the autosave or a link).
 */
export function resultDataOf(s: Pick<FitState, 'runData' | 'prepared'>): PreparedOk | null {
  return s.runData ?? (s.prepared.ok ? s.prepared : null);
}

/** The run a link or the JSON export carries: the data (inline when small), mapping, split, subsample and settings. */
export function runStateOf(s: FitState, mapping: ColumnMapping): RunState {
  const r = s.search.result;
  // A finished search travels with the run, so the link opens on its result (runCodec.ts drops it when too large).
  const search = r && s.search.status === 'done' ? searchLinkOf(r) : undefined;
  return {
    data: chooseRunData(s.text, s.header, s.source === 'generator' ? s.generator : null),
    mapping,
    validation: s.validation,
    splitSeed: s.splitSeed,
    sampleRows: s.sampleRows,
    settings: s.settings,
    ...(search ? { search } : {}),
  };
}
