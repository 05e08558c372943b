/**
 * A shard worker of the shortest-form search (started by the search worker, enumerateShards.ts): evaluates one
 * shard of a level against its copy of the stored levels and sends the candidates back (transferred). Cancel is
 * terminate(): the shard keeps no state worth saving, and a busy loop needs no message checks.
 */
import { candidateBuffers, shardJob, type ShardTask } from '../eml/enumerate/shards.ts';
import { MemoryBudgetError } from '../eml/enumerate/table.ts';
import type { ShardEvent } from './enumerateProtocol.ts';

const post = (e: ShardEvent, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(e, transfer);

self.onmessage = (e: MessageEvent<ShardTask>) => {
  try {
    const job = shardJob(e.data);
    let last = performance.now();
    while (!job.step(1 << 16)) {
      const now = performance.now();
      if (now - last > 200) {
        last = now;
        post({ type: 'shard-progress', progress: { pairs: job.pairs, found: job.found, bytes: job.bytes() } });
      }
    }
    const candidates = job.result();
    post({ type: 'shard-result', candidates }, candidateBuffers(candidates));
  } catch (err) {
    post({
      type: 'shard-error',
      message: err instanceof Error ? err.message : String(err),
      memoryBytes: err instanceof MemoryBudgetError ? err.bytes : null,
    });
  }
};
