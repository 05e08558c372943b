/**
 * Every distinct EML function up to size K, by increasing K (functional hashing, table.ts). Level K combines the
 * distinct functions of sizes a and K − 1 − a; because eml acts point by point, the value vector of any tree of
 * size K is eml of two stored vectors, so combining only the stored representatives misses no function. The first
 * tree found for a vector is kept as its witness; levels go by increasing K, so the witness is a smallest tree.
 *
 * eml(u, v) = exp(u) − ln(v): exp of a left function is computed once per left function and block of right
 * functions, ln of the right functions once per block (levelJob.ts), so a pair costs P complex subtractions, a hash and
 * a lookup.
 *
 * Parallel work: a level's pairs, in one fixed order, are cut into contiguous shards (levelJob); each shard finds
 * its candidates new against the stored levels and among themselves; commit() adds the shards' candidates in shard
 * order, skipping those an earlier shard already added. The result (ids, witnesses) is the same for any number of
 * shards, and equal to the single-threaded run.
 */
import { eml, ONE, variable, type EmlNode } from '../ast.ts';
import { probeSet, variablesOf, type Leaves, type ProbeSet } from './probes.ts';
import { LevelJob } from './levelJob.ts';
import { FunctionTable, hashValues, LEAF, MemoryBudgetError, type TableSnapshot } from './table.ts';

/** 'complex': C99 complex float64, ln 0 = −∞, infinities and NaN are values; 'finite': any non-finite value at any node of the tree discards it. */
export type EnumSemantics = 'complex' | 'finite';
export const ENUM_SEMANTICS: readonly EnumSemantics[] = ['complex', 'finite'];

export interface EnumeratorOptions {
  leaves: Leaves;
  semantics: EnumSemantics;
  seed: number;
  /** Bytes the stored functions may take (the table refuses to grow past it). */
  maxBytes: number;
}

export interface LevelStats {
  k: number;
  /** Functions first found at this K. */
  distinct: number;
  /** Candidate trees evaluated at this K: pairs of stored functions (or the leaves at K = 1). */
  trees: number;
}

/** One shard's candidates of a level, new against the stored levels and among themselves (pair order). */
export interface Candidates {
  k: number;
  count: number;
  vals: Float64Array;
  hashes: Uint32Array;
  left: Uint32Array;
  right: Uint32Array;
  /** Pairs evaluated. */
  pairs: number;
  /** ≥ 0: the only shard, which stored its candidates itself from this id on (count is then 0). */
  direct: number;
}

export const MAX_K = 99;

/** A read-only copy of the stored levels, sent to shard workers (shards.ts). */
export interface EnumSnapshot {
  options: EnumeratorOptions;
  completeK: number;
  levelStart: Int32Array;
  levelEnd: Int32Array;
  table: TableSnapshot;
}

export class Enumerator {
  readonly probes: ProbeSet;
  readonly width: number;
  readonly table: FunctionTable;
  readonly perK: LevelStats[] = [];
  /** Largest K whose level is complete (every pair evaluated and committed). */
  completeK = 0;
  private readonly levelStart = new Int32Array(MAX_K + 3);
  private readonly levelEnd = new Int32Array(MAX_K + 3);
  private readonly trees = new Map<number, EmlNode>();

  constructor(
    readonly options: EnumeratorOptions,
    /** A shard worker's read-only copy (fromSnapshot); the leaves are then already in it. */
    copy: EnumSnapshot | null = null,
  ) {
    this.probes = probeSet(options.leaves, options.seed);
    this.width = 2 * this.probes.points.length;
    const hw = 2 * this.probes.hashed;
    if (copy) {
      this.table = FunctionTable.fromSnapshot(this.width, hw, options.maxBytes, copy.table);
      this.levelStart.set(copy.levelStart);
      this.levelEnd.set(copy.levelEnd);
      this.completeK = copy.completeK;
      return;
    }
    this.table = new FunctionTable(this.width, hw, options.maxBytes);
    const names = variablesOf(options.leaves);
    const v = new Float64Array(this.width);
    for (let leaf = 0; leaf <= names.length; leaf++) {
      this.probes.points.forEach((pt, p) => {
        v[2 * p] = leaf === 0 ? 1 : pt[leaf - 1][0];
        v[2 * p + 1] = leaf === 0 ? 0 : pt[leaf - 1][1];
      });
      this.store(v, 0, hashValues(v, 0, this.table.hashedWidth, this.width), LEAF, leaf, 1);
    }
    this.levelStart[1] = 0;
    this.levelEnd[1] = this.table.count;
    this.perK.push({ k: 1, distinct: this.table.count, trees: this.table.count });
    this.completeK = 1;
  }

  /** A copy of the stored levels for shard workers (values, hashes, slots; no witnesses). */
  snapshot(maxBytes = this.options.maxBytes): EnumSnapshot {
    return {
      // Only the enumerator's own options: a SearchRun passes its whole options (with a target that holds functions).
      options: { leaves: this.options.leaves, semantics: this.options.semantics, seed: this.options.seed, maxBytes },
      completeK: this.completeK,
      levelStart: this.levelStart.slice(),
      levelEnd: this.levelEnd.slice(),
      table: this.table.snapshot(),
    };
  }

  /** A shard worker's enumerator over a copy of the stored levels (read-only: only non-direct level jobs). */
  static fromSnapshot(s: EnumSnapshot): Enumerator {
    return new Enumerator(s.options, s);
  }

  /** Ids [start, end) of the functions first found at K (empty for an even or not yet enumerated K). */
  level(k: number): [number, number] {
    return k >= 1 && k <= this.completeK && k % 2 === 1 ? [this.levelStart[k], this.levelEnd[k]] : [0, 0];
  }

  /** Pairs to evaluate at level K (K odd, every level below complete). */
  pairCount(k: number): number {
    let n = 0;
    for (let a = 1; a <= k - 2; a += 2) {
      const [as, ae] = this.level(a);
      const [bs, be] = this.level(k - 1 - a);
      n += (ae - as) * (be - bs);
    }
    return n;
  }

  /** Shard `index` of `count` of level K: the contiguous range of the level's pairs in their fixed order. */
  levelJob(k: number, index: number, count: number, target: Float64Array | null = null, countScanned = true): LevelJob {
    if (k % 2 === 0 || k !== this.completeK + 2) throw new RangeError(`level ${k} cannot be enumerated next`);
    const total = this.pairCount(k);
    const from = Math.floor((total * index) / count);
    const to = Math.floor((total * (index + 1)) / count);
    return new LevelJob(this, k, from, to, count, target, countScanned);
  }

  /** Drops what an unfinished level stored (a single-shard job writes into the table as it goes). */
  abandon(job: LevelJob): void {
    if (job.direct && !job.scanning) this.table.truncate(job.startId);
  }

  /** Adds the shards' candidates of level K in shard order; the level is then complete. */
  commit(k: number, shards: readonly Candidates[]): LevelStats {
    const t = this.table;
    const start = shards.length === 1 && shards[0].direct >= 0 ? shards[0].direct : t.count;
    let pairs = 0;
    try {
      t.reserve(shards.reduce((n, c) => n + c.count, 0));
      for (const c of shards) {
        pairs += c.pairs;
        for (let i = 0; i < c.count; i++) t.addIfNew(c.vals, i * this.width, c.hashes[i], c.left[i], c.right[i], k);
      }
    } catch (e) {
      // The merged level does not fit: leave the table as it was, the level not committed.
      if (e instanceof MemoryBudgetError) t.truncate(start);
      throw e;
    }
    this.levelStart[k] = start;
    this.levelEnd[k] = t.count;
    this.completeK = k;
    const stats = { k, distinct: t.count - start, trees: pairs };
    this.perK.push(stats);
    return stats;
  }

  /** Single-threaded enumeration up to maxK; stops early (level incomplete) when `stop()` says so or memory runs out. */
  enumerateTo(maxK: number, stop: () => boolean = () => false): 'done' | 'stopped' | 'memory' {
    for (let k = this.completeK + 2; k <= maxK; k += 2) {
      const job = this.levelJob(k, 0, 1);
      try {
        while (!job.step(1 << 16)) {
          if (stop()) {
            this.abandon(job);
            return 'stopped';
          }
        }
      } catch (e) {
        if (!(e instanceof MemoryBudgetError)) throw e;
        this.abandon(job);
        return 'memory';
      }
      this.commit(k, [job.result()]);
    }
    return 'done';
  }

  /** The witness (a smallest tree) of function `id`. */
  tree(id: number): EmlNode {
    const memo = this.trees.get(id);
    if (memo) return memo;
    const t = this.table;
    let node: EmlNode;
    if (t.left[id] === LEAF) {
      const r = t.right[id];
      node = r === 0 ? ONE : variable(variablesOf(this.options.leaves)[r - 1]);
    } else node = eml(this.tree(t.left[id]), this.tree(t.right[id]));
    this.trees.set(id, node);
    return node;
  }

  private store(v: Float64Array, off: number, h: number, left: number, right: number, k: number): void {
    this.table.add(v, off, h, left, right, k);
  }
}
