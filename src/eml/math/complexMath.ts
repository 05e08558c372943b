/**
 * Complex elementary functions with principal branches, the reference the compiled EML trees are checked
 * against. On the real axis inside a function's real domain the result comes from `Math` (what the paper's
 * harnesses compare with, docs/semantics.md#numeric-grids); elsewhere from the standard log/sqrt formulas.
 */
import { cexp, clog, type Complex } from '../evaluate/complex.ts';

export type { Complex };

export const C = (re: number, im = 0): Complex => ({ re, im });
const real = (z: Complex) => z.im === 0;

export const cadd = (a: Complex, b: Complex): Complex => C(a.re + b.re, a.im + b.im);
export const csub = (a: Complex, b: Complex): Complex => C(a.re - b.re, a.im - b.im);
/** −a; a real a stays on the real axis with +0i (math negation, not IEEE's −0 that would flip ln to −iπ). */
export const cneg = (a: Complex): Complex => C(-a.re, a.im === 0 ? 0 : -a.im);
export function cmul(a: Complex, b: Complex): Complex {
  if (real(a) && real(b)) return C(a.re * b.re);
  return C(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re);
}
export function cdiv(a: Complex, b: Complex): Complex {
  if (real(a) && real(b)) return C(a.re / b.re);
  // Smith's algorithm: avoids overflow of |b|².
  if (Math.abs(b.re) >= Math.abs(b.im)) {
    const r = b.im / b.re;
    const d = b.re + b.im * r;
    return C((a.re + a.im * r) / d, (a.im - a.re * r) / d);
  }
  const r = b.re / b.im;
  const d = b.re * r + b.im;
  return C((a.re * r + a.im) / d, (a.im * r - a.re) / d);
}
export const cexpf = (z: Complex): Complex => (real(z) ? C(Math.exp(z.re)) : cexp(z));
export const clogf = (z: Complex): Complex => (real(z) && z.re > 0 ? C(Math.log(z.re)) : clog(z));

export function csqrt(z: Complex): Complex {
  if (real(z) && z.re >= 0) return C(Math.sqrt(z.re));
  if (real(z)) return C(0, Math.sqrt(-z.re));
  const m = Math.hypot(z.re, z.im);
  const re = Math.sqrt((m + z.re) / 2);
  const im = Math.sqrt((m - z.re) / 2);
  return C(re, z.im < 0 ? -im : im);
}

export function cpow(a: Complex, b: Complex): Complex {
  if (real(a) && real(b)) {
    const r = Math.pow(a.re, b.re);
    if (!Number.isNaN(r) || Number.isNaN(a.re) || Number.isNaN(b.re)) return C(r);
  }
  if (a.re === 0 && a.im === 0) return b.re > 0 ? C(0) : C(Infinity);
  // Integer powers by repeated multiplication keep real results exact-ish.
  if (real(b) && Number.isInteger(b.re) && Math.abs(b.re) <= 64) {
    let r = C(1);
    for (let k = 0; k < Math.abs(b.re); k++) r = cmul(r, a);
    return b.re < 0 ? cdiv(C(1), r) : r;
  }
  return cexp(cmul(b, clog(a)));
}

const I = C(0, 1);
const mulI = (z: Complex) => C(-z.im, z.re);

export function csin(z: Complex): Complex {
  if (real(z)) return C(Math.sin(z.re));
  return C(Math.sin(z.re) * Math.cosh(z.im), Math.cos(z.re) * Math.sinh(z.im));
}
export function ccos(z: Complex): Complex {
  if (real(z)) return C(Math.cos(z.re));
  return C(Math.cos(z.re) * Math.cosh(z.im), -Math.sin(z.re) * Math.sinh(z.im));
}
export const ctan = (z: Complex): Complex => (real(z) ? C(Math.tan(z.re)) : cdiv(csin(z), ccos(z)));
export const csinh = (z: Complex): Complex => (real(z) ? C(Math.sinh(z.re)) : cneg(mulI(csin(mulI(z)))));
export const ccosh = (z: Complex): Complex => (real(z) ? C(Math.cosh(z.re)) : ccos(mulI(z)));
export const ctanh = (z: Complex): Complex => (real(z) ? C(Math.tanh(z.re)) : cdiv(csinh(z), ccosh(z)));

/** asin z = −i ln(iz + √(1 − z²)). */
export function casin(z: Complex): Complex {
  if (real(z) && Math.abs(z.re) <= 1) return C(Math.asin(z.re));
  const w = clog(cadd(mulI(z), csqrt(csub(C(1), cmul(z, z)))));
  return C(w.im, -w.re);
}
/** acos z = π/2 − asin z. */
export function cacos(z: Complex): Complex {
  if (real(z) && Math.abs(z.re) <= 1) return C(Math.acos(z.re));
  return csub(C(Math.PI / 2), casin(z));
}
/** atan z = (i/2) ln((i + z)/(i − z)). */
export function catan(z: Complex): Complex {
  if (real(z)) return C(Math.atan(z.re));
  const w = clog(cdiv(cadd(I, z), csub(I, z)));
  return C(-w.im / 2, w.re / 2);
}
export function casinh(z: Complex): Complex {
  if (real(z)) return C(Math.asinh(z.re));
  return clog(cadd(z, csqrt(cadd(cmul(z, z), C(1)))));
}
export function cacosh(z: Complex): Complex {
  // C99 G.6.2.1: cacosh(±0 ± i0) = +0 ± iπ/2, the sign of the zero imaginary part kept (the formula below reads
  // −0i as +0i on the real axis and gave +iπ/2 at 0 − 0i).
  // On the rest of the real axis below 1 the same: C99's cacosh(conj z) = conj(cacosh z) makes x − 0i the conjugate
  // of x + 0i, i.e. +0 ± i·acos x on [−1, 1) and acosh|x| ± iπ for x < −1 (the formula below reads −0i as +0i,
  // so acosh(−2 − 0i) came out as 1.317 + iπ).
  if (real(z) && z.re < 1) {
    const sign = Object.is(z.im, -0) ? -1 : 1;
    return z.re < -1 ? C(Math.acosh(-z.re), sign * Math.PI) : C(0, sign * Math.acos(z.re));
  }
  if (real(z) && z.re >= 1) return C(Math.acosh(z.re));
  return clog(cadd(z, cmul(csqrt(cadd(z, C(1))), csqrt(csub(z, C(1))))));
}
export function catanh(z: Complex): Complex {
  if (real(z) && Math.abs(z.re) < 1) return C(Math.atanh(z.re));
  const w = csub(clog(cadd(C(1), z)), clog(csub(C(1), z)));
  return C(w.re / 2, w.im / 2);
}
export function csigmoid(z: Complex): Complex {
  if (real(z)) return C(1 / (1 + Math.exp(-z.re)));
  return cdiv(C(1), cadd(C(1), cexp(cneg(z))));
}
/** |z| for real z; √(z·z) (principal) otherwise, which is what the compiled form computes. */
export const cabsf = (z: Complex): Complex => (real(z) ? C(Math.abs(z.re)) : csqrt(cmul(z, z)));
export const chypot = (a: Complex, b: Complex): Complex =>
  real(a) && real(b) ? C(Math.hypot(a.re, b.re)) : csqrt(cadd(cmul(a, a), cmul(b, b)));
/** eml(a, b) = exp(a) − ln(b), with the core's C99 exp and log. */
export const ceml = (a: Complex, b: Complex): Complex => csub(cexp(a), clog(b));
