import { describe, expect, it } from 'vitest';
import { Enumerator, emlK } from './enumerate.ts';
import { evalValues } from './evalExpr.ts';
import { bin, key, un, vr } from './expr.ts';
import { emlOf } from './toEml.ts';

const x = Float64Array.from({ length: 20 }, (_, i) => 0.3 + i * 0.17);

describe('enumeration deduplication by EML K', () => {
  it('estimates K of the compiled tree compositionally', () => {
    for (const e of [
      bin('sub', vr(0), un('ln', vr(0))),
      bin('eml', un('ln', vr(0)), vr(0)),
      bin('mul', vr(0), vr(1)),
      un('sqrt', bin('add', vr(0), vr(1))),
    ])
      expect(emlK(e), key(e)).toBe(emlOf(e, ['x', 'y'])!.compiled.k);
  });

  it('keeps the form with the smaller EML K, not the first met: x − ln x as eml(ln x, x)', () => {
    const en = new Enumerator({ x: [x], n: x.length }, { nVars: 1, maxParams: 2, maxLevel: 60_000 });
    for (let s = 1; s <= 4; s++) en.nextLevel(() => false);
    const want = Float64Array.from(x, (v) => v - Math.log(v));
    const same = en.levels
      .flatMap((l) => l.exprs)
      .filter((e) => {
        const v = evalValues(e, { x: [x], n: x.length }, []);
        return v.every((y, i) => Math.abs(y - want[i]) < 1e-12);
      });
    // sub(x, ln x) is built first (sub comes before eml among the operators) and has K 17; the kept one has K 9.
    expect(same.map(key)).toEqual(['eml(ln(v0),v0)']);
    expect(emlK(same[0])).toBe(9);
  });

  it('reports a replacement in an earlier level so the search fits the shorter form', () => {
    const en = new Enumerator({ x: [x], n: x.length }, { nVars: 1, maxParams: 2, maxLevel: 60_000 });
    const levels = Array.from({ length: 5 }, () => en.nextLevel(() => false));
    const replaced = levels.flatMap((l) => l.replaced);
    expect(replaced.length).toBeGreaterThan(0);
    for (const e of replaced) {
      // Every replacement sits in an earlier level, in place of a form with the same values and a larger K.
      expect(levels.some((l) => l.exprs.includes(e))).toBe(true);
    }
    expect(levels.reduce((n, l) => n + l.exprs.length, 0)).toBeGreaterThan(100);
  });
});
