/**
 * Shard workers for the shortest-form search in Node (worker_threads), for the CLI and bench:search: the Node
 * counterpart of enumerateShards.ts. Threads are started on first use and kept until close().
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Candidates } from '../../eml/enumerate/enumerator.ts';
import type { ShardEvent, ShardRunner } from '../../eml/enumerate/shards.ts';
import { MemoryBudgetError } from '../../eml/enumerate/table.ts';

/** Default workers: every core but one. */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

export class ShardThreads {
  private readonly threads: Worker[] = [];

  private at(i: number): Worker {
    // Worker threads do not inherit tsx's loader: the CLI's fit pool entry (tsxWorker.mjs) registers it first.
    return (this.threads[i] ??= new Worker(new URL('../fit/tsxWorker.mjs', import.meta.url), {
      workerData: { entry: new URL('./enumerateShardThread.ts', import.meta.url).href },
    }));
  }

  /** Starts n threads now, so that they load (tsx transpiles their modules, ~0.6 s) while the small levels run. */
  warm(n: number): void {
    for (let i = 0; i < n; i++) this.at(i);
  }

  runners = (n: number): ShardRunner[] =>
    Array.from(
      { length: n },
      (_, i): ShardRunner =>
        (task, onProgress) =>
          new Promise<Candidates>((resolve, reject) => {
            const w = this.at(i);
            const onMessage = (m: ShardEvent) => {
              if (m.type === 'shard-progress') return onProgress(m.progress);
              w.off('message', onMessage);
              w.off('error', onError);
              if (m.type === 'shard-result') resolve(m.candidates);
              else reject(m.memoryBytes !== null ? new MemoryBudgetError(m.memoryBytes) : new Error(m.message));
            };
            const onError = (e: Error) => {
              w.off('message', onMessage);
              reject(e);
            };
            w.on('message', onMessage);
            w.once('error', onError);
            w.postMessage(task);
          }),
    );

  async close(): Promise<void> {
    await Promise.all(this.threads.map((w) => w.terminate()));
    this.threads.length = 0;
  }
}
