import { describe, expect, it } from 'vitest';
import { eml, ONE, variable, type EmlNode } from '../ast.ts';
import { evaluate } from '../evaluate/interpreter.ts';
import { Enumerator, type Candidates } from './enumerator.ts';
import { probeSet, variablesOf, type Leaves } from './probes.ts';
import { FunctionTable, hashValues, sameValues } from './table.ts';

const BIG = 512 * 2 ** 20;

/** Every tree of size K over the leaves, no sharing of work, no hashing: the definition. */
function allTrees(k: number, leaves: readonly EmlNode[], memo: Map<number, EmlNode[]>): EmlNode[] {
  const got = memo.get(k);
  if (got) return got;
  const out: EmlNode[] = [];
  if (k === 1) out.push(...leaves);
  for (let a = 1; a <= k - 2; a += 2)
    for (const l of allTrees(a, leaves, memo)) for (const r of allTrees(k - 1 - a, leaves, memo)) out.push(eml(l, r));
  memo.set(k, out);
  return out;
}

/** Distinct functions first found per K, every tree evaluated by the reference interpreter at the probe points. */
function bruteForceCounts(leavesName: Leaves, maxK: number, seed: number): number[] {
  const names = variablesOf(leavesName);
  const leaves = [ONE, ...names.map(variable)];
  const probes = probeSet(leavesName, seed);
  const w = 2 * probes.points.length;
  const reps: Float64Array[] = [];
  const buckets = new Map<number, Float64Array[]>();
  const counts: number[] = [];
  const memo = new Map<number, EmlNode[]>();
  for (let k = 1; k <= maxK; k += 2) {
    let fresh = 0;
    for (const t of allTrees(k, leaves, memo)) {
      const v = new Float64Array(w);
      probes.points.forEach((pt, p) => {
        const env = Object.fromEntries(names.map((n, i) => [n, { re: pt[i][0], im: pt[i][1] }]));
        const z = evaluate(t, env, 'complex');
        v[2 * p] = z.re;
        v[2 * p + 1] = z.im;
      });
      const h = hashValues(v, 0, 2 * probes.hashed, w);
      const bucket = buckets.get(h) ?? [];
      if (bucket.some((u) => sameValues(u, 0, v, 0, w))) continue;
      bucket.push(v);
      buckets.set(h, bucket);
      reps.push(v);
      fresh++;
    }
    counts.push(fresh);
  }
  return counts;
}

describe('enumerator', () => {
  it.each([
    ['1', 13],
    ['1,x', 9],
    ['1,x,y', 9],
  ] as const)(
    'counts distinct functions per K as a brute-force enumeration does (leaves %s, K ≤ %i)',
    (leaves, maxK) => {
      const en = new Enumerator({ leaves, semantics: 'complex', seed: 7, maxBytes: BIG });
      expect(en.enumerateTo(maxK)).toBe('done');
      expect(en.perK.map((l) => l.distinct)).toEqual(bruteForceCounts(leaves, maxK, 7));
    },
  );

  it('stays within 0.2 % of the brute force where float64 is not continuous (one variable, K 11)', () => {
    // At K 11 the brute force finds 3 functions more than the 2525: trees whose value is not a continuous function
    // of their subtrees' values in float64 (exp overflowing to ∞ at the edge, an exact 0 against a residue of
    // 1e−16), so that a subtree replaced by its representative, equal to 2^−36, gives another value.
    const en = new Enumerator({ leaves: '1,x', semantics: 'complex', seed: 7, maxBytes: BIG });
    en.enumerateTo(11);
    const brute = bruteForceCounts('1,x', 11, 7);
    const got = en.perK.map((l) => l.distinct);
    expect(got.slice(0, 5)).toEqual(brute.slice(0, 5));
    expect(Math.abs(got[5] - brute[5]) / brute[5]).toBeLessThan(0.002);
  });

  it('keeps witnesses that are smallest trees and compute their stored values', () => {
    const en = new Enumerator({ leaves: '1,x', semantics: 'complex', seed: 3, maxBytes: BIG });
    en.enumerateTo(9);
    const w = en.width;
    for (let id = 0; id < en.table.count; id++) {
      const t = en.tree(id);
      expect(t.k).toBe(en.table.k[id]);
      const z = evaluate(t, { x: { re: en.probes.points[0][0][0], im: 0 } }, 'complex');
      const v = en.table.vals;
      expect(sameValues(new Float64Array([z.re, z.im]), 0, v, id * w, 2)).toBe(true);
    }
    // Minimal: no function of level K is computed by any smaller tree (the brute force agrees level by level, and
    // levels are disjoint by construction): spot-check that e^x's witness is K 3 and ln x's is K 7.
    const k = (text: EmlNode) => {
      for (let id = 0; id < en.table.count; id++) if (en.tree(id) === text) return en.table.k[id];
      return -1;
    };
    expect(k(eml(variable('x'), ONE))).toBe(3);
    expect(k(eml(ONE, eml(eml(ONE, variable('x')), ONE)))).toBe(7);
  });

  it('is deterministic for a seed, and the same for any number of shards', () => {
    const run = (shards: number) => {
      const en = new Enumerator({ leaves: '1,x', semantics: 'complex', seed: 11, maxBytes: BIG });
      for (let k = 3; k <= 11; k += 2) {
        const parts: Candidates[] = [];
        for (let s = 0; s < shards; s++) {
          const job = en.levelJob(k, s, shards);
          while (!job.step(1000));
          parts.push(job.result());
        }
        en.commit(k, parts);
      }
      return en;
    };
    const one = run(1);
    const again = run(1);
    const three = run(3);
    for (const other of [again, three]) {
      expect(other.table.count).toBe(one.table.count);
      expect(Array.from(other.table.left.subarray(0, one.table.count))).toEqual(
        Array.from(one.table.left.subarray(0, one.table.count)),
      );
      expect(Array.from(other.table.right.subarray(0, one.table.count))).toEqual(
        Array.from(one.table.right.subarray(0, one.table.count)),
      );
    }
    const otherSeed = new Enumerator({ leaves: '1,x', semantics: 'complex', seed: 12, maxBytes: BIG });
    otherSeed.enumerateTo(11);
    // The leaf x (id 1) at the seeded complex probe (probe 2).
    expect(otherSeed.table.vals[otherSeed.width + 4]).not.toBe(one.table.vals[one.width + 4]);
  });

  it('stops at the memory bound and keeps only complete levels', () => {
    const en = new Enumerator({ leaves: '1,x', semantics: 'complex', seed: 1, maxBytes: 2 ** 20 });
    expect(en.enumerateTo(15)).toBe('memory');
    const last = en.perK[en.perK.length - 1];
    expect(en.completeK).toBe(last.k);
    expect(en.table.count).toBe(en.perK.reduce((s, l) => s + l.distinct, 0));
    expect(en.table.bytes()).toBeLessThanOrEqual(2 ** 20);
  });

  it('finite semantics drops every tree with a non-finite value (ln 0 = −∞ is not a value there)', () => {
    const complex = new Enumerator({ leaves: '1', semantics: 'complex', seed: 1, maxBytes: BIG });
    const finite = new Enumerator({ leaves: '1', semantics: 'finite', seed: 1, maxBytes: BIG });
    complex.enumerateTo(15);
    finite.enumerateTo(15);
    expect(finite.table.count).toBeLessThan(complex.table.count);
    for (let id = 0; id < finite.table.count; id++) {
      expect(Number.isFinite(finite.table.vals[2 * id]) && Number.isFinite(finite.table.vals[2 * id + 1])).toBe(true);
    }
    // −∞ = eml(1, eml(1, eml(1, 0))) is K 11 in complex semantics and absent in finite.
    const hasMinusInf = (en: Enumerator) =>
      Array.from({ length: en.table.count }, (_, id) => en.table.vals[2 * id]).includes(-Infinity);
    expect(hasMinusInf(complex)).toBe(true);
    expect(hasMinusInf(finite)).toBe(false);
  });
});

describe('function table', () => {
  it('separates functions that collide on the hashed probes by the second probe set', () => {
    // Width 4 (two probes), only the first hashed: the two vectors agree there and differ at the second.
    const t = new FunctionTable(4, 2, BIG);
    const a = new Float64Array([1.5, 0, 2, 0.5]);
    const b = new Float64Array([1.5, 0, 2, -0.5]);
    const ha = hashValues(a, 0, 2);
    const hb = hashValues(b, 0, 2);
    expect(ha).toBe(hb);
    t.add(a, 0, ha, 0, 0, 3);
    expect(t.find(b, 0, hb)).toBe(-1);
    t.add(b, 0, hb, 0, 1, 3);
    expect(t.count).toBe(2);
    expect(t.find(a, 0, ha)).toBe(0);
    expect(t.find(b, 0, hb)).toBe(1);
  });

  it('treats ulp-level differences and imaginary rounding residues as one function, NaN and ±∞ as classes', () => {
    const same = (x: number[], y: number[]) =>
      sameValues(new Float64Array(x), 0, new Float64Array(y), 0, x.length) &&
      hashValues(new Float64Array(x), 0, x.length) === hashValues(new Float64Array(y), 0, y.length);
    expect(same([1, 0], [0.9999999999999999, 0])).toBe(true);
    expect(same([-1, 1e-17], [-1, -1e-17])).toBe(true);
    expect(same([NaN, 0], [NaN, 0])).toBe(true);
    expect(same([-Infinity, Math.PI], [-Infinity, Math.PI])).toBe(true);
    expect(same([-Infinity, 0], [Infinity, 0])).toBe(false);
    expect(same([0, 0], [1e-300, 0])).toBe(false);
    expect(same([1, 0], [1 + 1e-9, 0])).toBe(false);
  });
});
