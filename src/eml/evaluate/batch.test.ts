import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eml, ONE, variable, type EmlNode } from '../ast.ts';
import { parseEml } from '../syntax/index.ts';
import { compileBatch } from './batch.ts';
import { trace } from './interpreter.ts';
import { SEMANTICS } from './semantics.ts';

const X = variable('x');
const Y = variable('y');
const same = (a: number, b: number) => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

const treeArb: fc.Arbitrary<EmlNode> = fc.letrec<{ t: EmlNode }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<EmlNode>(ONE, X, Y),
    fc.tuple(tie('t'), tie('t')).map(([l, r]) => eml(l, r)),
  ),
})).t;

// Points that exercise the special values: signed zeros, negatives (ln lands on the cut), large and tiny magnitudes.
const pointArb = fc.constantFrom(
  0,
  -0,
  1,
  -1,
  2.5,
  -3,
  0.125,
  1e-300,
  700,
  710,
  -745,
  Infinity,
  -Infinity,
  NaN,
  Math.PI,
);

describe('fast batch evaluator agrees with the reference interpreter bit for bit', () => {
  for (const semantics of SEMANTICS) {
    it(`on random trees and special points (${semantics})`, () => {
      fc.assert(
        fc.property(treeArb, fc.array(fc.tuple(pointArb, pointArb), { minLength: 1, maxLength: 40 }), (t, pts) => {
          const xs = Float64Array.from(pts.map((p) => p[0]));
          const ys = Float64Array.from(pts.map((p) => p[1]));
          const out = compileBatch(t, semantics).run({ x: xs, y: ys }, pts.length);
          pts.forEach(([x, y], i) => {
            const ref = trace(t, { x, y }, semantics);
            expect(
              same(out.re[i], ref.value.re) && same(out.im[i], ref.value.im),
              `${semantics} at (${x}, ${y}): ${out.re[i]}+${out.im[i]}i vs ${ref.value.re}+${ref.value.im}i`,
            ).toBe(true);
            if (out.invalid) expect(out.invalid[i] === 1).toBe(ref.finiteViolation !== null);
          });
        }),
        { numRuns: 300 },
      );
    });
  }

  it('takes complex inputs and crosses block boundaries (1000 points)', () => {
    const t = parseEml('EML[EML[1,EML[EML[1,x],1]],EML[y,1]]').tree; // x − y
    const n = 1000;
    const xr = Float64Array.from({ length: n }, (_, i) => i / 100 - 5);
    const xi = Float64Array.from({ length: n }, (_, i) => (i % 7) / 10 - 0.3);
    const ys = Float64Array.from({ length: n }, (_, i) => Math.sin(i));
    const out = compileBatch(t).run({ x: { re: xr, im: xi }, y: ys }, n);
    for (let i = 0; i < n; i++) {
      const ref = trace(t, { x: { re: xr[i], im: xi[i] }, y: ys[i] }).value;
      expect(same(out.re[i], ref.re) && same(out.im[i], ref.im)).toBe(true);
    }
  });
});

describe('compilation', () => {
  it('folds closed subtrees and shares repeated ones', () => {
    // x·y (K=41, v4): its −∞ and 0 subtrees are closed; ln x and ln y are computed once each.
    const t = parseEml(
      'EML[EML[EML[1,EML[EML[1,EML[1,EML[EML[1,x],1]]],1]],EML[EML[EML[1,EML[EML[1,EML[1,EML[EML[1,1],1]]],1]],EML[EML[1,EML[EML[1,y],1]],1]],1]],1]',
    ).tree;
    const c = compileBatch(t);
    expect(c.variables).toEqual(['x', 'y']);
    expect(c.stats.instructions).toBeLessThan((t.k - 1) / 2);
    expect(c.stats.foldedNodes).toBeGreaterThan(0);
    const out = c.run({ x: [3], y: [-2] }, 1);
    expect(out.re[0]).toBeCloseTo(-6, 12);
  });

  it('handles a constant root and a variable root', () => {
    const e = compileBatch(eml(ONE, ONE)).run({}, 3);
    expect([...e.re]).toEqual([Math.E, Math.E, Math.E]);
    const id = compileBatch(X).run({ x: [1, 2] }, 2);
    expect([...id.re]).toEqual([1, 2]);
  });

  it('finite-only: a closed ln 0 inside (compiled negation) invalidates every point', () => {
    const negX = parseEml('EML[EML[1,EML[EML[1,EML[1,EML[EML[1,1],1]]],1]],EML[x,1]]').tree; // −x via ln 0
    const out = compileBatch(negX, 'finite').run({ x: [1, 2] }, 2);
    expect([...out.invalid!]).toEqual([1, 1]);
    const sub = parseEml('EML[EML[1,EML[EML[1,x],1]],EML[y,1]]').tree;
    const ok = compileBatch(sub, 'finite').run({ x: [3, 0], y: [1, 1] }, 2);
    expect([...ok.invalid!]).toEqual([0, 1]); // ln 0 at x = 0
  });

  it('reports a missing variable clearly', () => {
    expect(() => compileBatch(eml(X, Y)).run({ x: [1] }, 1)).toThrow(/missing values for y/);
  });

  it('a bare variable in real-extended reads complex input as NaN, like the interpreter (found by the fuzz suite)', () => {
    const out = compileBatch(X, 'real-extended').run(
      { x: { re: Float64Array.of(2, 3, 4), im: Float64Array.of(0, 1, -0) } },
      3,
    );
    for (let p = 0; p < 3; p++) {
      const want = trace(X, { x: { re: [2, 3, 4][p], im: [0, 1, -0][p] } }, 'real-extended').value;
      expect([out.re[p], out.im[p]]).toEqual([want.re, want.im]);
    }
    expect(Number.isNaN(out.re[1])).toBe(true);
    expect(Object.is(out.im[2], -0)).toBe(true);
  });
});
