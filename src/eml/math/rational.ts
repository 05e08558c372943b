/**
 * Exact rationals on bigint, always normalised (gcd 1, positive denominator), so `0.1 + 0.2` is 3/10 and equal
 * numbers compare equal field by field. The paper's compiler parses decimals as exact rationals
 * (docs/constructions.md#input-syntax: `0.5` and `1/2` both compile to K=91), so the math AST never holds a float.
 *
 * Size is bounded: numerator and denominator have at most MAX_EXACT_DIGITS decimal digits. Every rational is made
 * by `rational()`, which checks the bound, and `powInt` refuses before it computes, so `1e4096`, `2^(10^10)` or
 * `1.2e-500^64` are refused at once with a CompileError instead of minutes of bigint work or a stack overflow
 * further on (the compact constant builder makes a few nodes per bit). 400 digits holds every float64 exactly
 * (the largest has 309 integer digits, the smallest subnormal 5e−324 a 325-digit denominator), so no number a tree
 * could evaluate is refused, and the largest allowed constant still compiles in about 100 ms.
 */
import { CompileError } from './errors.ts';

export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

/** Most decimal digits a numerator or denominator may have. */
export const MAX_EXACT_DIGITS = 400;
const LIMIT = 10n ** BigInt(MAX_EXACT_DIGITS);
/** Roughly log2(10^MAX_EXACT_DIGITS): a power whose result has more bits than this is refused before it is computed. */
const MAX_BITS = Math.ceil(MAX_EXACT_DIGITS * Math.log2(10));

export const TOO_LARGE_HINT = `exact numbers have at most ${MAX_EXACT_DIGITS} digits in numerator and denominator; use a smaller number or exponent`;

export function tooLarge(what = 'number'): CompileError {
  return new CompileError(`${what} too large to be exact: at most ${MAX_EXACT_DIGITS} digits`, 'number-too-large', {
    hint: TOO_LARGE_HINT,
  });
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function toBig(x: bigint | number): bigint {
  if (typeof x === 'bigint') return x;
  if (!Number.isInteger(x)) {
    // A float reaching here is a caller's bug (NaN, ∞ or a fraction); refuse it as an error of the input.
    throw new CompileError(`${x} is not an integer and cannot be an exact number`, 'number-too-large', {
      hint: 'write the number as a decimal or a fraction',
    });
  }
  return BigInt(x);
}

export function rational(num: bigint | number, den: bigint | number = 1n): Rational {
  let n = toBig(num);
  let d = toBig(den);
  if (d === 0n)
    throw new CompileError('division by zero', 'division-by-zero', { hint: 'the divisor folds to the exact number 0' });
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  if (g > 1n) {
    n /= g;
    d /= g;
  }
  if (n >= LIMIT || -n >= LIMIT || d >= LIMIT) throw tooLarge();
  return Object.freeze({ num: n, den: d });
}

/** Number of bits of |n| (0 for 0). */
export function bitLength(n: bigint): number {
  if (n < 0n) n = -n;
  if (n === 0n) return 0;
  const hex = n.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0], 16)));
}
export const R0 = rational(0);
export const R1 = rational(1);
export const RM1 = rational(-1);
export const RHALF = rational(1, 2);

export const isInteger = (r: Rational): boolean => r.den === 1n;
export const isZero = (r: Rational): boolean => r.num === 0n;
export const isOne = (r: Rational): boolean => r.num === 1n && r.den === 1n;
export const isNegative = (r: Rational): boolean => r.num < 0n;
export const eq = (a: Rational, b: Rational): boolean => a.num === b.num && a.den === b.den;
export const cmp = (a: Rational, b: Rational): number => {
  const d = a.num * b.den - b.num * a.den;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
};

export const add = (a: Rational, b: Rational): Rational => rational(a.num * b.den + b.num * a.den, a.den * b.den);
export const sub = (a: Rational, b: Rational): Rational => rational(a.num * b.den - b.num * a.den, a.den * b.den);
export const mul = (a: Rational, b: Rational): Rational => rational(a.num * b.num, a.den * b.den);
export const neg = (a: Rational): Rational => rational(-a.num, a.den);
export const abs = (a: Rational): Rational => (a.num < 0n ? neg(a) : a);
export function div(a: Rational, b: Rational): Rational {
  if (b.num === 0n)
    throw new CompileError('division by zero', 'division-by-zero', { hint: 'the divisor folds to the exact number 0' });
  return rational(a.num * b.den, a.den * b.num);
}

/**
 * a^n for an integer n; a CompileError on 0^negative and when the result would have more than MAX_EXACT_DIGITS
 * digits (checked from the bit lengths before any multiplication, so 2^(10^10) is refused at once).
 */
export function powInt(a: Rational, n: bigint): Rational {
  if (n === 0n) return R1;
  if (a.num === 0n) {
    if (n < 0n)
      throw new CompileError('division by zero (0 to a negative power)', 'division-by-zero', {
        hint: 'the base folds to the exact number 0',
      });
    return R0;
  }
  if (a.den === 1n && (a.num === 1n || a.num === -1n)) return a.num === 1n || n % 2n === 0n ? R1 : RM1;
  const m = n < 0n ? -n : n;
  // |a| ≠ 0, 1: the larger of |num|, den is ≥ 2, so the result has at least (bits − 1)·m bits there.
  const bits = Math.max(bitLength(a.num), bitLength(a.den)) - 1;
  if (m > BigInt(MAX_BITS) || Math.max(1, bits) * Number(m) > MAX_BITS + 4) throw tooLarge('power');
  if (n < 0n) return div(R1, powInt(a, m));
  let result = R1;
  let base = a;
  let e = n;
  while (e > 0n) {
    if (e & 1n) result = mul(result, base);
    e >>= 1n;
    if (e > 0n) base = mul(base, base);
  }
  return result;
}

/** Exact integer k-th root of n ≥ 0 when n is a perfect k-th power, else null. */
export function exactRoot(n: bigint, k: bigint): bigint | null {
  if (n < 0n || k < 1n) return null;
  if (n < 2n || k === 1n) return n;
  const bits = bitLength(n);
  // n ≥ 2 has a k-th root ≥ 2 only when k < bits; this also keeps r ** k small below.
  if (k >= BigInt(bits)) return null;
  const kk = Number(k);
  // Integer Newton from above: start at 2^⌈bits/k⌉ ≥ the root; the iterates decrease to ⌊n^(1/k)⌋.
  let r = 1n << BigInt(Math.ceil(bits / kk));
  for (;;) {
    const next = ((k - 1n) * r + n / r ** (k - 1n)) / k;
    if (next >= r) break;
    r = next;
  }
  return r ** k === n ? r : null;
}

export const toNumber = (r: Rational): number => {
  const n = Number(r.num);
  const d = Number(r.den);
  if (Number.isFinite(n) && Number.isFinite(d)) return n / d;
  // Huge parts: scale down both by the same power of two (by bits, so the ratio keeps its 53 significant bits).
  const shift = BigInt(Math.max(bitLength(r.num), bitLength(r.den)) - 1000);
  return Number(r.num >> shift) / Number(r.den >> shift);
};

export const toString = (r: Rational): string => (r.den === 1n ? r.num.toString() : `${r.num}/${r.den}`);

/**
 * Parses "12", "0.5", "1.25e-3" exactly; null when the text is not a decimal. Throws the "too large to be exact"
 * CompileError when the value needs more than MAX_EXACT_DIGITS digits, deciding that from the digit counts before
 * any bigint is built (a 1 MB run of digits is refused at once, not parsed).
 */
export function parseDecimal(text: string): Rational | null {
  const m = /^([0-9]+)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/.exec(text);
  if (!m) return null;
  // Significant digits only: leading zeros and trailing fraction zeros change nothing.
  const frac = (m[2] ?? '').replace(/0+$/, '');
  const digits = (m[1] + frac).replace(/^0+/, '');
  if (digits === '') return R0;
  const expText = (m[3] ?? '0').replace(/^([+-]?)0+(?=\d)/, '$1');
  if (expText.replace(/^[+-]/, '').length > 9) throw tooLarge();
  // value = digits · 10^exp; with d digits it has d + exp integer digits, or −exp fraction digits.
  const exp = Number(expText) - frac.length;
  if (digits.length > MAX_EXACT_DIGITS + 1 || digits.length + exp > MAX_EXACT_DIGITS || -exp > MAX_EXACT_DIGITS)
    throw tooLarge();
  const big = BigInt(digits);
  return exp >= 0 ? rational(big * 10n ** BigInt(exp)) : rational(big, 10n ** BigInt(-exp));
}

/** Continued-fraction best approximation with denominator ≤ maxDen (used to recognise float constants). */
export function approximate(x: number, maxDen: number): Rational | null {
  if (!Number.isFinite(x)) return null;
  let h0 = 0,
    h1 = 1,
    k0 = 1,
    k1 = 0;
  let v = x;
  for (let i = 0; i < 40; i++) {
    const a = Math.floor(v);
    const h2 = a * h1 + h0;
    const k2 = a * k1 + k0;
    if (k2 > maxDen) break;
    [h0, h1, k0, k1] = [h1, h2, k1, k2];
    const f = v - a;
    if (Math.abs(f) < 1e-15) break;
    v = 1 / f;
  }
  if (!Number.isSafeInteger(h1) || k1 === 0) return null;
  return rational(h1, k1);
}
