import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate/interpreter.ts';
import { compile } from './compile.ts';

/**
 * Issue 12: shortest x + y fails exactly when |Im(x + y)| > π, shortest x·y + 1 when |Im(xy)| > π; the domain states
 * it (ValidityDomain.complex, and in its text), derived from the short sums the tree contains.
 */
const C = (re: number, im: number) => ({ re, im });
const close = (a: { re: number; im: number }, b: { re: number; im: number }) =>
  Math.hypot(a.re - b.re, a.im - b.im) <= 1e-12 * Math.max(1, Math.hypot(b.re, b.im));

describe('complex-plane conditions of the short sum', () => {
  it('x + y: stated, right inside |Im(x + y)| < π and off by 2πi outside', () => {
    const c = compile('x + y', { mode: 'shortest' });
    expect(c.domain!.complex).toEqual(['|Im(x + y)| < π']);
    expect(c.domain!.text).toMatch(/; off the real line it needs \|Im\(x \+ y\)\| < π$/);
    for (const [x, y] of [
      [C(0.3, 1), C(-2, 2)],
      [C(1, 1.5), C(0.5, 1.6)],
    ]) {
      const want = C(x.re + y.re, x.im + y.im);
      const got = evaluate(c.tree, { x, y });
      expect(close(got, want)).toBe(Math.abs(want.im) < Math.PI);
      if (Math.abs(want.im) > Math.PI) expect(Math.abs(got.im - want.im)).toBeCloseTo(2 * Math.PI, 10);
    }
  });

  it('x·y + 1: stated as |Im(x*y + 1)| < π (= |Im(xy)| < π), and fails past it', () => {
    const c = compile('x*y + 1', { mode: 'shortest' });
    expect(c.domain!.complex).toEqual(['|Im(x*y + 1)| < π']);
    const inside = evaluate(c.tree, { x: C(1, 1), y: C(1, 0.5) }); // xy = 0.5 + 1.5i
    expect(close(inside, C(1.5, 1.5))).toBe(true);
    const outside = evaluate(c.tree, { x: C(2, 1), y: C(1, 1.2) }); // xy = 0.8 + 3.4i
    expect(close(outside, C(1.8, 3.4))).toBe(false);
  });

  it('cosh states its internal 2eˣ in the user’s terms; robust and paper trees have no short sum', () => {
    expect(compile('cosh(x)', { mode: 'shortest' }).domain!.complex).toContain('|Im(2*exp(x))| < π');
    for (const mode of ['robust', 'paper'] as const) {
      // x − (−y): the plain subtraction's condition on what it subtracts (wrapConditions.test.ts), no short sum.
      expect(compile('x + y', { mode }).domain!.complex).toEqual(['|Im(y)| < π']);
      expect(compile('cosh(x)', { mode }).domain!.complex).toEqual([]);
    }
  });
});
