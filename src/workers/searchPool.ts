/**
 * The formula search across Web Workers (navigator.hardwareConcurrency − 1, at least 1), as the CLI runs it in
 * worker threads (cli/fit/pool.ts): every worker searches its shard of the enumeration with its own seed; when one
 * finds a fit within the data's precision the others are ended; all candidates are merged and one worker finishes
 * them into the report (refits, snapping, EML trees, verdicts, KaTeX, plot values). The page only bookkeeps, and
 * decodes the report's trees once on arrival (reportWire.ts).
 *
 * Stop ends the workers at once and finishes with what they reported (their best so far, read back from the keys
 * in their progress: searchKeys.ts). A shard that stops answering is ended and treated the same way.
 */
import { key, type Expr } from '../fit/search/expr.ts';
import type { FitReport } from '../fit/search/report.ts';
import { decodeReport } from './reportWire.ts';
import type {
  SearchCandidate,
  SearchCommand,
  SearchEvent,
  SearchPlot,
  SearchProblemSpec,
  SearchProgressEvent,
} from './protocol.ts';
import { isSearchEvent, transferables } from './protocol.ts';
import { candidatesOfKeys, mergeCandidates } from './searchKeys.ts';

export interface WorkerLike {
  postMessage(m: SearchCommand, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((e: MessageEvent) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

export function createSearchWorker(): WorkerLike {
  return new Worker(new URL('./searchWorker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike;
}

/**
 * Workers started while the page is idle: starting a worker costs the page a 50–150 ms task on this machine, which
 * must not land inside a search (the same reason the training worker is prewarmed). Taken by the next search.
 */
const warm: WorkerLike[] = [];

export function prewarmSearchWorkers(count = defaultSearchWorkers() + 1): void {
  while (warm.length < count) warm.push(createSearchWorker());
}

/** A started worker: a prewarmed one when there is one (tests pass their own factory). */
function takeWorker(create: (() => WorkerLike) | undefined): WorkerLike {
  return create ? create() : (warm.pop() ?? createSearchWorker());
}

/** Prewarm again once the page is idle (after a search used the warm workers). */
function prewarmWhenIdle(): void {
  if (typeof window === 'undefined') return;
  const idle = window.requestIdleCallback ?? ((fn: () => void) => window.setTimeout(fn, 500));
  idle(() => prewarmSearchWorkers());
}

export function defaultSearchWorkers(): number {
  const hc = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(1, hc - 1);
}

export interface SearchLive {
  elapsedMs: number;
  evaluated: number;
  phase: SearchProgressEvent['phase'] | 'finishing';
  level: number;
  bestMse: number;
  best: string;
  workers: number;
}

export interface SearchFinished {
  report: FitReport;
  bestIndex: number;
  html: string[];
  scores: number[];
  plot: SearchPlot;
  warnings: string[];
  evaluated: number;
  stopped: 'budget' | 'cancelled' | 'target' | 'exhausted' | 'stopped';
  seconds: number;
  workers: number;
  /** The merged candidates, kept to re-finish with another noise level without searching again. */
  candidates: SearchCandidate[];
}

export interface SearchRunOptions {
  problem: SearchProblemSpec;
  budgetMs: number;
  seed: number;
  workers: number;
  onProgress: (p: SearchLive) => void;
  createWorker?: () => WorkerLike;
  /** A shard silent this long is ended and its best so far kept (default 20 s). */
  stallMs?: number;
  now?: () => number;
}

interface Shard {
  worker: WorkerLike;
  done: boolean;
  /** Finished on its own (not ended): the worker can take another request. */
  alive: boolean;
  candidates: SearchCandidate[];
  keys: Map<string, number>;
  last: SearchProgressEvent | null;
  lastSeen: number;
}

const keyOf = (e: unknown) => key(e as Expr);
let nextId = 1;

/** One request to one worker, answered by one event of the given type (finish and replot). */
function ask<T extends SearchEvent['type']>(
  worker: WorkerLike,
  cmd: SearchCommand,
  want: T,
  timeoutMs: number,
): Promise<Extract<SearchEvent, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the search worker did not answer within ${Math.round(timeoutMs / 1000)} s`)),
      timeoutMs,
    );
    worker.onmessage = (e) => {
      const m = e.data as unknown;
      if (!isSearchEvent(m) || m.id !== cmd.id) return;
      clearTimeout(timer);
      if (m.type === 'search-error') reject(new Error(m.message));
      else if (m.type === want) resolve(m as Extract<SearchEvent, { type: T }>);
    };
    worker.onerror = (e) => {
      clearTimeout(timer);
      reject(new Error(`the search worker failed: ${e.message || 'script error'}`));
    };
    worker.postMessage(cmd, transferables(cmd as never));
  });
}

export class SearchRun {
  private shards: Shard[] = [];
  private t0 = 0;
  private settle: (() => void) | null = null;
  private failure: Error | null = null;
  private stoppedByUser = false;
  private disposed = false;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private finisher: WorkerLike | null = null;
  private readonly now: () => number;

  constructor(private readonly opts: SearchRunOptions) {
    this.now = opts.now ?? (() => performance.now());
  }

  /** Searches, then finishes; resolves with the report (also after stop()), rejects on a failure or dispose(). */
  async run(): Promise<SearchFinished> {
    const { opts } = this;
    const count = Math.max(1, Math.floor(opts.workers));
    const id = nextId++;
    this.t0 = this.now();
    const allDone = new Promise<void>((resolve) => (this.settle = resolve));
    for (let index = 0; index < count; index++) {
      const worker = takeWorker(opts.createWorker);
      const shard: Shard = {
        worker,
        done: false,
        alive: false,
        candidates: [],
        keys: new Map(),
        last: null,
        lastSeen: this.now(),
      };
      this.shards.push(shard);
      worker.onmessage = (e) => this.onEvent(shard, e.data as unknown);
      worker.onerror = (e) => this.fail(new Error(`search worker ${index + 1} failed: ${e.message || 'script error'}`));
      const cmd: SearchCommand = {
        type: 'search-start',
        id,
        problem: opts.problem,
        budgetMs: opts.budgetMs,
        seed: opts.seed,
        shard: { index, count },
      };
      worker.postMessage(cmd);
    }
    const stallMs = opts.stallMs ?? 20_000;
    this.watchdog = setInterval(() => {
      for (const s of this.shards) if (!s.done && this.now() - s.lastSeen > stallMs) this.endShard(s);
      this.checkDone();
    }, 1000);
    await allDone;
    if (this.watchdog) clearInterval(this.watchdog);
    if (this.failure) throw this.failure;
    if (this.disposed) throw new Error('the search was cancelled');
    const merged = mergeCandidates(
      this.shards.map((s) => (s.candidates.length ? s.candidates : candidatesOfKeys(s.keys))),
      keyOf,
    );
    const evaluated = this.shards.reduce((a, s) => a + (s.last?.evaluated ?? 0), 0);
    const stopped = this.stoppedByUser ? 'stopped' : this.target ? 'target' : 'budget';
    // A shard that finished on its own is still running and warm: it finishes the report (no worker start now).
    const reuse = this.shards.find((s) => s.alive);
    for (const s of this.shards) if (s !== reuse) s.worker.terminate();
    if (merged.length === 0)
      throw new Error(
        this.stoppedByUser
          ? 'stopped before any formula was fitted: let the search run a moment longer'
          : 'the search fitted no formula to these data',
      );
    opts.onProgress({ ...this.liveNumbers(), phase: 'finishing' });
    const finisher = reuse?.worker ?? takeWorker(opts.createWorker);
    this.finisher = finisher;
    if (!opts.createWorker) prewarmWhenIdle();
    const result = await finishCandidates(merged, opts.problem, opts.seed, opts.budgetMs, () => finisher);
    this.finisher = null;
    if (this.disposed) throw new Error('the search was cancelled');
    return {
      ...result,
      evaluated,
      stopped,
      seconds: (this.now() - this.t0) / 1000,
      workers: count,
      candidates: merged,
    };
  }

  private target = false;

  /** Ends the search now; run() then finishes with the best found so far. */
  stop(): void {
    if (this.shards.every((s) => s.done)) return;
    this.stoppedByUser = true;
    for (const s of this.shards) if (!s.done) this.endShard(s);
    this.checkDone();
  }

  /** Ends everything without a result (leaving the page, Reset). */
  dispose(): void {
    this.disposed = true;
    for (const s of this.shards) s.worker.terminate();
    this.finisher?.terminate();
    if (this.watchdog) clearInterval(this.watchdog);
    this.settle?.();
  }

  private endShard(s: Shard): void {
    s.worker.terminate();
    s.done = true;
    s.alive = false;
  }

  private fail(err: Error): void {
    if (this.failure || this.disposed) return;
    this.failure = err;
    for (const s of this.shards) s.worker.terminate();
    this.settle?.();
  }

  private checkDone(): void {
    if (this.shards.length > 0 && this.shards.every((s) => s.done)) this.settle?.();
  }

  private liveNumbers(): SearchLive {
    let best: SearchProgressEvent | null = null;
    for (const s of this.shards) if (s.last && (!best || s.last.bestMse < best.bestMse)) best = s.last;
    const lead = this.shards[0]?.last;
    return {
      elapsedMs: this.now() - this.t0,
      evaluated: this.shards.reduce((a, s) => a + (s.last?.evaluated ?? 0), 0),
      phase: lead?.phase ?? 'enumerate',
      level: lead?.level ?? 0,
      bestMse: best?.bestMse ?? Infinity,
      best: best?.best ?? '',
      workers: this.shards.length,
    };
  }

  private onEvent(s: Shard, m: unknown): void {
    if (!isSearchEvent(m) || s.done || this.disposed) return;
    s.lastSeen = this.now();
    if (m.type === 'search-progress') {
      s.last = m;
      if (m.best && Number.isFinite(m.bestMse)) s.keys.set(m.best, Math.min(m.bestMse, s.keys.get(m.best) ?? Infinity));
      this.opts.onProgress(this.liveNumbers());
    } else if (m.type === 'search-done') {
      s.done = true;
      s.alive = true;
      s.candidates = m.candidates;
      if (s.last) s.last = { ...s.last, evaluated: m.evaluated };
      else
        s.last = {
          type: 'search-progress',
          id: m.id,
          shard: m.shard,
          elapsedMs: m.elapsedMs,
          evaluated: m.evaluated,
          phase: 'evolve',
          level: 0,
          bestMse: Infinity,
          best: '',
        };
      // One shard within the data's precision: the others are ended and hand in their best so far.
      if (m.stopped === 'target') {
        this.target = true;
        for (const o of this.shards) if (!o.done) this.endShard(o);
      }
      this.checkDone();
    } else if (m.type === 'search-error') this.fail(new Error(m.message));
  }
}

export type Finished = Pick<SearchFinished, 'report' | 'bestIndex' | 'html' | 'scores' | 'plot' | 'warnings'>;

/**
 * Finishes candidates in a worker: after a search, or again for another reading of the data (a stated noise
 * level) without searching again.
 */
export async function finishCandidates(
  candidates: SearchCandidate[],
  problem: SearchProblemSpec,
  seed: number,
  budgetMs: number,
  createWorker?: () => WorkerLike,
): Promise<Finished> {
  const worker = takeWorker(createWorker);
  try {
    const cmd: SearchCommand = { type: 'search-finish', id: nextId++, problem, candidates, seed, budgetMs };
    const m = await ask(worker, cmd, 'search-report', Math.max(2000, budgetMs * 0.25) + 60_000);
    return {
      // Decoded once, on arrival: each row's text printed from its tree as finish.ts printed it.
      report: decodeReport(m.report),
      bestIndex: m.bestIndex,
      html: m.html,
      scores: m.scores,
      plot: m.plot,
      warnings: m.warnings,
    };
  } finally {
    worker.terminate();
  }
}

/** Re-measures formulas restored from a link on their data (untrusted) and computes their plot values. */
export async function replot(
  problem: SearchProblemSpec,
  formulas: Array<{ expr: unknown; params: number[]; latex: string }>,
  createWorker?: () => WorkerLike,
): Promise<Extract<SearchEvent, { type: 'search-replotted' }>> {
  const worker = takeWorker(createWorker);
  try {
    return await ask(worker, { type: 'search-replot', id: nextId++, problem, formulas }, 'search-replotted', 60_000);
  } finally {
    worker.terminate();
  }
}
