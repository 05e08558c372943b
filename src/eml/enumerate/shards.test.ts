import { describe, expect, it } from 'vitest';
import { printFunctional } from '../syntax/print.ts';
import { Enumerator } from './enumerator.ts';
import type { Leaves } from './probes.ts';
import { SearchRun } from './search.ts';
import {
  ParallelDriver,
  planShards,
  runLevelOnWorkers,
  runShard,
  MIN_SHARD_BYTES,
  type ShardRunner,
} from './shards.ts';
import { readTarget } from './target.ts';

const BIG = 512 * 2 ** 20;

/** In-process runners: each shard runs on its own structured clone of the task, as a worker would receive it. */
const inProcess = (n: number): ShardRunner[] =>
  Array.from(
    { length: n },
    () => (task, onProgress) => Promise.resolve(runShard(structuredClone(task), onProgress, 97)),
  );

async function enumerate(leaves: Leaves, maxK: number, workers: number) {
  const en = new Enumerator({ leaves, semantics: 'complex', seed: 3, maxBytes: BIG });
  for (let k = 3; k <= maxK; k += 2) {
    if (workers === 1) en.enumerateTo(k);
    else en.commit(k, await runLevelOnWorkers(en, k, inProcess(workers), 64 * 2 ** 20));
  }
  const t = en.table;
  return {
    perK: en.perK.map((s) => ({ ...s })),
    witnesses: Array.from({ length: t.count }, (_, id) => printFunctional(en.tree(id))),
    vals: Array.from(t.vals.subarray(0, t.count * en.width)),
  };
}

describe('levels on shard workers', () => {
  it.each([
    ['1', 17],
    ['1,x', 11],
    ['1,x,y', 9],
  ] as const)(
    'leaves %s to K %i: 2 and 3 workers give the ids, witnesses and counts of 1 worker',
    async (leaves, k) => {
      const one = await enumerate(leaves, k, 1);
      expect(one.perK.at(-1)!.k).toBe(k);
      for (const n of [2, 3]) expect(await enumerate(leaves, k, n)).toEqual(one);
    },
  );

  it('ParallelDriver runs the stored levels on workers and says which, with the counts of one thread', async () => {
    const options = {
      leaves: '1' as const,
      semantics: 'complex' as const,
      seed: 1,
      maxK: 17,
      maxBytes: BIG,
      target: null,
    };
    const single = new SearchRun(options);
    while (single.advance(1 << 16) === 'running');
    const multi = new SearchRun(options);
    const driver = new ParallelDriver(multi, 2, inProcess, 50);
    while (multi.state === 'running') if (!(await driver.step())) multi.advance(1 << 16);
    expect(multi.perK).toEqual(single.perK);
    // Levels with at least 50 pairs: K 13 (100 pairs), 15 (287) and 17 (846).
    expect(multi.progress().sharded).toEqual({ levels: [13, 15, 17], workers: 2 });
    expect(single.progress().sharded).toEqual({ levels: [], workers: 0 });
  });

  it('a search on workers finds the same minimum as the single-threaded one', async () => {
    const t = readTarget('x - y', '1,x,y');
    if (!t.ok) throw new Error(t.message);
    const options = {
      leaves: '1,x,y' as const,
      semantics: 'complex' as const,
      seed: 1,
      maxK: 11,
      maxBytes: BIG,
      target: t.target,
    };
    const single = new SearchRun(options);
    while (single.advance(1 << 16) === 'running');
    const multi = new SearchRun(options);
    for (;;) {
      const k = multi.parallelLevel(0);
      if (k === null) {
        if (multi.advance(1 << 16) !== 'running') break;
        continue;
      }
      expect(multi.commitLevel(k, await runLevelOnWorkers(multi.en, k, inProcess(2), 64 * 2 ** 20))).toBe(true);
    }
    expect(multi.state).toBe(single.state);
    expect(single.found?.k).toBe(11);
    expect(printFunctional(multi.found!.tree)).toBe(printFunctional(single.found!.tree));
    expect(multi.perK).toEqual(single.perK);
  });

  it('plans as many workers as the copies of the table leave room for', () => {
    const MB = 2 ** 20;
    expect(planShards(3, 100 * MB, 100 * MB, 1000 * MB)).toEqual({
      workers: 3,
      shardBytes: Math.floor((600 * MB) / 4),
    });
    // Two copies of a 400 MB table do not fit in 1000 MB beside it: the level runs single-threaded.
    expect(planShards(3, 400 * MB, 400 * MB, 1000 * MB).workers).toBe(1);
    expect(planShards(3, 350 * MB, 350 * MB, 1000 * MB)).toEqual({ workers: 1, shardBytes: 0 });
    expect(planShards(2, 10 * MB, 10 * MB, 10 * MB + 20 * MB + 3 * MIN_SHARD_BYTES).workers).toBe(2);
    const snapshot = new Enumerator({ leaves: '1', semantics: 'complex', seed: 1, maxBytes: BIG }).snapshot();
    expect(() => runShard({ snapshot, k: 3, index: 0, count: 1 })).toThrow(/at least 2 shards/);
  });
});
