/**
 * A shortest-form search as a resumable run: levels are enumerated and stored by increasing K up to maxK; with a
 * target, each new level is scanned for it and a match is verified on fresh points. The last level (K = maxK) is
 * only scanned, never stored, when there is a target (a level can be 10× the size of all below it; scanning needs
 * no memory), and so is a level that does not fit in memory. advance() does a bounded amount of work, so a worker
 * can report progress and hear a cancel between calls; the CLI calls it in a loop.
 *
 * What a result proves: a tree found at K is a minimum, because every smaller level was complete (up to the
 * identification of functions by their values at the probe points); when nothing is found, the lower bound is the
 * last K whose every tree was evaluated: "no tree with K ≤ n computes this function".
 */
import type { EmlNode } from '../ast.ts';
import { Enumerator, type Candidates, type EnumSemantics, type LevelStats } from './enumerator.ts';
import type { LevelJob } from './levelJob.ts';
import type { ShardProgress } from './shards.ts';
import type { Leaves } from './probes.ts';
import { MemoryBudgetError, matchesTarget } from './table.ts';
import { targetVector, verifyTree, type Target, type Verification } from './target.ts';
import { eml } from '../ast.ts';

export interface SearchOptions {
  leaves: Leaves;
  semantics: EnumSemantics;
  seed: number;
  maxK: number;
  maxBytes: number;
  target: Target | null;
  /** Count the distinct new functions of a level only scanned (counter.ts; default true): about doubles its cost. */
  countScanned?: boolean;
}

export interface Found {
  tree: EmlNode;
  k: number;
  verification: Verification;
}

export type SearchState = 'running' | 'found' | 'done' | 'memory' | 'cancelled';

export interface SearchProgress {
  state: SearchState;
  /** The level being worked on (or the last one when finished). */
  k: number;
  /** Largest K with every tree evaluated. */
  completeK: number;
  distinct: number;
  /** Candidate trees evaluated (pairs of stored functions), all levels. */
  trees: number;
  bytes: number;
  /** True while the level is only scanned for the target (not stored). */
  scanning: boolean;
  /** Levels run on shard workers (shards.ts ParallelDriver), and the most workers one of them used (0: none). */
  sharded: { levels: number[]; workers: number };
}

export interface ScannedLevel {
  k: number;
  trees: number;
  complete: boolean;
  /** Distinct new functions of the level, counted by hash without storing them; null until complete, or when the count outgrew the memory budget. */
  distinct: number | null;
  /** The count is from 64-bit keys, not exact values (counter.ts: the level's values did not fit). */
  approximate: boolean;
}

export class SearchRun {
  readonly en: Enumerator;
  readonly target: Float64Array | null;
  found: Found | null = null;
  state: SearchState = 'running';
  /** A level that was only scanned: its trees, and its distinct new functions once complete (counter.ts). */
  scanned: ScannedLevel | null = null;
  /** Matches at the probes that failed the fresh-point check (coincidences at the probes). */
  rejected: Array<{ tree: EmlNode; failedAt: string | null }> = [];
  /** Levels committed from shard workers (set by shards.ts ParallelDriver). */
  readonly sharded: { levels: number[]; workers: number } = { levels: [], workers: 0 };
  private job: LevelJob | null = null;
  private trees = 0;

  constructor(readonly options: SearchOptions) {
    this.en = new Enumerator(options);
    this.target = options.target ? targetVector(options.target, this.en.probes) : null;
    this.trees = this.en.perK[0].trees;
    if (this.target) this.checkStored(0, this.en.table.count, 1);
    if (this.state === 'running' && options.maxK < 3) this.state = 'done';
  }

  /** Distinct functions per K: the stored levels, then a scanned level once it is complete and counted. */
  get perK(): readonly LevelStats[] {
    const s = this.scanned;
    if (!s?.complete || s.distinct === null || this.en.perK.some((l) => l.k === s.k)) return this.en.perK;
    return [...this.en.perK, { k: s.k, distinct: s.distinct, trees: s.trees }];
  }

  /** The lower bound the run proves: no tree with K ≤ this computes the target (null without a target). */
  get lowerBound(): number | null {
    if (!this.target) return null;
    if (this.found) return this.found.k - 2;
    return this.scanned?.complete ? this.scanned.k : this.en.completeK;
  }

  /** Evaluates about `pairs` more trees; returns the state after it. */
  advance(pairs: number): SearchState {
    if (this.state !== 'running') return this.state;
    const en = this.en;
    if (!this.job) {
      const k = en.completeK + 2;
      if (k > this.options.maxK) return (this.state = 'done');
      const scanOnly = this.target !== null && k === this.options.maxK;
      this.job = en.levelJob(k, 0, 1, scanOnly ? this.target : null, this.options.countScanned ?? true);
      if (scanOnly) this.scanned = { k, trees: 0, complete: false, distinct: null, approximate: false };
    }
    const job = this.job;
    const before = job.pairs;
    let finished: boolean;
    try {
      finished = job.step(pairs);
    } catch (e) {
      if (!(e instanceof MemoryBudgetError)) throw e;
      // The level does not fit: scan it for the target instead (nothing to store), else stop here.
      en.abandon(job);
      this.trees -= before;
      this.job = this.target ? en.levelJob(job.k, 0, 1, this.target, this.options.countScanned ?? true) : null;
      if (!this.job) return (this.state = 'memory');
      this.scanned = { k: job.k, trees: 0, complete: false, distinct: null, approximate: false };
      return this.state;
    }
    this.trees += job.pairs - before;
    if (job.scanning) {
      this.scanned!.trees = job.pairs;
      if (job.match) {
        const tree = eml(en.tree(job.match[0]), en.tree(job.match[1]));
        if (this.accept(tree, job.k)) return this.state;
      }
      if (finished) {
        this.scanned!.complete = true;
        this.scanned!.distinct = job.counter && !job.counter.full ? job.counter.count : null;
        this.scanned!.approximate = job.counter?.approximate ?? false;
        this.job = null;
        // A scanned level cannot be built on: stop unless it was the last one asked for.
        this.state = job.k >= this.options.maxK ? 'done' : 'memory';
      }
      return this.state;
    }
    if (finished) {
      const stats = en.commit(job.k, [job.result()]);
      this.job = null;
      if (this.target) this.checkStored(en.level(job.k)[0], en.level(job.k)[1], job.k);
      if (this.state === 'running' && stats.k >= this.options.maxK) this.state = 'done';
    }
    return this.state;
  }

  /**
   * The next level when it can be run on shard workers (shards.ts): one to store, not only to scan, with at least
   * `minPairs` pairs; null otherwise (advance() runs it). While the workers run, `external` is their progress.
   */
  parallelLevel(minPairs: number): number | null {
    if (this.state !== 'running' || this.job) return null;
    const k = this.en.completeK + 2;
    if (k > this.options.maxK || (this.target !== null && k === this.options.maxK)) return null;
    return this.en.pairCount(k) >= minPairs ? k : null;
  }

  external: ShardProgress | null = null;

  /** Commits level K merged from shard workers; false when the merged level does not fit (nothing changed). */
  commitLevel(k: number, shards: readonly Candidates[]): boolean {
    this.external = null;
    if (this.state !== 'running') return false;
    let stats: LevelStats;
    try {
      stats = this.en.commit(k, shards);
    } catch (e) {
      if (e instanceof MemoryBudgetError) return false;
      throw e;
    }
    this.trees += stats.trees;
    if (this.target) this.checkStored(this.en.level(k)[0], this.en.level(k)[1], k);
    if (this.state === 'running' && k >= this.options.maxK) this.state = 'done';
    return true;
  }

  cancel(): void {
    if (this.state !== 'running') return;
    if (this.job) this.en.abandon(this.job);
    this.job = null;
    this.state = 'cancelled';
  }

  progress(): SearchProgress {
    const job = this.job;
    const ext = this.state === 'running' ? this.external : null;
    return {
      state: this.state,
      k: job ? job.k : ext ? this.en.completeK + 2 : this.en.completeK,
      completeK: this.en.completeK,
      distinct:
        this.en.table.count +
        (job && !job.direct ? job.found : 0) +
        (ext?.found ?? 0) +
        (job?.counter?.count ?? this.scanned?.distinct ?? 0),
      trees: this.trees + (ext?.pairs ?? 0),
      bytes: this.en.table.bytes() + (job ? job.bytes() : 0) + (ext?.bytes ?? 0),
      scanning: job?.scanning ?? false,
      sharded: { levels: [...this.sharded.levels], workers: this.sharded.workers },
    };
  }

  private checkStored(from: number, to: number, k: number): void {
    const t = this.en.table;
    const w = this.en.width;
    for (let id = from; id < to; id++) {
      if (!matchesTarget(t.vals.subarray(id * w, id * w + w), this.target!, w)) continue;
      if (this.accept(this.en.tree(id), k)) return;
    }
  }

  private accept(tree: EmlNode, k: number): boolean {
    const o = this.options;
    const verification = verifyTree(tree, o.target!, o.leaves, o.semantics, o.seed);
    if (!verification.ok) {
      if (this.rejected.length < 20) this.rejected.push({ tree, failedAt: verification.failedAt });
      return false;
    }
    this.found = { tree, k, verification };
    if (this.job) this.en.abandon(this.job);
    this.job = null;
    this.state = 'found';
    return true;
  }
}
