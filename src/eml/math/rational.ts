/**
 * Exact rationals on bigint, always normalised (gcd 1, positive denominator), so `0.1 + 0.2` is 3/10 and equal
 * numbers compare equal field by field. The paper's compiler parses decimals as exact rationals
 * (eml-reference.md §2.1: `0.5` and `1/2` both compile to K=91), so the math AST never holds a float.
 */

export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function rational(num: bigint | number, den: bigint | number = 1n): Rational {
  let n = BigInt(num);
  let d = BigInt(den);
  if (d === 0n) throw new RangeError('rational with zero denominator');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  return g > 1n ? Object.freeze({ num: n / g, den: d / g }) : Object.freeze({ num: n, den: d });
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
  if (b.num === 0n) throw new RangeError('division by zero');
  return rational(a.num * b.den, a.den * b.num);
}

/** Largest exponent we expand exactly; beyond it numbers get absurdly long and no EML tree could be built anyway. */
export const MAX_EXACT_EXPONENT = 4096n;

/** a^n for an integer n (|n| ≤ MAX_EXACT_EXPONENT); throws on 0^negative. */
export function powInt(a: Rational, n: bigint): Rational {
  if (n < 0n) return div(R1, powInt(a, -n));
  if (n > MAX_EXACT_EXPONENT) throw new RangeError(`exponent ${n} is too large to expand exactly`);
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
  if (n < 0n) return null;
  if (n < 2n) return n;
  // Newton from a float estimate, corrected by ±1 steps.
  let r = BigInt(Math.round(Math.pow(Number(n), 1 / Number(k))));
  for (let i = 0; i < 200; i++) {
    const p = r ** k;
    if (p === n) return r;
    if (p < n && (r + 1n) ** k > n) return null;
    if (p > n && (r - 1n) ** k < n) return null;
    r += p < n ? 1n : -1n;
    if (r < 0n) return null;
  }
  return null;
}

export const toNumber = (r: Rational): number => {
  const n = Number(r.num);
  const d = Number(r.den);
  if (Number.isFinite(n) && Number.isFinite(d)) return n / d;
  // Huge parts: scale down both by the same power of ten before converting.
  const shift = BigInt(Math.max(r.num.toString().length, r.den.toString().length) - 300);
  const s = 10n ** (shift > 0n ? shift : 0n);
  return Number(r.num / s) / Number(r.den / s);
};

export const toString = (r: Rational): string => (r.den === 1n ? r.num.toString() : `${r.num}/${r.den}`);

/** Parses "12", "0.5", "1.25e-3" exactly. */
export function parseDecimal(text: string): Rational | null {
  const m = /^([0-9]+)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/.exec(text);
  if (!m) return null;
  const frac = m[2] ?? '';
  const exp = BigInt(m[3] ?? '0') - BigInt(frac.length);
  if (exp > MAX_EXACT_EXPONENT || exp < -MAX_EXACT_EXPONENT) return null;
  const digits = BigInt(m[1] + frac);
  return exp >= 0n ? rational(digits * 10n ** exp) : rational(digits, 10n ** -exp);
}

/** Continued-fraction best approximation with denominator ≤ maxDen (used to recognise float constants). */
export function approximate(x: number, maxDen: number): Rational | null {
  if (!Number.isFinite(x)) return null;
  let h0 = 0, h1 = 1, k0 = 1, k1 = 0;
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
