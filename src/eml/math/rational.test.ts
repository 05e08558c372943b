import { describe, expect, it } from 'vitest';
import { CompileError } from './errors.ts';
import * as Q from './rational.ts';

const refused = (f: () => unknown, reason: string) => {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(CompileError);
  expect((caught as CompileError).reason).toBe(reason);
  expect((caught as CompileError).hint).not.toBe('');
};

describe('exact rationals are bounded and never throw RangeError', () => {
  it('floats that are not integers, and zero denominators, are typed errors', () => {
    refused(() => Q.rational(Infinity), 'number-too-large');
    refused(() => Q.rational(Number.NaN), 'number-too-large');
    refused(() => Q.rational(0.5), 'number-too-large');
    refused(() => Q.rational(1, 0), 'division-by-zero');
    refused(() => Q.div(Q.R1, Q.R0), 'division-by-zero');
    expect(Q.rational(6, -4)).toEqual({ num: -3n, den: 2n });
  });

  it(`numerators and denominators have at most ${Q.MAX_EXACT_DIGITS} digits`, () => {
    const most = 10n ** BigInt(Q.MAX_EXACT_DIGITS) - 1n;
    expect(Q.rational(most).num).toBe(most);
    expect(Q.rational(1n, most).den).toBe(most);
    refused(() => Q.rational(most + 1n), 'number-too-large');
    refused(() => Q.rational(1n, most + 1n), 'number-too-large');
    refused(() => Q.mul(Q.rational(most), Q.rational(most)), 'number-too-large');
  });

  it('powers are refused from the sizes before any multiplication, and trivial bases take any exponent', () => {
    // 2^(10^10) computed would not finish (nor fit in memory): refusing it at all shows it was refused from the sizes.
    refused(() => Q.powInt(Q.rational(2), 10n ** 10n), 'number-too-large');
    refused(() => Q.powInt(Q.rational(6, 5), 10n ** 100n), 'number-too-large');
    refused(() => Q.powInt(Q.rational(2), 1400n), 'number-too-large');
    expect(Q.powInt(Q.rational(2), 1000n).num).toBe(2n ** 1000n);
    expect(Q.powInt(Q.RHALF, -10n)).toEqual(Q.rational(1024));
    expect(Q.powInt(Q.R1, 10n ** 300n)).toEqual(Q.R1);
    expect(Q.powInt(Q.RM1, 10n ** 300n + 1n)).toEqual(Q.RM1);
    expect(Q.powInt(Q.R0, 10n ** 300n)).toEqual(Q.R0);
    refused(() => Q.powInt(Q.R0, -3n), 'division-by-zero');
  });

  it('exact roots of big numbers, without going through float', () => {
    const r = 3n ** 500n + 12345n; // ~239 digits
    expect(Q.exactRoot(r * r, 2n)).toBe(r);
    expect(Q.exactRoot(r * r + 1n, 2n)).toBeNull();
    expect(Q.exactRoot(r ** 3n, 3n)).toBe(r);
    expect(Q.exactRoot(10n ** 999n, 2n)).toBeNull();
    expect(Q.exactRoot(10n ** 998n, 2n)).toBe(10n ** 499n);
    expect(Q.exactRoot(2n ** 64n, 10n ** 400n)).toBeNull();
    expect(Q.exactRoot(27n, 3n)).toBe(3n);
    expect(Q.exactRoot(1n, 7n)).toBe(1n);
  });

  it('decimals: exact, bounded by significant digits, refused before building a bigint', () => {
    expect(Q.parseDecimal('1.25e-3')).toEqual(Q.rational(1, 800));
    expect(Q.parseDecimal(`1.${'0'.repeat(5000)}`)).toEqual(Q.R1);
    expect(Q.parseDecimal(`0.${'0'.repeat(5000)}`)).toEqual(Q.R0);
    expect(Q.parseDecimal(`${'0'.repeat(5000)}7`)).toEqual(Q.rational(7));
    expect(Q.parseDecimal('1e399')!.num).toBe(10n ** 399n);
    expect(Q.parseDecimal('5e-324')).toEqual(Q.rational(5n, 10n ** 324n));
    refused(() => Q.parseDecimal('1e400'), 'number-too-large');
    refused(() => Q.parseDecimal('1e-400'), 'number-too-large');
    refused(() => Q.parseDecimal('1e4096'), 'number-too-large');
    refused(() => Q.parseDecimal('1e999999999999999'), 'number-too-large');
    refused(() => Q.parseDecimal('1'.repeat(1_000_000)), 'number-too-large');
    expect(Q.parseDecimal('abc')).toBeNull();
  });

  it('toNumber of huge and tiny rationals', () => {
    expect(Q.toNumber(Q.rational(10n ** 300n))).toBe(1e300);
    expect(Q.toNumber(Q.rational(10n ** 399n))).toBe(Infinity);
    expect(Q.toNumber(Q.rational(1n, 10n ** 399n))).toBe(0);
    expect(Q.toNumber(Q.rational(10n ** 399n + 1n, 10n ** 398n))).toBeCloseTo(10, 12);
    expect(Q.bitLength(255n)).toBe(8);
    expect(Q.bitLength(-256n)).toBe(9);
    expect(Q.bitLength(0n)).toBe(0);
  });
});
