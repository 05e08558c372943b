import { describe, expect, it } from 'vitest';
import { cacosh, C } from './complexMath.ts';

describe('cacosh special values, C99 G.6.2.1', () => {
  it.each([
    [0, 0, Math.PI / 2],
    [0, -0, -Math.PI / 2],
    [-0, 0, Math.PI / 2],
    [-0, -0, -Math.PI / 2],
  ])('acosh(%s + %si) = +0 + %si', (re, im, ei) => {
    const w = cacosh(C(re, im));
    expect(Object.is(w.re, 0)).toBe(true);
    expect(w.im).toBe(ei);
  });

  it('is unchanged above 1: acosh(2) on the principal branch, +0 and −0 alike', () => {
    expect(cacosh(C(2)).re).toBeCloseTo(Math.acosh(2), 15);
    expect(cacosh(C(2, -0))).toEqual(cacosh(C(2)));
  });

  // C99 G.6.2.1: cacosh(conj z) = conj(cacosh z); on the real axis below 1 the sign of the zero imaginary part
  // picks the side of the cut. Values from glibc's cacosh: −2 ± 0i → 1.3169578969248166 ± 3.141592653589793i.
  it.each([
    [-2, 1.3169578969248166, Math.PI],
    [-1.5, 0.9624236501192069, Math.PI],
    [-10, 2.993222846126381, Math.PI],
    [-1, 0, Math.PI],
    [0.5, 0, Math.acos(0.5)],
    [-0.5, 0, Math.acos(-0.5)],
  ])('acosh(%s ± 0i) = %s ± %si (conjugate symmetry)', (x, re, im) => {
    const up = cacosh(C(x, 0));
    const down = cacosh(C(x, -0));
    expect(up.re).toBeCloseTo(re, 15);
    expect(up.im).toBe(im);
    expect(down.re).toBe(up.re);
    expect(down.im).toBe(-im);
  });

  it('is conjugate-symmetric off the axis too', () => {
    for (const [re, im] of [
      [-2, 1e-300],
      [-3, 0.5],
      [0.3, 2],
    ]) {
      const a = cacosh(C(re, im));
      const b = cacosh(C(re, -im));
      expect(b.re).toBeCloseTo(a.re, 14);
      expect(b.im).toBeCloseTo(-a.im, 14);
    }
  });
});
