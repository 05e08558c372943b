/**
 * A shard worker of the shortest-form search in Node (worker_threads; the CLI's `search --workers` and
 * bench:search): the same shard job as the browser's enumerateShardWorker.ts, one task per message.
 */
import { parentPort } from 'node:worker_threads';
import { candidateBuffers, runShard, type ShardEvent, type ShardTask } from '../../eml/enumerate/shards.ts';
import { MemoryBudgetError } from '../../eml/enumerate/table.ts';

const port = parentPort!;
const post = (e: ShardEvent, transfer: ArrayBuffer[] = []) => port.postMessage(e, transfer);

port.on('message', (task: ShardTask) => {
  try {
    const candidates = runShard(task, (progress) => post({ type: 'shard-progress', progress }));
    post({ type: 'shard-result', candidates }, candidateBuffers(candidates));
  } catch (err) {
    post({
      type: 'shard-error',
      message: err instanceof Error ? err.message : String(err),
      memoryBytes: err instanceof MemoryBudgetError ? err.bytes : null,
    });
  }
});
