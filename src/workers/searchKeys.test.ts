import { describe, expect, it } from 'vitest';
import { Enumerator } from '../fit/search/enumerate.ts';
import { bin, key, param, un, vr, type Expr } from '../fit/search/expr.ts';
import { isSearchEvent } from './protocol.ts';
import { candidatesOfKeys, exprOfKey, mergeCandidates } from './searchKeys.ts';

describe('structure keys back to expressions (Stop keeps a shard’s best so far)', () => {
  it('reads back every expression the enumerator makes up to size 5, key for key', () => {
    const xs = Float64Array.from({ length: 20 }, (_, i) => 0.5 + i / 7);
    const en = new Enumerator(
      { x: [xs, xs.map((v) => v * 1.3 + 0.1)], n: 20 },
      { nVars: 2, maxParams: 2, maxLevel: 60_000 },
    );
    let count = 0;
    for (let s = 1; s <= 5; s++) {
      for (const e of en.nextLevel(() => false).exprs) {
        const back = exprOfKey(key(e));
        expect(back, key(e)).not.toBeNull();
        expect(key(back!)).toBe(key(e));
        count++;
      }
    }
    expect(count).toBeGreaterThan(50);
  });

  it('numbers constants left to right and keeps fixed constants with their values', () => {
    const e = exprOfKey('add(mul(c,exp(v0)),sub(c,e))')!;
    expect(e).toEqual(
      bin('add', bin('mul', param(0), un('exp', vr(0))), bin('sub', param(1), { t: 'num', value: Math.E, text: 'e' })),
    );
  });

  it('refuses what is not a key', () => {
    for (const bad of [
      '',
      'add(v0)',
      'exp(v0,v1)',
      'foo(v0)',
      'add(v0,v1',
      'add(v0,v1))',
      'v0 v1',
      'sub(v0,?)',
      'x'.repeat(5),
    ])
      expect(exprOfKey(bad), bad).toBeNull();
  });

  it('turns the reported bests into candidates with their size and loss', () => {
    const c = candidatesOfKeys(
      new Map([
        ['sub(v0,ln(v0))', 1e-9],
        ['broken(', 1],
      ]),
    );
    expect(c).toEqual([{ expr: bin('sub', vr(0), un('ln', vr(0))), mse: 1e-9, size: 4 }]);
  });
});

describe('merging the shards’ candidates', () => {
  const x: Expr = vr(0);
  const lnx = un('ln', vr(0));
  it('keeps one per structure with its lowest loss, drops non-finite losses, orders by size then loss', () => {
    const m = mergeCandidates(
      [
        [
          { expr: lnx, mse: 0.5, size: 2 },
          { expr: x, mse: 2, size: 1 },
        ],
        [
          { expr: lnx, mse: 0.1, size: 2 },
          { expr: un('exp', x), mse: NaN, size: 2 },
          { expr: un('sqrt', x), mse: 0.3, size: 2 },
        ],
      ],
      (e) => key(e as Expr),
    );
    expect(m.map((c) => [key(c.expr as Expr), c.mse])).toEqual([
      ['v0', 2],
      ['ln(v0)', 0.1],
      ['sqrt(v0)', 0.3],
    ]);
  });
});

describe('search protocol messages', () => {
  it('recognises search events by type and id only', () => {
    expect(isSearchEvent({ type: 'search-progress', id: 3, shard: 0 })).toBe(true);
    expect(isSearchEvent({ type: 'search-done', id: 1 })).toBe(true);
    expect(isSearchEvent({ type: 'search-done' })).toBe(false);
    expect(isSearchEvent({ type: 'progress', id: 1 })).toBe(false);
    expect(isSearchEvent(null)).toBe(false);
  });
});
