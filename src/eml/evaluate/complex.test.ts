import { describe, expect, it } from 'vitest';
import { cexp, clog } from './complex.ts';

const PI = Math.PI;
const is = (actual: number, expected: number) =>
  expect(Object.is(actual, expected), `${actual} vs ${expected}`).toBe(true);

describe('clog, C99 Annex G.6.3.2', () => {
  it.each([
    // [re, im, expected re, expected im]
    [-0, 0, -Infinity, PI],
    [-0, -0, -Infinity, -PI],
    [0, 0, -Infinity, 0],
    [0, -0, -Infinity, -0],
    [3, Infinity, Infinity, PI / 2],
    [-Infinity, 2, Infinity, PI],
    [-Infinity, -2, Infinity, -PI],
    [Infinity, 2, Infinity, 0],
    [-Infinity, Infinity, Infinity, (3 * PI) / 4],
    [Infinity, Infinity, Infinity, PI / 4],
    [-1, 0, 0, PI],
    [-1, -0, 0, -PI],
  ])('log(%s + %si) = %s + %si', (re, im, er, ei) => {
    const z = clog({ re, im });
    is(z.re, er);
    is(z.im, ei);
  });

  it('NaN rules: ±∞ with NaN gives +∞ + iNaN, otherwise NaN + iNaN', () => {
    expect(clog({ re: Infinity, im: NaN })).toEqual({ re: Infinity, im: NaN });
    expect(clog({ re: NaN, im: -Infinity })).toEqual({ re: Infinity, im: NaN });
    expect(clog({ re: NaN, im: 1 })).toEqual({ re: NaN, im: NaN });
    expect(clog({ re: 1, im: NaN })).toEqual({ re: NaN, im: NaN });
  });

  it('does not overflow for |z| up to 1.7e308 and keeps tiny magnitudes', () => {
    const big = clog({ re: 1.7e308, im: 1.7e308 });
    expect(big.re).toBeCloseTo(Math.log(1.7e308) + 0.5 * Math.LN2, 10);
    expect(big.im).toBeCloseTo(PI / 4, 15);
    const tiny = clog({ re: 3e-320, im: 4e-320 });
    expect(tiny.re).toBeCloseTo(Math.log(5e-320), 3);
  });

  it('is accurate near |z| = 1 where log(hypot) loses digits', () => {
    const z = clog({ re: 1, im: 1e-9 });
    expect(z.re).toBeCloseTo(5e-19, 30);
    expect(Math.abs(z.re - 5e-19) / 5e-19).toBeLessThan(1e-12);
  });
});

/** a² + b² − 1 exactly (doubles are dyadic rationals: value = m·2^−1100 with a BigInt m), then rounded once. */
function exactSquaresMinusOne(a: number, b: number): number {
  const SCALE = 1100n;
  const big = (x: number) => {
    // x = mantissa · 2^exp with an integer mantissa of at most 53 bits.
    let e = 0;
    let m = Math.abs(x);
    while (!Number.isInteger(m)) {
      m *= 2;
      e -= 1;
    }
    return (BigInt(m) * (x < 0 ? -1n : 1n)) << (BigInt(e) + SCALE / 2n);
  };
  const A = big(a);
  const B = big(b);
  const exact = A * A + B * B - (1n << SCALE);
  // exact · 2^−1100 as a double: keep the top 60 bits.
  const sign = exact < 0n ? -1 : 1;
  let mag = exact < 0n ? -exact : exact;
  let shift = 0n;
  while (mag >= 1n << 60n) {
    mag >>= 1n;
    shift += 1n;
  }
  return sign * Number(mag) * 2 ** Number(shift - SCALE);
}

describe('clog near |z| = 1 is relatively accurate (issue 12)', () => {
  it('gets the sign and digits of Re ln z at the quoted point', () => {
    const re = -0.6674070989570714;
    const im = -0.7446930671502897;
    const exact = 0.5 * Math.log1p(exactSquaresMinusOne(re, im));
    expect(exact).toBeCloseTo(-2.2e-18, 19);
    const z = clog({ re, im });
    expect(z.re).toBeLessThan(0);
    expect(Math.abs(z.re - exact) / Math.abs(exact)).toBeLessThan(1e-14);
  });

  it('is relatively accurate on points scattered just off the unit circle', () => {
    let worst = 0;
    for (let k = 1; k < 2000; k++) {
      const t = (k * 2.399963229728653) % (2 * PI);
      const r = 1 + (((k * 7919) % 2001) - 1000) * 1e-15;
      const re = r * Math.cos(t);
      const im = r * Math.sin(t);
      const exact = 0.5 * Math.log1p(exactSquaresMinusOne(re, im));
      if (exact === 0) continue;
      worst = Math.max(worst, Math.abs(clog({ re, im }).re - exact) / Math.abs(exact));
    }
    expect(worst).toBeLessThan(1e-13);
  });
});

describe('cexp, C99 Annex G.6.3.1', () => {
  it.each([
    [0, 0, 1, 0],
    [-0, -0, 1, -0],
    [Infinity, 0, Infinity, 0],
    [Infinity, -0, Infinity, -0],
    [-Infinity, 0, 0, 0],
    [-Infinity, -0, 0, -0],
    [NaN, 0, NaN, 0],
    [710, 0, Infinity, 0],
  ])('exp(%s + %si) = %s + %si', (re, im, er, ei) => {
    const z = cexp({ re, im });
    is(z.re, er);
    is(z.im, ei);
  });

  it('finite x with infinite or NaN y gives NaN + iNaN; ±∞ combinations', () => {
    expect(cexp({ re: 1, im: Infinity })).toEqual({ re: NaN, im: NaN });
    expect(cexp({ re: 1, im: NaN })).toEqual({ re: NaN, im: NaN });
    expect(cexp({ re: Infinity, im: Infinity })).toEqual({ re: Infinity, im: NaN });
    expect(cexp({ re: Infinity, im: NaN })).toEqual({ re: Infinity, im: NaN });
    const z = cexp({ re: -Infinity, im: NaN });
    expect(z.re === 0 && z.im === 0).toBe(true);
    expect(cexp({ re: NaN, im: 1 })).toEqual({ re: NaN, im: NaN });
  });

  it('exp(−∞ + iy) = +0·cis(y) and exp(+∞ + iy) = ∞·cis(y)', () => {
    const a = cexp({ re: -Infinity, im: 2 });
    is(a.re, -0); // cos 2 < 0
    is(a.im, 0);
    const b = cexp({ re: Infinity, im: 2 });
    expect(b).toEqual({ re: -Infinity, im: Infinity });
  });

  it('splits large exponents so exp(710 + iy) is finite when cos y is small', () => {
    const y = PI / 2 - 1e-10;
    const z = cexp({ re: 710, im: y });
    expect(Number.isFinite(z.re)).toBe(true);
    expect(z.re / (Math.exp(355) * (Math.exp(355) * Math.cos(y)))).toBeCloseTo(1, 12);
  });

  it('matches e^x(cos y + i sin y) on ordinary values', () => {
    const z = cexp({ re: 0.3, im: -1.2 });
    expect(z.re).toBeCloseTo(Math.exp(0.3) * Math.cos(-1.2), 15);
    expect(z.im).toBeCloseTo(Math.exp(0.3) * Math.sin(-1.2), 15);
  });
});
