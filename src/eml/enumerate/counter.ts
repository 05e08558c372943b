/**
 * Counts the distinct new functions of a level that is only scanned, not stored (the last level of a search with
 * a target, or one that does not fit). A candidate already in the stored table is not new. The others are kept
 * first in a table of their own (values only, exact equality as the stored table's: the count is then the count
 * storing the level gives); when that table would pass the budget, the counter keeps only 64-bit keys instead,
 * 16 bytes a function against the table's 8·(2·probes) + 29: the table's hash and a second one over every probe
 * with another seed. Key equality is coarser than the table's (32-bit rounding, where the table compares to
 * 2^−36), so near-equal functions the table keeps apart can count once: the count is then marked approximate
 * (0.14 % low for constants at K 21, counter.test.ts).
 */
import { FunctionTable, hashValues, MemoryBudgetError } from './table.ts';

const SEED2 = 0x9747b28c;

export class LevelCounter {
  count = 0;
  /** Even the key set outgrew the budget: counting stopped, the count is incomplete. */
  full = false;
  /** The exact table outgrew the budget: the count is from keys (see above). */
  approximate = false;
  private exact: FunctionTable | null;
  private keys = new Uint32Array(0);

  constructor(
    private readonly table: FunctionTable,
    /** Bytes the counter may take. */
    private readonly maxBytes: number,
  ) {
    this.exact = new FunctionTable(table.width, table.hashedWidth, maxBytes);
  }

  bytes(): number {
    return (this.exact?.bytes() ?? 0) + this.keys.byteLength;
  }

  /** Counts v[0 .. width) if it is new (h: its table hash). */
  add(v: Float64Array, h: number): void {
    if (this.full) return;
    const t = this.table;
    if (t.find(v, 0, h) >= 0) return;
    const ex = this.exact;
    if (ex) {
      if (ex.find(v, 0, h) >= 0) return;
      try {
        ex.add(v, 0, h, 0, 0, 0);
        this.count++;
        return;
      } catch (e) {
        if (!(e instanceof MemoryBudgetError)) throw e;
        this.toKeys(ex);
      }
    }
    this.addKey(v, h);
  }

  /** Moves the exact table's functions to keys and goes on with keys only. */
  private toKeys(ex: FunctionTable): void {
    this.approximate = true;
    this.exact = null;
    let size = 4096;
    while (size < 4 * ex.count) size *= 2;
    this.keys = new Uint32Array(size);
    const w = ex.width;
    for (let id = 0; id < ex.count; id++) {
      const h2 = hashValues(ex.vals, id * w, w, w, SEED2);
      this.insert(ex.hashes[id] >>> 0, (ex.hashes[id] === 0 && h2 === 0 ? 1 : h2) >>> 0);
    }
  }

  private addKey(v: Float64Array, h: number): void {
    const t = this.table;
    let h2 = hashValues(v, 0, t.width, t.width, SEED2);
    if (h === 0 && h2 === 0) h2 = 1; // (0, 0) marks an empty slot
    if (!this.insert(h >>> 0, h2 >>> 0)) return;
    this.count++;
    if (this.count > this.keys.length / 4) this.grow(); // at most half the slots (keys.length / 2) used
  }

  private insert(h: number, h2: number): boolean {
    const keys = this.keys;
    const mask = keys.length / 2 - 1;
    for (let s = (h ^ Math.imul(h2, 0x9e3779b1)) & mask; ; s = (s + 1) & mask) {
      const a = keys[2 * s];
      const b = keys[2 * s + 1];
      if (a === 0 && b === 0) {
        keys[2 * s] = h;
        keys[2 * s + 1] = h2;
        return true;
      }
      if (a === h && b === h2) return false;
    }
  }

  private grow(): void {
    const old = this.keys;
    if (old.byteLength * 2 > this.maxBytes) {
      this.full = true;
      return;
    }
    this.keys = new Uint32Array(old.length * 2);
    for (let s = 0; s < old.length; s += 2) if (old[s] !== 0 || old[s + 1] !== 0) this.insert(old[s], old[s + 1]);
  }
}
