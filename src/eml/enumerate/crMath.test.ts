import { describe, expect, it } from 'vitest';
import { expCR, logCR, pow2 } from './crMath.ts';
import values from './fixtures/crMathValues.json';

/** Bit pattern, so that an off-by-one-ulp result is a visible difference. */
const bits = (x: number) => new BigUint64Array(Float64Array.of(x).buffer)[0].toString(16);

describe('correctly rounded exp and ln (crMath.ts)', () => {
  it('equal the 300-bit values rounded to nearest, where the platform libm is not correctly rounded too', () => {
    const exp = values.exp as [number, number][];
    const log = values.log as [number, number][];
    expect(exp.length).toBeGreaterThan(300);
    expect(log.length).toBeGreaterThan(280);
    const wrongExp = exp.filter(([x, y]) => bits(expCR(x)) !== bits(y));
    const wrongLog = log.filter(([x, y]) => bits(logCR(x)) !== bits(y));
    expect(wrongExp).toEqual([]);
    expect(wrongLog).toEqual([]);
  });

  it('give the special values of exp and ln', () => {
    expect(expCR(NaN)).toBeNaN();
    expect(expCR(710)).toBe(Infinity);
    expect(expCR(-746)).toBe(0);
    expect(expCR(0)).toBe(1);
    expect(logCR(0)).toBe(-Infinity);
    expect(logCR(-1)).toBeNaN();
    expect(logCR(Infinity)).toBe(Infinity);
    expect(logCR(1)).toBe(0);
  });

  it('pow2 is exact over the whole exponent range', () => {
    for (const k of [-1074, -1073, -1023, -1022, -1, 0, 1, 52, 1023]) expect(pow2(k)).toBe(2 ** k);
    expect(pow2(1024)).toBe(Infinity);
  });
});
