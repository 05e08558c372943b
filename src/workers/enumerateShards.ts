/**
 * The search worker's shard workers (Web Workers started from inside the search worker, kept across levels): one
 * ShardRunner per worker for shards.ts. The snapshot is cloned to every worker but the last, which gets it
 * transferred, so the search worker holds no copy of its own while they run (planShards counts one per worker).
 */
import type { Candidates } from '../eml/enumerate/enumerator.ts';
import type { ShardRunner, ShardTask } from '../eml/enumerate/shards.ts';
import { MemoryBudgetError } from '../eml/enumerate/table.ts';
import type { ShardEvent } from './enumerateProtocol.ts';

/** Ended by stopShards(): the level was cancelled. */
export class ShardsStopped extends Error {
  constructor() {
    super('the shard workers were stopped');
    this.name = 'ShardsStopped';
  }
}

const pool: Array<Worker | undefined> = [];
const pending = new Set<(e: Error) => void>();

const workerAt = (i: number): Worker =>
  (pool[i] ??= new Worker(new URL('./enumerateShardWorker.ts', import.meta.url), { type: 'module' }));

/** Starts n shard workers now, so that they load while the small levels run single-threaded. */
export function warmShards(n: number): void {
  for (let i = 0; i < n; i++) workerAt(i);
}

/** Workers wanted by default: one core for the page, the rest for shards (the search worker mostly waits). */
export function defaultShardWorkers(): number {
  const n = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 1 : 1;
  return Math.max(1, Math.min(16, n - 1));
}

function transferOf(task: ShardTask): Transferable[] {
  const t = task.snapshot.table;
  return [
    t.vals.buffer,
    t.hashes.buffer,
    t.slots.buffer,
    task.snapshot.levelStart.buffer,
    task.snapshot.levelEnd.buffer,
  ] as ArrayBuffer[];
}

export function shardRunners(n: number): ShardRunner[] {
  return Array.from(
    { length: n },
    (_, i): ShardRunner =>
      (task, onProgress) =>
        new Promise<Candidates>((resolve, reject) => {
          const w = workerAt(i);
          const fail = (e: Error) => {
            pending.delete(fail);
            reject(e);
          };
          pending.add(fail);
          w.onmessage = (e: MessageEvent<ShardEvent>) => {
            const m = e.data;
            if (m.type === 'shard-progress') onProgress(m.progress);
            else if (m.type === 'shard-result') {
              pending.delete(fail);
              resolve(m.candidates);
            } else fail(m.memoryBytes !== null ? new MemoryBudgetError(m.memoryBytes) : new Error(m.message));
          };
          w.onerror = (e) => {
            e.preventDefault();
            w.terminate();
            pool[i] = undefined;
            fail(new Error(e.message || 'a shard worker of the search failed'));
          };
          w.postMessage(task, i === task.count - 1 ? transferOf(task) : []);
        }),
  );
}

/** Ends every shard worker at once (cancel, a new run); the level's promise rejects with ShardsStopped. */
export function stopShards(): void {
  for (const w of pool) w?.terminate();
  pool.length = 0;
  for (const f of [...pending]) f(new ShardsStopped());
}
