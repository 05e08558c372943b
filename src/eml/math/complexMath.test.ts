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

  it('is unchanged away from the zero: acosh(2) and acosh(0.5 − 0i) on the principal branch', () => {
    expect(cacosh(C(2)).re).toBeCloseTo(Math.acosh(2), 15);
    expect(cacosh(C(0.5, -0)).im).toBeCloseTo(Math.acos(0.5), 15);
  });
});
