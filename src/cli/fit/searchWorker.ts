/**
 * One search worker (Node worker_threads): runs the structural search on the problem it is given and posts its
 * progress and its candidates. A shared stop flag (Int32Array over a SharedArrayBuffer) lets the pool end every
 * worker at once, e.g. when one has found a fit within the data's precision.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runSearch, type SearchData, type SearchOptions } from '../../fit/search/search.ts';

export interface WorkerJob {
  entry: string;
  data: SearchData;
  options: Omit<SearchOptions, 'signal' | 'onProgress' | 'now'>;
  stop: SharedArrayBuffer;
}

export type WorkerMessage =
  | { kind: 'progress'; evaluated: number; bestMse: number; best: string; elapsedMs: number }
  | { kind: 'done'; outcome: ReturnType<typeof runSearch> };

const job = workerData as WorkerJob;
const flag = new Int32Array(job.stop);
const outcome = runSearch(job.data, {
  ...job.options,
  signal: {
    get aborted() {
      return Atomics.load(flag, 0) !== 0;
    },
  },
  onProgress: (p) =>
    parentPort!.postMessage({
      kind: 'progress',
      evaluated: p.evaluated,
      bestMse: p.bestMse,
      best: p.best,
      elapsedMs: p.elapsedMs,
    } satisfies WorkerMessage),
});
parentPort!.postMessage({ kind: 'done', outcome } satisfies WorkerMessage);
