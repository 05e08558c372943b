/**
 * Complex exp and log on (re, im) float64 pairs with C99 Annex G special values (G.6.3.1 cexp, G.6.3.2 clog).
 *
 * The paper's constructions depend on these details: `neg` goes through ln 0 = −∞ and exp(−∞) = 0, and the
 * compiled √x, x² … stay finite at x = 0 only because clog(−0 − 0i) = −∞ − iπ keeps the sign of zero
 * (docs/semantics.md#ln-0-and-signed-zeros). Results are written into a caller-owned pair so the batch evaluator allocates nothing.
 */

export interface Complex {
  re: number;
  im: number;
}

/** Above this, exp(x) alone overflows; glibc splits the exponent so e.g. exp(710)·cos(y) can still be finite. */
const EXP_SPLIT = 709;
const EXP_SPLIT_FACTOR = Math.exp(EXP_SPLIT);
const TINY_ANGLE = 2 ** -27;
/** Below this, log1p(t) rounds to t, so ½·log1p(r²) can be computed as ½·r² with the same result. */
const TINY_RATIO = 7e-9;

/** out ← exp(re + i·im). */
export function expInto(re: number, im: number, out: Complex): Complex {
  if (im === 0) {
    // Real axis: e^x with the sign of the zero imaginary part kept (also right for x = ±∞ and NaN).
    out.re = Math.exp(re);
    out.im = im;
    return out;
  }
  if (!Number.isFinite(im)) {
    if (re === -Infinity) {
      out.re = 0;
      out.im = 0;
    } else if (re === Infinity) {
      out.re = Infinity;
      out.im = NaN;
    } else {
      out.re = NaN;
      out.im = NaN;
    }
    return out;
  }
  if (Number.isNaN(re)) {
    out.re = NaN;
    out.im = NaN;
    return out;
  }
  // Below 2^−27, cos y rounds to 1 and sin y to y (fdlibm returns exactly these); compiled trees carry
  // imaginary residues of ~1e−17 through long chains, so skipping the two calls there matters.
  const tiny = im < TINY_ANGLE && im > -TINY_ANGLE;
  let c = tiny ? 1 : Math.cos(im);
  let s = tiny ? im : Math.sin(im);
  if (re === -Infinity) {
    out.re = 0 * c;
    out.im = 0 * s;
    return out;
  }
  let x = re;
  if (x > EXP_SPLIT) {
    c *= EXP_SPLIT_FACTOR;
    s *= EXP_SPLIT_FACTOR;
    x -= EXP_SPLIT;
    if (x > EXP_SPLIT) {
      c *= EXP_SPLIT_FACTOR;
      s *= EXP_SPLIT_FACTOR;
      x -= EXP_SPLIT;
    }
  }
  const e = Math.exp(x);
  out.re = e * c;
  out.im = e * s;
  return out;
}

/** Dekker's split: 2^27 + 1 cuts a double into two 26-bit halves whose products are exact. */
const SPLITTER = 134217729;

/** [p, e] with p = fl(a·a) and p + e = a·a exactly (no FMA in JavaScript). */
function exactSquare(a: number, out: [number, number]): [number, number] {
  const p = a * a;
  const t = SPLITTER * a;
  const hi = t - (t - a);
  const lo = a - hi;
  out[0] = p;
  out[1] = hi * hi - p + 2 * hi * lo + lo * lo;
  return out;
}
const SQ_A: [number, number] = [0, 0];
const SQ_B: [number, number] = [0, 0];

/**
 * a² + b² − 1 for 0.5 ≤ a ≤ 2, b ≤ a, to about 2^−100 absolute: both squares exactly as double-doubles, p_a − 1
 * exact (Sterbenz), and the cancelling sum with Knuth's two-sum. The plain (a − 1)(a + 1) + b² is only absolutely
 * accurate (~1e−17): at z = −0.6674070989570714 − 0.7446930671502897i it gave Re ln z = 2.78e−17 where the true
 * value is −2.20e−18 (issue 12), wrong even in sign.
 */
function squaresMinusOne(a: number, b: number): number {
  const [pa, ea] = exactSquare(a, SQ_A);
  const [pb, eb] = exactSquare(b, SQ_B);
  const x = pa - 1;
  const s = x + pb;
  const bv = s - x;
  const t = x - (s - bv) + (pb - bv);
  return s + (t + ea + eb);
}

/**
 * log|z| for finite nonzero z, with no overflow or underflow of |z|² (|z| up to 1.8e308 and down to subnormals):
 * log|z| = log a + ½·log1p((b/a)²) with a ≥ b. Near |z| = 1, where that sum cancels, log1p((a−1)(a+1) + b²)
 * keeps the digits instead (a − 1 is exact there by Sterbenz's lemma).
 */
export function logAbs(x: number, y: number): number {
  let a = Math.abs(x);
  let b = Math.abs(y);
  if (b === 0) return Math.log(a);
  if (a === 0) return Math.log(b);
  if (a < b) {
    const t = a;
    a = b;
    b = t;
  }
  if (a >= 0.5 && a <= 2) return 0.5 * Math.log1p(squaresMinusOne(a, b));
  const r = b / a;
  return Math.log(a) + (r < TINY_RATIO ? 0.5 * (r * r) : 0.5 * Math.log1p(r * r));
}

/** out ← principal log(re + i·im), Arg ∈ [−π, π], the sign of zero selecting the edge of the cut. */
export function logInto(re: number, im: number, out: Complex): Complex {
  if (Number.isNaN(re) || Number.isNaN(im)) {
    out.re = re === Infinity || re === -Infinity || im === Infinity || im === -Infinity ? Infinity : NaN;
    out.im = NaN;
    return out;
  }
  // Math.atan2 already follows C99 for signed zeros and infinities: atan2(±0, −0) = ±π, atan2(±∞, −∞) = ±3π/4.
  out.im = Math.atan2(im, re);
  if (re === 0 && im === 0) out.re = -Infinity;
  else if (!Number.isFinite(re) || !Number.isFinite(im)) out.re = Infinity;
  else out.re = logAbs(re, im);
  return out;
}

export function cexp(z: Complex): Complex {
  return expInto(z.re, z.im, { re: 0, im: 0 });
}

export function clog(z: Complex): Complex {
  return logInto(z.re, z.im, { re: 0, im: 0 });
}

export const isFiniteComplex = (z: Complex): boolean => Number.isFinite(z.re) && Number.isFinite(z.im);
export const hasNaN = (z: Complex): boolean => Number.isNaN(z.re) || Number.isNaN(z.im);
export const isZero = (z: Complex): boolean => z.re === 0 && z.im === 0;
export const abs = (z: Complex): number => Math.hypot(z.re, z.im);
