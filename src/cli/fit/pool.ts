/**
 * The fitter across cores for the CLI and the bench: N worker threads search shards of the same problem with
 * different seeds; when one stops because it found a fit within the data's precision, the others are told to
 * stop too; their candidates are merged and finished (snapping, EML trees, verdicts) in the calling thread.
 * jobs = 1 runs in-process (no worker), which is also the fallback when workers cannot start.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { finishProblem, searchOptionsFor, type FitOptions } from '../../fit/search/fitTable.ts';
import type { FitReport } from '../../fit/search/report.ts';
import type { FitProblem } from '../../fit/search/problem.ts';
import { runSearch, type RawCandidate, type SearchOutcome } from '../../fit/search/search.ts';
import type { WorkerJob, WorkerMessage } from './searchWorker.ts';

export const defaultJobs = () => Math.max(1, Math.min(4, availableParallelism()));

export interface PoolProgress {
  evaluated: number;
  bestMse: number;
  elapsedMs: number;
}

export interface PoolResult {
  report: FitReport;
  search: Pick<SearchOutcome, 'evaluated' | 'stopped'>;
  seconds: number;
}

function runWorker(
  problem: FitProblem,
  opts: FitOptions,
  index: number,
  jobs: number,
  stop: SharedArrayBuffer,
  onProgress: (i: number, evaluated: number, bestMse: number) => void,
): Promise<SearchOutcome> {
  const {
    signal: _s,
    onProgress: _p,
    ...options
  } = searchOptionsFor(problem, { ...opts, seed: opts.seed + 7919 * index });
  const job: WorkerJob = {
    entry: new URL('./searchWorker.ts', import.meta.url).href,
    data: problem.train,
    options: { ...options, shard: { index, count: jobs } },
    stop,
  };
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./tsxWorker.mjs', import.meta.url), { workerData: job });
    w.on('message', (m: WorkerMessage) => {
      if (m.kind === 'progress') onProgress(index, m.evaluated, m.bestMse);
      else {
        resolve(m.outcome);
        void w.terminate();
      }
    });
    w.on('error', reject);
    w.on('exit', (code) => {
      if (code !== 0) reject(new Error(`search worker ${index} exited with code ${code}`));
    });
  });
}

export async function fitInPool(
  problem: FitProblem,
  opts: FitOptions & { jobs: number; onPoolProgress?: (p: PoolProgress) => void },
): Promise<PoolResult> {
  const t0 = performance.now();
  let outcomes: SearchOutcome[];
  if (opts.jobs <= 1) {
    outcomes = [runSearch(problem.train, searchOptionsFor(problem, opts))];
  } else {
    const stop = new SharedArrayBuffer(4);
    const flag = new Int32Array(stop);
    const evaluated = new Array<number>(opts.jobs).fill(0);
    let bestMse = Infinity;
    const cancel = () => Atomics.store(flag, 0, 1);
    if (opts.signal && 'addEventListener' in opts.signal)
      (opts.signal as AbortSignal).addEventListener('abort', cancel);
    const runs = Array.from({ length: opts.jobs }, (_, i) =>
      runWorker(problem, opts, i, opts.jobs, stop, (w, n, mse) => {
        evaluated[w] = n;
        bestMse = Math.min(bestMse, mse);
        opts.onPoolProgress?.({
          evaluated: evaluated.reduce((a, b) => a + b, 0),
          bestMse,
          elapsedMs: performance.now() - t0,
        });
      }).then((o) => {
        // One shard within the data's precision: the others stop and hand in what they have.
        if (o.stopped === 'target') cancel();
        return o;
      }),
    );
    outcomes = await Promise.all(runs);
  }
  const candidates: RawCandidate[] = outcomes.flatMap((o) => o.candidates);
  const stopped = outcomes.some((o) => o.stopped === 'target')
    ? 'target'
    : outcomes.some((o) => o.stopped === 'cancelled')
      ? 'cancelled'
      : outcomes[0].stopped;
  const report = finishProblem(problem, candidates, opts, t0 + opts.budgetMs);
  return {
    report,
    search: { evaluated: outcomes.reduce((a, o) => a + o.evaluated, 0), stopped },
    seconds: (performance.now() - t0) / 1000,
  };
}
