/**
 * Compact inverse functions against the reference principal values (complexMath.ts, the formulas SymPy and
 * Mathematica use: asin z = −i ln(iz + √(1 − z²)) with √ of a negative real on +i) on a dense real grid, |x| > 1
 * included, in both plain and clean mode. asin(2) used to come out as −1.5708 − 0.9365i, a value on no branch.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate/interpreter.ts';
import { evaluateMath } from '../math/evaluate.ts';
import { compile } from './compile.ts';

/** −30 … 30 in steps of 1/40, with points close to ±1 and to 0 (both sides), and a few large |x|. */
const GRID = [
  ...Array.from({ length: 2401 }, (_, i) => (i - 1200) / 40),
  ...[1e-9, 1e-6, 1e-3, 0.999999, 1.000001, 1 + 1e-9, 1 - 1e-9, 50, 100, 300].flatMap((v) => [v, -v]),
];

function worst(fn: string, clean: boolean, skip: (x: number) => boolean = () => false) {
  const r = compile(`${fn}(x)`, { mode: 'shortest', clean });
  let bad: { x: number; got: string; want: string } | null = null;
  let checked = 0;
  for (const x of GRID) {
    if (skip(x)) continue;
    const want = evaluateMath(r.math, { x });
    if (!Number.isFinite(want.re) || !Number.isFinite(want.im)) continue;
    checked++;
    const got = evaluate(r.tree, { x: { re: x, im: 0 } }, 'complex');
    // Near ±1 the √ through exp(ln(·)/2) is accurate to about √ε (docs/semantics.md#pitfalls (item 6)).
    const tol = Math.abs(Math.abs(x) - 1) < 1e-5 ? 1e-6 : 1e-9;
    const err = Math.hypot(got.re - want.re, got.im - want.im) / Math.max(1, Math.hypot(want.re, want.im));
    if (!(err <= tol) && !bad) bad = { x, got: `${got.re} ${got.im}i`, want: `${want.re} ${want.im}i` };
  }
  return { bad, checked };
}

describe('compact inverse functions are the principal values on the real line', () => {
  for (const clean of [false, true]) {
    for (const fn of ['asin', 'acos', 'atan', 'asinh', 'atanh']) {
      it(`${fn}${clean ? ' (clean)' : ''}`, () => {
        const { bad, checked } = worst(fn, clean);
        expect(checked).toBeGreaterThan(2000);
        expect(bad).toBeNull();
      });
    }
    // These take 1/x, and EML sums pass their terms through exp: for |1/x| past about 700 (and at x = 0, where the
    // reference has the limit) the tree overflows, as every EML tree does past exp's float64 range.
    for (const fn of ['acsc', 'asec', 'acot']) {
      it(`${fn}${clean ? ' (clean)' : ''}, |x| ≥ 1/500`, () => {
        const { bad, checked } = worst(fn, clean, (x) => Math.abs(x) < 1 / 500);
        expect(checked).toBeGreaterThan(2000);
        expect(bad).toBeNull();
      });
    }
  }

  it('asin(2) and acsc(1/2) are π/2 − 1.3170i, and sin of them is 2', () => {
    for (const [fn, x] of [
      ['asin', 2],
      ['acsc', 0.5],
    ] as const) {
      const v = evaluate(compile(`${fn}(x)`).tree, { x: { re: x, im: 0 } }, 'complex');
      expect(v.re).toBeCloseTo(Math.PI / 2, 12);
      expect(v.im).toBeCloseTo(-Math.acosh(2), 12);
      const back = evaluate(compile('sin(x)').tree, { x: v }, 'complex');
      expect(back.re).toBeCloseTo(2, 10);
      expect(back.im).toBeCloseTo(0, 10);
    }
  });

  it('acosh is right for x > −1 and gives the conjugate (the other side of the cut) for x < −1', () => {
    const { bad } = worst('acosh', false, (x) => x < -1);
    expect(bad).toBeNull();
    const v = evaluate(compile('acosh(x)').tree, { x: { re: -2, im: 0 } }, 'complex');
    expect(v.re).toBeCloseTo(Math.acosh(2), 12);
    expect(Math.abs(v.im)).toBeCloseTo(Math.PI, 12);
  });
});
