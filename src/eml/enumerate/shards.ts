/**
 * A level enumerated by several workers (issue #13: across all cores). Each worker gets a read-only copy of the
 * stored levels (Enumerator.snapshot: values, hashes, hash slots) and evaluates one contiguous shard of the level's
 * pairs (Enumerator.levelJob); the coordinator merges the shards' candidates in shard order (Enumerator.commit),
 * so ids and witnesses are the same for any number of workers, and the same as the single-threaded run.
 *
 * No SharedArrayBuffer: the app is not cross-origin isolated (vite.config.ts sends no COOP/COEP headers, and a
 * static host may not), so every worker gets its own copy; planShards counts those copies against the budget.
 * This file is pure TS: the browser (workers/enumerateShards.ts) and Node (worker_threads, the bench) run it.
 */
import { Enumerator, type Candidates, type EnumSnapshot } from './enumerator.ts';
import type { LevelJob } from './levelJob.ts';
import type { SearchRun } from './search.ts';
import { MemoryBudgetError } from './table.ts';

export interface ShardTask {
  snapshot: EnumSnapshot;
  k: number;
  index: number;
  count: number;
}

/** A shard's report while it runs: pairs evaluated, candidates found, bytes of its candidate table. */
export interface ShardProgress {
  pairs: number;
  found: number;
  bytes: number;
}

/** The job of one shard, over its own read-only copy of the stored levels. */
export function shardJob(task: ShardTask): LevelJob {
  // One shard would write into the copy (levelJob's direct mode): the single-threaded path is for that.
  if (task.count < 2) throw new RangeError(`a shard task needs at least 2 shards, got ${task.count}`);
  return Enumerator.fromSnapshot(task.snapshot).levelJob(task.k, task.index, task.count);
}

/** Runs a shard to the end, reporting after each slice of `slice` pairs (Node workers, tests). */
export function runShard(task: ShardTask, onSlice: (p: ShardProgress) => void = () => {}, slice = 1 << 18): Candidates {
  const job = shardJob(task);
  while (!job.step(slice)) onSlice({ pairs: job.pairs, found: job.found, bytes: job.bytes() });
  return job.result();
}

/** Transferable buffers of a shard's candidates (no copy on the way back). */
export function candidateBuffers(c: Candidates): ArrayBuffer[] {
  return [c.vals.buffer, c.hashes.buffer, c.left.buffer, c.right.buffer] as ArrayBuffer[];
}

/** Bytes of one worker's copy of the stored levels. */
export function snapshotBytes(s: EnumSnapshot): number {
  const t = s.table;
  return t.vals.byteLength + t.hashes.byteLength + t.slots.byteLength;
}

export interface ShardPlan {
  /** Workers to use (1: run the level in the coordinator, single-threaded). */
  workers: number;
  /** Bytes each shard's candidate table may take. */
  shardBytes: number;
}

/** Smallest candidate budget worth a worker (below it the level is run single-threaded). */
export const MIN_SHARD_BYTES = 8 * 2 ** 20;

/**
 * How many workers a level can use within `maxBytes`: the stored table, one copy per worker and each shard's
 * candidates must fit, with as much again as one shard's share left for the merged level's growth in the table.
 */
export function planShards(wanted: number, tableBytes: number, copyBytes: number, maxBytes: number): ShardPlan {
  for (let n = wanted; n >= 2; n--) {
    const shardBytes = Math.floor((maxBytes - tableBytes - n * copyBytes) / (n + 1));
    if (shardBytes >= MIN_SHARD_BYTES) return { workers: n, shardBytes };
  }
  return { workers: 1, shardBytes: 0 };
}

/** Runs one shard somewhere (a Web Worker, a worker thread, or in process in tests); rejects when cancelled. */
/** What a shard worker (a Web Worker or a Node worker thread) sends back; one shape for both runners. */
export type ShardEvent =
  | { type: 'shard-progress'; progress: ShardProgress }
  | { type: 'shard-result'; candidates: Candidates }
  | { type: 'shard-error'; message: string; memoryBytes: number | null };

export type ShardRunner = (task: ShardTask, onProgress: (p: ShardProgress) => void) => Promise<Candidates>;

/**
 * Level K on `runners.length` workers: snapshot, shards, merge in shard order. Returns the merged candidates'
 * shards (for Enumerator.commit / SearchRun.commitLevel), or throws what a shard threw (MemoryBudgetError: the
 * caller runs the level single-threaded instead).
 */
export async function runLevelOnWorkers(
  en: Enumerator,
  k: number,
  runners: readonly ShardRunner[],
  shardBytes: number,
  onProgress: (total: ShardProgress) => void = () => {},
): Promise<Candidates[]> {
  const snapshot = en.snapshot(en.table.bytes() + shardBytes);
  const count = runners.length;
  const progress: ShardProgress[] = runners.map(() => ({ pairs: 0, found: 0, bytes: snapshotBytes(snapshot) }));
  const report = () =>
    onProgress(
      progress.reduce((a, p) => ({ pairs: a.pairs + p.pairs, found: a.found + p.found, bytes: a.bytes + p.bytes }), {
        pairs: 0,
        found: 0,
        bytes: 0,
      }),
    );
  return Promise.all(
    runners.map((run, index) =>
      run({ snapshot, k, index, count }, (p) => {
        progress[index] = { ...p, bytes: p.bytes + snapshotBytes(snapshot) };
        report();
      }),
    ),
  );
}

/** Levels with fewer pairs run single-threaded: copying the table to the workers would cost more than it saves. */
export const MIN_PARALLEL_PAIRS = 1 << 20;

/**
 * Runs a SearchRun's levels on shard workers where it pays: a level to store with at least `minPairs` pairs, and
 * room for the workers' copies within the run's budget. Anything else (small levels, the last level scanned for a
 * target, a level whose shards or merge do not fit) is left to SearchRun.advance, single-threaded, as before.
 */
export class ParallelDriver {
  /** A level that failed on workers for memory: advance() runs it (and scans it for the target if it must). */
  private serialK = -1;

  constructor(
    private readonly run: SearchRun,
    /** Workers wanted (below 2: every level single-threaded). */
    readonly wanted: number,
    private readonly runners: (n: number) => ShardRunner[],
    private readonly minPairs = MIN_PARALLEL_PAIRS,
  ) {}

  /** True when it ran a level on workers (or a cancel ended the attempt); false: call run.advance() instead. */
  async step(onProgress: (p: ShardProgress) => void = () => {}): Promise<boolean> {
    const r = this.run;
    if (this.wanted < 2) return false;
    const k = r.parallelLevel(this.minPairs);
    if (k === null || k === this.serialK) return false;
    const t = r.en.table;
    const plan = planShards(this.wanted, t.bytes(), t.snapshotBytes(), r.options.maxBytes);
    if (plan.workers < 2) {
      this.serialK = k;
      return false;
    }
    try {
      const shards = await runLevelOnWorkers(r.en, k, this.runners(plan.workers), plan.shardBytes, (p) => {
        r.external = p;
        onProgress(p);
      });
      if (r.state !== 'running') return true;
      if (!r.commitLevel(k, shards)) this.serialK = k;
      else {
        r.sharded.levels.push(k);
        r.sharded.workers = Math.max(r.sharded.workers, plan.workers);
      }
      return true;
    } catch (e) {
      r.external = null;
      if (r.state !== 'running') return true; // cancelled while the workers ran: they were stopped
      if (e instanceof MemoryBudgetError) {
        this.serialK = k;
        return true;
      }
      throw e;
    }
  }
}
