/**
 * The fitting cockpit's store, in slices: data (the pasted text, never cleared by a failed parse; the generator;
 * the column mapping and split), settings, run (status and live numbers from the workers), and results (one
 * candidate per distinct snapped tree, for the result card and the Pareto front). Data, settings and the last
 * results are autosaved (fitPersistence.ts); a running training is not (it survives nothing, by design).
 */
import { create } from 'zustand';
import type { ColumnMapping } from '../fit/dataset.ts';
import { DEFAULT_FIT_SETTINGS, type FitSettings } from '../fit/fitSettings.ts';
import { DEFAULT_GENERATOR, generate, type GeneratorSpec } from '../fit/generate.ts';
import { chooseRunData, type RunState } from '../fit/runCodec.ts';
import { MAX_ROWS, type HeaderMode } from '../fit/table.ts';
import type { Phase } from '../training/schedule.ts';
import { createSearchSlice, IDLE_SEARCH, searchLinkOf, type SearchSlice } from './searchSlice.ts';
import type { RestoredCandidate } from './fitRestore.ts';

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
  /** The last run failed (a worker died or stopped answering) and can continue from its checkpoint (controller.ts). */
  resumable: boolean;
  setRun: (patch: Partial<Pick<RunSlice, 'status' | 'message' | 'live' | 'resumable'>>) => void;
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
  SearchSlice & {
    loadRun: (run: RunState) => void;
    /** Why the last autosave failed (quota, no browser database), or null; set by fitPersistence.ts, not saved. */
    saveProblem: string | null;
  };

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
  resumable: false,
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
