/**
 * The paper's repository's counting rule (VA00/SymbolicRegressionPackage, EML_toolkit/EmL_recognizer/eml_core/
 * src/main.rs, whose output MacBookPro_M3MAX.txt is fixtures/publishedCounts.json), as a second way to count
 * constants (leaf 1). It is not our "distinct new functions" count:
 * - a value is one real float64, not a function at complex probe points;
 * - level K is every exp(l) − ln(r) for l in level a and r in level K − 1 − a, skipping a pair when exp(l) or
 *   ln(r) is not finite (so r ≤ 0 is skipped) and dropping a non-finite result;
 * - the level is sorted and bit-equal values kept once (their sort then `to_bits()` comparison);
 * - values already met at a smaller K are NOT removed: a level counts all its values, old or new.
 *
 * Bit equality sees every ulp, so the count depends on the exp and ln used: 'correct' (crMath.ts, correctly
 * rounded, platform-free) or 'js' (the host's Math.exp/Math.log). exp and ln are taken once per value of a level
 * (a level's table), so a pair costs one subtraction and one insertion into the level's set of bit patterns (an
 * open-addressing table over a Float64Array: sorting 13 M values with TypedArray.sort took 15 s at K 35, the set 2).
 */
import { expCR, logCR } from './crMath.ts';

export type Libm = 'correct' | 'js';
export const LIBMS: readonly Libm[] = ['correct', 'js'];
export const LIBM_TEXT: Record<Libm, string> = {
  correct: 'exp and ln correctly rounded (double-double, crMath.ts)',
  js: "the JavaScript engine's Math.exp and Math.log (V8: fdlibm, under 1 ulp, not correctly rounded)",
};

export interface PublishedOptions {
  /** Largest K counted (odd, 3 … 61). */
  maxK: number;
  libm: Libm;
  /** Bytes the levels, their exp/ln tables and the level being built may take together. */
  maxBytes: number;
}

export interface PublishedLevel {
  k: number;
  /** Distinct float64 values of the level (bit-equal kept once): the published "generated unique". */
  unique: number;
  /** Pairs whose value was finite (before bit-equal values were merged). */
  candidates: number;
}

export interface PublishedResult {
  perK: PublishedLevel[];
  /** 'memory': the next level would not fit in maxBytes; perK holds the levels counted before it. */
  state: 'done' | 'memory';
  /** The most bytes held at once. */
  peakBytes: number;
}

/** Why the options cannot be counted, or null. */
export function checkPublishedOptions(o: PublishedOptions): string | null {
  if (!Number.isInteger(o.maxK) || o.maxK < 3 || o.maxK > 61 || o.maxK % 2 === 0)
    return `max K must be an odd integer from 3 to 61 (K = 2·leaves − 1), got ${o.maxK}`;
  if (!LIBMS.includes(o.libm)) return `libm must be one of ${LIBMS.join(', ')}, got "${String(o.libm)}"`;
  if (!(o.maxBytes > 0)) return `the memory budget must be a positive number of bytes, got ${o.maxBytes}`;
  return null;
}

/** Finite f(v) for the values of a level, in level order. */
function finiteTable(level: Float64Array, f: (v: number) => number): Float64Array {
  const out = new Float64Array(level.length);
  let n = 0;
  for (let i = 0; i < level.length; i++) {
    const y = f(level[i]);
    if (Number.isFinite(y)) out[n++] = y;
  }
  return out.slice(0, n);
}

/**
 * A set of float64 bit patterns: linear probing in a power-of-two Float64Array, load at most 0.8 for `max`
 * insertions; empty slots hold a NaN pattern, which no finite value has. Equality is of the two 32-bit words,
 * so +0 and −0 are two values, as `to_bits()` sees them.
 */
class BitSet {
  readonly bytes: number;
  size = 0;
  private slots = new Float64Array(0);
  private words = new Uint32Array(0);
  private readonly mask: number;
  private readonly probe = new Float64Array(1);
  private readonly probeWords = new Uint32Array(this.probe.buffer);

  constructor(max: number) {
    let cap = 16;
    while (cap * 0.8 < max) cap *= 2;
    this.mask = cap - 1;
    this.bytes = cap * 8;
  }

  allocate(): void {
    this.slots = new Float64Array(this.bytes / 8).fill(NaN);
    this.words = new Uint32Array(this.slots.buffer);
  }

  add(v: number): void {
    this.probe[0] = v;
    const w0 = this.probeWords[0];
    const w1 = this.probeWords[1];
    // murmur3's finaliser over both words (low product bits alone depend only on low input bits).
    let h = w0 ^ Math.imul(w1 ^ (w1 >>> 16), 0x9e3779b1);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h = (h ^ (h >>> 16)) & this.mask;
    const words = this.words;
    for (;;) {
      const s0 = words[2 * h];
      const s1 = words[2 * h + 1];
      if (s0 === w0 && s1 === w1) return;
      if (this.slots[h] !== this.slots[h]) {
        this.slots[h] = v;
        this.size++;
        return;
      }
      h = (h + 1) & this.mask;
    }
  }

  values(): Float64Array {
    const out = new Float64Array(this.size);
    let n = 0;
    for (let i = 0; i < this.slots.length; i++) if (this.slots[i] === this.slots[i]) out[n++] = this.slots[i];
    return out;
  }
}

/** Counts the levels K = 3, 5, … maxK under the published rule; onLevel hears each level as it is counted. */
export function countPublished(o: PublishedOptions, onLevel?: (l: PublishedLevel) => void): PublishedResult {
  const problem = checkPublishedOptions(o);
  if (problem) throw new RangeError(problem);
  const exp = o.libm === 'correct' ? expCR : Math.exp;
  const log = o.libm === 'correct' ? logCR : Math.log;
  // Per stored level: exp of its values (as a left operand) and ln (as a right one), finite ones only.
  const exps = new Map<number, Float64Array>();
  const logs = new Map<number, Float64Array>();
  let held = 0;
  const keep = (k: number, level: Float64Array) => {
    if (k > o.maxK - 2) return; // only levels up to maxK − 2 are ever combined
    const e = finiteTable(level, exp);
    const l = finiteTable(level, log);
    exps.set(k, e);
    logs.set(k, l);
    held += e.byteLength + l.byteLength;
  };
  keep(1, Float64Array.of(1));
  const perK: PublishedLevel[] = [];
  let peak = held;
  for (let k = 3; k <= o.maxK; k += 2) {
    let pairs = 0;
    for (let a = 1; a <= k - 2; a += 2) pairs += exps.get(a)!.length * logs.get(k - 1 - a)!.length;
    // The level's set, then its exp and ln tables (at most the pairs each) next to it.
    const set = new BitSet(pairs);
    if (held + set.bytes + (k <= o.maxK - 2 ? 16 * pairs : 0) > o.maxBytes)
      return { perK, state: 'memory', peakBytes: peak };
    set.allocate();
    let n = 0;
    for (let a = 1; a <= k - 2; a += 2) {
      const e = exps.get(a)!;
      const l = logs.get(k - 1 - a)!;
      for (let i = 0; i < e.length; i++) {
        const ei = e[i];
        for (let j = 0; j < l.length; j++) {
          const v = ei - l[j];
          if (v - v !== 0) continue; // not finite (∞ − ∞ and NaN give NaN)
          n++;
          set.add(v);
        }
      }
    }
    const stats = { k, unique: set.size, candidates: n };
    perK.push(stats);
    onLevel?.(stats);
    keep(k, set.values());
    peak = Math.max(peak, held + set.bytes);
  }
  return { perK, state: 'done', peakBytes: peak };
}
