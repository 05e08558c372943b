/**
 * One shard of one level of the enumeration (enumerator.ts): its pairs of stored functions, evaluated block by
 * block (ln of a block of right functions once, exp of a left function once per block), and the candidates new
 * against the stored levels and the shard's own.
 */
import { expInto, logInto, type Complex } from '../evaluate/complex.ts';
import { LevelCounter } from './counter.ts';
import type { Candidates, Enumerator } from './enumerator.ts';
import { FunctionTable, hashValues, matchesTarget } from './table.ts';

/** Whether function `id` of `t` (−1: none) has exactly the values v[0 .. w). */
function sameBits(t: FunctionTable, id: number, v: Float64Array, w: number): boolean {
  if (id < 0) return false;
  const o = id * w;
  for (let p = 0; p < w; p++) if (!Object.is(t.vals[o + p], v[p])) return false;
  return true;
}

const LN: Complex = { re: 0, im: 0 };
const EX: Complex = { re: 0, im: 0 };

/**
 * Right functions are taken in blocks whose ln values are computed once per block (not stored per function: at
 * one variable and K = 19 that would double the table's 400 MB). The pairs of a split (a, b) are ordered block by
 * block, then by left function, then by right function within the block.
 */
export const BLOCK = 8192;

/** One shard of one level, run in slices (step) so a worker can report progress and hear a cancel between them. */
export class LevelJob {
  /** Where this shard's candidates go: the stored table itself when there is one shard, else a table of its own. */
  private readonly out: FunctionTable;
  readonly direct: boolean;
  readonly startId: number;
  private readonly exps: Float64Array;
  private readonly lnBlock: Float64Array;
  private readonly cand: Float64Array;
  private pos: number;
  private a = 1;
  private bi = 0;
  private i = 0;
  private j = 0;
  private expFor = -1;
  private lnFor = -1;
  pairs = 0;
  /** Scan mode: the pair (left, right) of the last match with `target`, or null. */
  match: [number, number] | null = null;
  private readonly target: Float64Array | null;
  /** Scan mode: the level's distinct new functions, counted without storing them (counter.ts). */
  readonly counter: LevelCounter | null;

  constructor(
    private readonly en: Enumerator,
    readonly k: number,
    readonly from: number,
    readonly to: number,
    shards: number,
    /** Scan mode: store nothing, stop at each pair whose values match this vector (matchesTarget). */
    target: Float64Array | null = null,
    /** Scan mode: count the level's distinct new functions (counter.ts). */
    countScanned = true,
  ) {
    const w = en.width;
    this.target = target;
    this.direct = shards === 1 || target !== null;
    this.startId = en.table.count;
    this.out = this.direct
      ? en.table
      : new FunctionTable(w, en.table.hashedWidth, Math.max(1 << 20, en.options.maxBytes - en.table.bytes()));
    this.counter =
      target && countScanned
        ? new LevelCounter(en.table, Math.max(1 << 20, en.options.maxBytes - en.table.bytes()))
        : null;
    this.exps = new Float64Array(w);
    this.lnBlock = new Float64Array(BLOCK * w);
    this.cand = new Float64Array(w);
    this.pos = from;
    let acc = 0;
    for (let a = 1; a <= k - 2; a += 2) {
      const na = this.size(a);
      const nb = this.size(k - 1 - a);
      if (from < acc + na * nb || a === k - 2) {
        this.a = a;
        this.seek(Math.max(0, from - acc), na, nb);
        break;
      }
      acc += na * nb;
    }
  }

  /** Sets (bi, i, j) to the r-th pair of the current split. */
  private seek(r: number, na: number, nb: number): void {
    if (na === 0 || nb === 0) {
      this.bi = this.i = this.j = 0;
      return;
    }
    this.bi = Math.floor(r / (BLOCK * na));
    const rem = r - this.bi * BLOCK * na;
    const len = Math.min(BLOCK, nb - this.bi * BLOCK);
    this.i = Math.floor(rem / len);
    this.j = rem % len;
  }

  private size(k: number): number {
    const [s, e] = this.en.level(k);
    return e - s;
  }

  /** Evaluates up to `max` pairs; true when the shard is finished. Throws MemoryBudgetError past the budget. */
  step(max: number): boolean {
    this.match = null;
    const en = this.en;
    const t = en.table;
    const out = this.out;
    const w = en.width;
    const hw = t.hashedWidth;
    const finite = en.options.semantics === 'finite';
    const exps = this.exps;
    const lnb = this.lnBlock;
    const cand = this.cand;
    const end = Math.min(this.to, this.pos + max);
    while (this.pos < end) {
      const [as, ae] = en.level(this.a);
      const [bs, be] = en.level(this.k - 1 - this.a);
      const na = ae - as;
      const nb = be - bs;
      const b0 = this.bi * BLOCK;
      if (na === 0 || b0 >= nb) {
        this.a += 2;
        this.bi = this.i = this.j = 0;
        this.expFor = this.lnFor = -1;
        continue;
      }
      const len = Math.min(BLOCK, nb - b0);
      if (this.i >= na) {
        this.bi++;
        this.i = this.j = 0;
        continue;
      }
      const vals = t.vals;
      if (this.lnFor !== bs + b0) {
        for (let j = 0; j < len; j++) {
          const o = (bs + b0 + j) * w;
          for (let p = 0; p < w; p += 2) {
            logInto(vals[o + p], vals[o + p + 1], LN);
            lnb[j * w + p] = LN.re;
            lnb[j * w + p + 1] = LN.im;
          }
        }
        this.lnFor = bs + b0;
      }
      const left = as + this.i;
      if (this.expFor !== left) {
        for (let p = 0; p < w; p += 2) {
          expInto(vals[left * w + p], vals[left * w + p + 1], EX);
          exps[p] = EX.re;
          exps[p + 1] = EX.im;
        }
        this.expFor = left;
      }
      // The inner loop: P complex subtractions, a hash and at most two lookups per pair, nothing allocated.
      const stopJ = Math.min(len, this.j + (end - this.pos));
      for (let j = this.j; j < stopJ; j++) {
        const ro = j * w;
        let bad = false;
        for (let p = 0; p < w; p++) {
          const x = exps[p] - lnb[ro + p];
          cand[p] = x;
          if (finite && (x !== x || x === Infinity || x === -Infinity)) bad = true;
        }
        if (bad) continue;
        if (this.target) {
          this.counter?.add(cand, hashValues(cand, 0, hw, w));
          if (!matchesTarget(cand, this.target, w)) continue;
          this.match = [left, bs + b0 + j];
          const done = j + 1 - this.j;
          this.pos += done;
          this.pairs += done;
          if (j + 1 === len) {
            this.j = 0;
            this.i++;
          } else this.j = j + 1;
          return this.pos >= this.to;
        }
        const h = hashValues(cand, 0, hw, w);
        if (t.find(cand, 0, h) >= 0) continue;
        // A shard drops a candidate only when an earlier one of its own has bit for bit the same values: equality to
        // a tolerance is not transitive, and the earlier one may be dropped at the merge (it matches an earlier
        // shard's function) while this one matches nothing there: the single-threaded run would keep it.
        if (!this.direct && sameBits(out, out.find(cand, 0, h), cand, w)) continue;
        out.add(cand, 0, h, left, bs + b0 + j, this.k);
      }
      this.pos += stopJ - this.j;
      this.pairs += stopJ - this.j;
      if (stopJ === len) {
        this.j = 0;
        this.i++;
      } else this.j = stopJ;
    }
    return this.pos >= this.to;
  }

  /** The shard's candidates as transferable typed arrays (none when it wrote to the stored table directly). */
  result(): Candidates {
    const p = this.out;
    const n = this.direct ? 0 : p.count;
    return {
      k: this.k,
      count: n,
      vals: p.vals.slice(0, n * this.en.width),
      hashes: p.hashes.slice(0, n),
      left: p.left.slice(0, n),
      right: p.right.slice(0, n),
      pairs: this.pairs,
      direct: this.direct ? this.startId : -1,
    };
  }

  get scanning(): boolean {
    return this.target !== null;
  }

  /** Candidates found so far in this shard. */
  get found(): number {
    return this.direct ? this.out.count - this.startId : this.out.count;
  }

  bytes(): number {
    return (this.direct ? 0 : this.out.bytes()) + (this.counter?.bytes() ?? 0);
  }
}
