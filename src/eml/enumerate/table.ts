/**
 * The store of distinct functions: value vectors at the probe points in one Float64Array, their witnesses as
 * (left id, right id) pairs in Uint32Arrays, and an open-addressing hash table (Int32Array of id + 1). No object
 * per function, so millions fit in a few hundred MB and the hot loop allocates nothing.
 *
 * Hash: each hashed value is rounded to 32 significant bits (Veltkamp's split, three flops; it rounds to nearest,
 * so 0.9999999999999999 and 1 land together, unlike truncating the mantissa), after components below 2^−36 of the
 * larger one are zeroed (an imaginary residue of 1e−17 on a real value is rounding noise). 32 bits, not fewer:
 * constants cluster (e^e^e ± small terms differ in the 7th digit), and coarser rounding made buckets of 500.
 * Equality is then checked on *every* probe, hashed or not, to 2^−36 relative: the unhashed probes are the second probe set that
 * separates functions which collide on the hashed ones. NaN equals NaN and infinities must match exactly, so the
 * NaN/∞ classes of complex C99 semantics (ln 0 = −∞, exp(−∞) = 0) are kept apart from finite values.
 */

export const TOLERANCE = 2 ** -36;
/** 2^21 + 1: x·S − (x·S − x) is x rounded to 53 − 21 = 32 significant bits. */
const SPLIT = 2097153;

const F = new Float64Array(1);
const U = new Uint32Array(F.buffer);

function mix(h: number, v: number): number {
  h = Math.imul(h ^ v, 0x5bd1e995);
  return (h ^ (h >>> 15)) >>> 0;
}

function rounded(x: number): number {
  if (x !== x) return 0x7ff80001; // every NaN alike
  if (x === 0) return 0; // +0 and −0 alike
  let c = SPLIT * x;
  if (c === Infinity || c === -Infinity) {
    if (x === Infinity) return 0x7ff00000;
    if (x === -Infinity) return 0xfff00000;
    c = SPLIT * (x * 2 ** -64); // |x| > 8e301: round the scaled value (same 32 bits)
    F[0] = c - (c - x * 2 ** -64);
  } else F[0] = c - (c - x);
  return mix(U[0], U[1]);
}

/**
 * Hash of values[off .. off + hashedWidth) (pairs re, im). When a hashed value is not finite, the remaining probes
 * up to `width` are hashed too: functions that are NaN or ±∞ on the real probes (ln of ln of a negative, …) are
 * many, and hashing only their shared class put thousands in one bucket.
 */
export function hashValues(
  v: Float64Array,
  off: number,
  hashedWidth: number,
  width = hashedWidth,
  seed = 0x811c9dc5,
): number {
  let h = seed;
  let upTo = hashedWidth;
  for (let p = 0; p < upTo; p += 2) {
    let re = v[off + p];
    let im = v[off + p + 1];
    const m = Math.max(Math.abs(re), Math.abs(im));
    if (m === m && m !== Infinity) {
      if (Math.abs(re) < m * TOLERANCE) re = 0;
      if (Math.abs(im) < m * TOLERANCE) im = 0;
    } else {
      upTo = width;
      if (m === Infinity) {
        // Beside an infinity, finite parts are compared on a scale of 1 (sameValues): zero the ones below it.
        if (Math.abs(re) < TOLERANCE) re = 0;
        if (Math.abs(im) < TOLERANCE) im = 0;
      }
    }
    h = mix(mix(h, rounded(re)), rounded(im));
  }
  return h;
}

function close(a: number, b: number, scale: number): boolean {
  if (a === b) return true;
  if (a !== a) return b !== b;
  return Math.abs(a - b) <= scale * TOLERANCE; // false for ∞ against anything else (∞ − x = ∞, NaN ≤ … is false)
}

/** Whether two value vectors are one function: every probe within 2^−30 of the larger component there. */
export function sameValues(a: Float64Array, ao: number, b: Float64Array, bo: number, width: number): boolean {
  for (let p = 0; p < width; p += 2) {
    const ar = a[ao + p];
    const ai = a[ao + p + 1];
    const br = b[bo + p];
    const bi = b[bo + p + 1];
    const scale = Math.max(Math.abs(ar), Math.abs(ai), Math.abs(br), Math.abs(bi));
    if (scale === Infinity || scale !== scale) {
      const fin = (x: number) => (x === x && x !== Infinity && x !== -Infinity ? Math.abs(x) : 0);
      const s = Math.max(fin(ar), fin(ai), fin(br), fin(bi), 1);
      if (!close(ar, br, s) || !close(ai, bi, s)) return false;
    } else if (!close(ar, br, scale) || !close(ai, bi, scale)) return false;
  }
  return true;
}

/** Relative tolerance of a match with a target function (looser than TOLERANCE: the target is computed another way). */
export const MATCH_TOLERANCE = 1e-9;

/** Whether values match a target at every probe: |v − t| ≤ 1e−9·max(1, |t|) per part; NaN/±∞ must be the same. */
export function matchesTarget(v: Float64Array, t: Float64Array, width: number): boolean {
  for (let p = 0; p < width; p += 2) {
    const scale = MATCH_TOLERANCE * Math.max(1, Math.abs(t[p]), Math.abs(t[p + 1]));
    for (let c = p; c < p + 2; c++) {
      const a = v[c];
      const b = t[c];
      if (a === b) continue;
      if (a !== a && b !== b) continue;
      if (!(Math.abs(a - b) <= scale)) return false;
    }
  }
  return true;
}

export class MemoryBudgetError extends Error {
  constructor(readonly bytes: number) {
    super(`the function table would need more than ${Math.round(bytes / 2 ** 20)} MB`);
    this.name = 'MemoryBudgetError';
  }
}

/** Marks a leaf in `left`; `right` then holds the leaf index. */
export const LEAF = 0xffffffff;

export interface TableSnapshot {
  count: number;
  vals: Float64Array;
  hashes: Uint32Array;
  slots: Int32Array;
}

export class FunctionTable {
  count = 0;
  vals: Float64Array;
  hashes: Uint32Array;
  left: Uint32Array;
  right: Uint32Array;
  k: Uint8Array;
  private slots: Int32Array;
  private capacity: number;

  constructor(
    readonly width: number,
    readonly hashedWidth: number,
    /** Grow no further than this many bytes (throws MemoryBudgetError). */
    readonly maxBytes: number,
    initial = 1024,
  ) {
    this.capacity = initial;
    this.vals = new Float64Array(initial * width);
    this.hashes = new Uint32Array(initial);
    this.left = new Uint32Array(initial);
    this.right = new Uint32Array(initial);
    this.k = new Uint8Array(initial);
    this.slots = new Int32Array(initial * 4);
  }

  /** Bytes held by this table's arrays (a read-only copy holds no witnesses and no spare capacity). */
  bytes(): number {
    const a = [this.vals, this.hashes, this.left, this.right, this.k, this.slots];
    return a.reduce((n, x) => n + x.byteLength, 0);
  }

  /**
   * What a shard worker needs to look functions up: the values, hashes and slots (copies, transferable). No
   * witnesses: a shard records its candidates' (left, right) ids itself.
   */
  snapshot(): TableSnapshot {
    return {
      count: this.count,
      vals: this.vals.slice(0, this.count * this.width),
      hashes: this.hashes.slice(0, this.count),
      slots: this.slots.slice(),
    };
  }

  /** Bytes of snapshot(), without making it. */
  snapshotBytes(): number {
    return this.count * (8 * this.width + 4) + this.slots.byteLength;
  }

  /** A read-only table over a snapshot: find() works, add() must not be called. */
  static fromSnapshot(width: number, hashedWidth: number, maxBytes: number, s: TableSnapshot): FunctionTable {
    const t = new FunctionTable(width, hashedWidth, maxBytes, 1);
    t.count = s.count;
    t.vals = s.vals;
    t.hashes = s.hashes;
    t.left = new Uint32Array(0);
    t.right = new Uint32Array(0);
    t.k = new Uint8Array(0);
    t.slots = s.slots;
    t.capacity = s.count;
    return t;
  }

  static bytesFor(capacity: number, width: number): number {
    return capacity * (8 * width + 4 + 4 + 4 + 1 + 16);
  }

  /** The id of the function equal to v[off ..] (hash h), or −1. */
  find(v: Float64Array, off: number, h: number): number {
    // Slots are (id + 1, hash) pairs side by side: a probe reads one cache line, not the slot and then hashes[id].
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    const w = this.width;
    const hs = h | 0;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const e = slots[2 * s];
      if (e === 0) return -1;
      if (slots[2 * s + 1] === hs && sameValues(this.vals, (e - 1) * w, v, off, w)) return e - 1;
    }
  }

  /** Appends a function (the caller has checked it is new); returns its id. */
  add(v: Float64Array, off: number, h: number, left: number, right: number, k: number): number {
    if (this.count === this.capacity) this.grow();
    const id = this.count++;
    const w = this.width;
    const vals = this.vals;
    for (let p = 0, o = id * w; p < w; p++) vals[o + p] = v[off + p];
    this.hashes[id] = h;
    this.left[id] = left;
    this.right[id] = right;
    this.k[id] = k;
    this.insertSlot(id, h);
    return id;
  }

  /**
   * Adds v[off ..] unless an equal function is stored (find, then add, in one probe sequence: the merge of shard
   * workers' candidates is bound by these random slot reads); returns the new id, or −1.
   */
  addIfNew(v: Float64Array, off: number, h: number, left: number, right: number, k: number): number {
    if (this.count === this.capacity) this.grow();
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    const w = this.width;
    const hs = h | 0;
    let s = h & mask;
    for (; ; s = (s + 1) & mask) {
      const e = slots[2 * s];
      if (e === 0) break;
      if (slots[2 * s + 1] === hs && sameValues(this.vals, (e - 1) * w, v, off, w)) return -1;
    }
    const id = this.count++;
    const vals = this.vals;
    for (let p = 0, o = id * w; p < w; p++) vals[o + p] = v[off + p];
    this.hashes[id] = h;
    this.left[id] = left;
    this.right[id] = right;
    this.k[id] = k;
    slots[2 * s] = id + 1;
    slots[2 * s + 1] = hs;
    return id;
  }

  /**
   * Makes room for n more functions in one growth (growing by doubling rehashes the whole table each time). Best
   * effort: when that much does not fit the budget, the table grows as functions come, and fails only if they do.
   */
  reserve(n: number): void {
    let cap = this.capacity;
    while (cap < this.count + n) cap *= 2;
    if (cap === this.capacity || FunctionTable.bytesFor(cap, this.width) > this.maxBytes) return;
    this.grow(cap);
  }

  /** Forgets the functions from id n on. */
  truncate(n: number): void {
    if (n >= this.count) return;
    this.count = n;
    this.slots.fill(0);
    for (let id = 0; id < n; id++) this.insertSlot(id, this.hashes[id]);
  }

  private insertSlot(id: number, h: number): void {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let s = h & mask;
    while (slots[2 * s] !== 0) s = (s + 1) & mask;
    slots[2 * s] = id + 1;
    slots[2 * s + 1] = h | 0;
  }

  private grow(cap = this.capacity * 2): void {
    const need = FunctionTable.bytesFor(cap, this.width);
    if (need > this.maxBytes) throw new MemoryBudgetError(need);
    const w = this.width;
    const more = (a: Float64Array) => {
      const b = new Float64Array(cap * w);
      b.set(a.subarray(0, this.count * w));
      return b;
    };
    this.vals = more(this.vals);
    const u32 = (a: Uint32Array) => {
      const b = new Uint32Array(cap);
      b.set(a);
      return b;
    };
    this.hashes = u32(this.hashes);
    this.left = u32(this.left);
    this.right = u32(this.right);
    const k = new Uint8Array(cap);
    k.set(this.k);
    this.k = k;
    this.capacity = cap;
    this.slots = new Int32Array(cap * 4);
    for (let id = 0; id < this.count; id++) this.insertSlot(id, this.hashes[id]);
  }
}
