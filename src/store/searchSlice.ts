/**
 * The formula search's slice of the fit store: its status, live numbers (≤ 10 updates a second), the finished
 * result (report, typeset formulas, plot values) and the selected Pareto row. The running search (its workers)
 * lives inside the store, reached only through these actions; nothing here is read from module state in render.
 */
import type { StoreApi } from 'zustand';
import type { FitReport } from '../fit/search/report.ts';
import type { SearchLinkData } from '../fit/searchLink.ts';
import type { SearchCandidate, SearchPlot, SearchProblemSpec } from '../workers/protocol.ts';
import {
  defaultSearchWorkers,
  finishCandidates,
  replot,
  SearchRun,
  type SearchLive,
  type WorkerLike,
} from '../workers/searchPool.ts';

export type SearchStatus = 'idle' | 'running' | 'finishing' | 'done' | 'error';

export interface SearchResult {
  report: FitReport;
  bestIndex: number;
  /** KaTeX HTML per Pareto row (typeset in the worker); empty strings until a restored result is re-plotted. */
  html: string[];
  /** PySR's score per Pareto row (NaN for the first). */
  scores: number[];
  plot: SearchPlot | null;
  warnings: string[];
  evaluated: number;
  stopped: string;
  seconds: number;
  workers: number;
  seed: number;
  budgetS: number;
  /** Noise level the verdicts were judged with (null: the digits). */
  noise: number | null;
  /** Significant digits of the output the user stated for the verdicts (absent or null: read from the cells). */
  digits?: number | null;
  /** Where it came from: this page's run, or a shared link / autosave (checked against the data on arrival). */
  origin: 'run' | 'link';
}

export interface SearchState {
  status: SearchStatus;
  live: SearchLive | null;
  result: SearchResult | null;
  /** Index of the selected Pareto row. */
  selected: number;
  message: string | null;
  /** A re-judgement with another noise level is being finished. */
  rejudging: boolean;
}

export interface SearchRunOptions {
  seed: number;
  budgetS: number;
  workers?: number;
  createWorker?: () => WorkerLike;
}

export interface SearchSlice {
  search: SearchState;
  startSearch: (spec: SearchProblemSpec, opts: SearchRunOptions) => Promise<void>;
  /** Ends the search now and finishes with the best found so far. */
  stopSearch: () => void;
  resetSearch: () => void;
  selectFormula: (index: number) => void;
  /**
   * Judges the last search's candidates again with another noise level, or with the output's significant digits
   * stated in `spec.digits` (no new search).
   */
  rejudge: (spec: SearchProblemSpec, noise: number | null, createWorker?: () => WorkerLike) => Promise<void>;
  showSearchResult: (r: SearchResult | null, message?: string | null) => void;
  /** Shows a result from a link at once, then re-measures it on the data in a worker (dropped if it disagrees). */
  restoreSearch: (link: SearchLinkData, spec: SearchProblemSpec, createWorker?: () => WorkerLike) => Promise<void>;
  patchSearch: (patch: Partial<SearchState>) => void;
}

export const IDLE_SEARCH: SearchState = {
  status: 'idle',
  live: null,
  result: null,
  selected: 0,
  message: null,
  rejudging: false,
};
const PROGRESS_MS = 90;

export function createSearchSlice(set: StoreApi<SearchSlice>['setState'], get: () => SearchSlice): SearchSlice {
  let run: SearchRun | null = null;
  let candidates: SearchCandidate[] | null = null;
  let token = 0;
  let lastLive = -Infinity;
  const patch = (p: Partial<SearchState>) => set({ search: { ...get().search, ...p } });

  return {
    search: IDLE_SEARCH,
    patchSearch: patch,
    startSearch: async (spec, opts) => {
      run?.dispose();
      const mine = ++token;
      const workers = opts.workers ?? defaultSearchWorkers();
      const budgetMs = opts.budgetS * 1000;
      candidates = null;
      lastLive = -Infinity;
      patch({ status: 'running', live: null, message: null, rejudging: false });
      const r = new SearchRun({
        problem: spec,
        budgetMs,
        seed: opts.seed,
        workers,
        createWorker: opts.createWorker,
        onProgress: (live) => {
          if (mine !== token) return;
          const t = performance.now();
          if (live.phase !== 'finishing' && t - lastLive < PROGRESS_MS) return;
          lastLive = t;
          patch({ live, status: live.phase === 'finishing' ? 'finishing' : 'running' });
        },
      });
      run = r;
      try {
        const f = await r.run();
        if (mine !== token) return;
        candidates = f.candidates;
        const result: SearchResult = {
          report: f.report,
          bestIndex: f.bestIndex,
          html: f.html,
          scores: f.scores,
          plot: f.plot,
          warnings: f.warnings,
          evaluated: f.evaluated,
          stopped: f.stopped,
          seconds: f.seconds,
          workers: f.workers,
          seed: opts.seed,
          budgetS: opts.budgetS,
          noise: spec.noise,
          digits: spec.digits ?? null,
          origin: 'run',
        };
        patch({ status: 'done', result, selected: f.bestIndex, message: null });
      } catch (e) {
        if (mine !== token) return;
        patch({ status: 'error', message: e instanceof Error ? e.message : String(e) });
      } finally {
        if (run === r) run = null;
      }
    },
    stopSearch: () => run?.stop(),
    resetSearch: () => {
      token++;
      run?.dispose();
      run = null;
      candidates = null;
      set({ search: IDLE_SEARCH });
    },
    selectFormula: (index) => {
      const r = get().search.result;
      if (r && index >= 0 && index < r.report.pareto.length) patch({ selected: index });
    },
    rejudge: async (spec, noise, createWorker) => {
      const s = get().search;
      if (!s.result || !candidates || s.status === 'running' || s.status === 'finishing') return;
      const mine = ++token;
      const known = candidates;
      patch({ rejudging: true, message: null });
      try {
        const f = await finishCandidates(
          known,
          { ...spec, noise },
          s.result.seed,
          s.result.budgetS * 1000,
          createWorker,
        );
        if (mine !== token) return;
        const prev = get().search.result!;
        patch({
          rejudging: false,
          result: {
            ...prev,
            report: f.report,
            bestIndex: f.bestIndex,
            html: f.html,
            scores: f.scores,
            plot: f.plot,
            warnings: f.warnings,
            noise,
            digits: spec.digits ?? null,
          },
          selected: f.bestIndex,
        });
      } catch (e) {
        if (mine !== token) return;
        patch({ rejudging: false, message: e instanceof Error ? e.message : String(e) });
      }
    },
    restoreSearch: async (link, spec, createWorker) => {
      const result: SearchResult = { ...link, html: [], plot: null, warnings: [], origin: 'link' };
      get().showSearchResult(result);
      const mine = token;
      try {
        const rows = link.report.pareto;
        const m = await replot(
          spec,
          rows.map((r) => ({ expr: r.expr, params: r.params, latex: r.latex })),
          createWorker,
        );
        if (mine !== token) return;
        const bad = rows.findIndex((r, i) => !sameNumber(m.rmse[i], r.rmse));
        if (bad >= 0) {
          get().showSearchResult(
            null,
            `The link's result does not match its data (formula ${bad + 1}, “${rows[bad].formula.slice(0, 80)}”, measures RMSE ${m.rmse[bad]} here, the link says ${rows[bad].rmse}), so it is not shown; press Play to search again.`,
          );
          return;
        }
        patch({ result: { ...result, html: m.html, plot: m.plot } });
      } catch (e) {
        if (mine !== token) return;
        patch({
          message: `The link's result could not be re-measured on its data (${e instanceof Error ? e.message : String(e)}); its plot is missing. Press Play to search again.`,
        });
      }
    },
    showSearchResult: (result, message = null) => {
      token++;
      run?.dispose();
      run = null;
      candidates = null;
      set({
        search: { ...IDLE_SEARCH, status: result ? 'done' : 'idle', result, selected: result?.bestIndex ?? 0, message },
      });
    },
  };
}

/** A finished result in the form links and the autosave carry (fit/searchLink.ts). */
export function searchLinkOf(r: SearchResult): SearchLinkData {
  return {
    report: r.report,
    bestIndex: r.bestIndex,
    scores: r.scores,
    seed: r.seed,
    budgetS: r.budgetS,
    workers: r.workers,
    seconds: r.seconds,
    evaluated: r.evaluated,
    stopped: r.stopped,
    noise: r.noise,
  };
}

/** Equal up to float64 noise of a different evaluation order (NaN equals NaN). */
function sameNumber(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return a === b || Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b)) + 1e-12;
}

/** Whether a re-judgement is possible: the candidates of this page's last search are still known. */
export function canRejudge(s: Pick<SearchState, 'result' | 'status'>): boolean {
  return s.result?.origin === 'run' && s.status === 'done';
}
