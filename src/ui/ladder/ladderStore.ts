/**
 * State of the ladder view: the current function's rungs (from the search worker, which compiles), the search
 * settings, and the run's progress and result. The page computes nothing here: every number comes from the worker.
 */
import { create } from 'zustand';
import type { EnumSemantics, LevelStats } from '../../eml/enumerate/enumerator.ts';
import type { Leaves } from '../../eml/enumerate/probes.ts';
import type { SearchProgress, SearchState } from '../../eml/enumerate/search.ts';
import { enumerateClient } from '../../workers/enumerateClient.ts';
import { usePlayground } from '../../store/store.ts';
import type { EnumEvent, EnumFound, LadderRung } from '../../workers/enumerateProtocol.ts';

/** The table may take this much memory in the worker (the bound is 1 GB for the whole search). */
export const SEARCH_MAX_BYTES = 900 * 2 ** 20;

/** K choices per leaf set, and the default (what finishes in well under a minute on a 2-core machine). */
export const K_CHOICES: Record<Leaves, { options: number[]; initial: number }> = {
  '1': { options: [11, 15, 19, 23, 25, 27, 29, 31, 33], initial: 25 },
  '1,x': { options: [7, 9, 11, 13, 15, 17, 19], initial: 15 },
  '1,x,y': { options: [7, 9, 11, 13, 15, 17], initial: 13 },
};

export interface LadderInfo {
  status: 'idle' | 'loading' | 'ok' | 'error';
  rungs: LadderRung[];
  leaves: Leaves | null;
  target: string;
  message: string;
}

export interface SearchInfo {
  status: 'idle' | 'running' | SearchState | 'error';
  target: string;
  leaves: Leaves | null;
  maxK: number;
  progress: SearchProgress | null;
  perK: LevelStats[];
  found: EnumFound | null;
  lowerBound: number | null;
  elapsedMs: number;
  treesPerSecond: number;
  message: string;
}

interface LadderState {
  ladder: LadderInfo;
  search: SearchInfo;
  maxK: number | null;
  semantics: EnumSemantics;
  /** Shard workers for the large levels (1: one thread); null: the worker's default (cores − 1). */
  workers: number | null;
  /** Bumped when a run ends, so the function table reloads its page. */
  tableVersion: number;
  loadLadder: (text: string, kind: 'eml' | 'math') => void;
  setMaxK: (k: number) => void;
  setSemantics: (s: EnumSemantics) => void;
  setWorkers: (n: number | null) => void;
  start: () => void;
  cancel: () => void;
}

const IDLE_SEARCH: SearchInfo = {
  status: 'idle',
  target: '',
  leaves: null,
  maxK: 0,
  progress: null,
  perK: [],
  found: null,
  lowerBound: null,
  elapsedMs: 0,
  treesPerSecond: 0,
  message: '',
};

let ladderRequest = 0;

/**
 * Progress messages are applied at most once per task turn: when the page was busy and several are queued, only
 * the latest is rendered (one render instead of one per message). A run's end or a new run drops a pending one.
 */
let pendingProgress: Extract<EnumEvent, { type: 'enum-progress' }> | null = null;
let progressTimer: ReturnType<typeof setTimeout> | null = null;
function dropPendingProgress(): void {
  pendingProgress = null;
  if (progressTimer !== null) clearTimeout(progressTimer);
  progressTimer = null;
}

export const useLadder = create<LadderState>()((set, get) => ({
  ladder: { status: 'idle', rungs: [], leaves: null, target: '', message: '' },
  search: IDLE_SEARCH,
  maxK: null,
  semantics: 'complex',
  workers: null,
  tableVersion: 0,
  loadLadder: (text, kind) => {
    const request = ++ladderRequest;
    set({ ladder: { ...get().ladder, status: 'loading', target: text } });
    void enumerateClient.ladder(text, kind).then((a) => {
      if (request !== ladderRequest) return;
      set({
        ladder: a.ok
          ? { status: 'ok', rungs: a.rungs, leaves: a.leaves, target: a.target, message: '' }
          : { status: 'error', rungs: [], leaves: null, target: text, message: a.message },
      });
    });
  },
  setMaxK: (maxK) => set({ maxK }),
  setSemantics: (semantics) => set({ semantics }),
  setWorkers: (workers) => set({ workers }),
  start: () => {
    const { ladder, semantics, workers } = get();
    if (ladder.status !== 'ok' || !ladder.leaves) return;
    const leaves = ladder.leaves;
    const maxK = get().maxK ?? K_CHOICES[leaves].initial;
    dropPendingProgress();
    set({ search: { ...IDLE_SEARCH, status: 'running', target: ladder.target, leaves, maxK } });
    enumerateClient.start(
      {
        leaves,
        semantics,
        seed: 1,
        maxK,
        maxBytes: SEARCH_MAX_BYTES,
        target: ladder.target,
        ...(workers === null ? {} : { workers }),
      },
      (e: EnumEvent) => {
        if (e.type === 'enum-progress') {
          pendingProgress = e;
          progressTimer ??= setTimeout(() => {
            const p = pendingProgress;
            progressTimer = null;
            pendingProgress = null;
            if (!p) return;
            const s = get().search;
            set({
              search: {
                ...s,
                progress: p.progress,
                perK: p.perK,
                elapsedMs: p.elapsedMs,
                treesPerSecond: p.treesPerSecond,
              },
            });
          }, 0);
          return;
        }
        dropPendingProgress();
        const s = get().search;
        if (e.type === 'enum-done') {
          set({
            search: {
              ...s,
              status: e.state,
              progress: e.progress,
              perK: e.perK,
              found: e.found,
              lowerBound: e.lowerBound,
              elapsedMs: e.elapsedMs,
              treesPerSecond: e.progress.trees / Math.max(1e-3, e.elapsedMs / 1000),
            },
            tableVersion: get().tableVersion + 1,
          });
        } else if (e.type === 'enum-error') {
          set({ search: { ...s, status: 'error', message: e.message } });
        }
      },
    );
  },
  cancel: () => enumerateClient.cancel(),
}));

/** Opens a tree in the playground (an undoable step, as loading an example is). */
export function openTree(text: string): void {
  const s = usePlayground.getState();
  s.load({ ...s.doc, text, inputKind: 'eml' });
}
