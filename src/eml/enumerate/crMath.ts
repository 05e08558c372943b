/**
 * exp and ln of a float64, correctly rounded (to nearest): the double nearest the exact value. The published
 * per-level counts (published.ts) keep bit-equal values once, so a count depends on the platform's exp and ln to
 * the last ulp; V8's Math.exp/Math.log (fdlibm, under 1 ulp but not correctly rounded) already move K 15 by one.
 * A correctly rounded pair is the one platform-free choice.
 *
 * Method: the exact value is computed in double-double (about 2^−100 relative) and rounded once. It can round
 * wrong only where the exact value lies within ~2^−100 of a midpoint between two doubles; for the few million
 * arguments of a count that has probability ~2^−20 (crMath.test.ts checks 600 arguments against 300-bit values).
 * No FMA in JavaScript: products are split (Dekker).
 */

// ln 2 in three parts: LN2_HI has 21 trailing zero bits, so k·LN2_HI is exact for |k| < 2^21 (fdlibm's split).
const LN2_HI = 0.6931471803691238;
const LN2_MID = 1.9082149292705877e-10;
const LN2_LO = 1.1612227229362532e-26;
const INV_LN2 = 1.4426950408889634;
const SPLIT = 134217729; // 2^27 + 1

// Results of the double-double helpers (module scratch: no allocation in the hot path).
let rh = 0;
let rl = 0;

function twoProd(a: number, b: number): void {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  rh = p;
  rl = ah * bh - p + ah * bl + al * bh + al * bl;
}

/** (ah, al) · (bh, bl) → (rh, rl). */
function ddMul(ah: number, al: number, bh: number, bl: number): void {
  twoProd(ah, bh);
  const e = rl + (ah * bl + al * bh);
  const s = rh + e;
  rl = e - (s - rh);
  rh = s;
}

/** (ah, al) + (bh, bl) → (rh, rl), the accurate sum (both parts two-summed). */
function ddAdd(ah: number, al: number, bh: number, bl: number): void {
  let s = ah + bh;
  let bb = s - ah;
  let e = ah - (s - bb) + (bh - bb);
  const t = al + bl;
  bb = t - al;
  const f = al - (t - bb) + (bl - bb);
  e += t;
  const h = s + e;
  e = e - (h - s);
  e += f;
  s = h + e;
  rl = e - (s - h);
  rh = s;
}

/** (ah, al) / b for a small integer b → (rh, rl). */
function ddDivInt(ah: number, al: number, b: number): void {
  const q = ah / b;
  twoProd(q, b);
  const r = (ah - rh - rl + al) / b;
  const s = q + r;
  rl = r - (s - q);
  rh = s;
}

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const HI = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 1 : 0;

/** 2^k as a double, exact for −1074 ≤ k ≤ 1023. */
export function pow2(k: number): number {
  if (k > 1023) return Infinity;
  if (k >= -1022) {
    F64[0] = 0;
    U32[HI] = (k + 1023) << 20;
    return F64[0];
  }
  return pow2(k + 200) * pow2(-200);
}

// e^x = 2^k · m with m = (mh, ml) in [0.7, 1.42]: expSplit's results.
let mh = 0;
let ml = 0;

/** e^x = 2^k · (mh + ml) to ~2^−100, for finite |x| < 746; returns k. */
function expSplit(x: number): number {
  const k = Math.round(x * INV_LN2);
  // r = x − k·ln2 in double-double: x − k·LN2_HI is exact (Sterbenz), the rest is subtracted in double-double.
  const r0 = x - k * LN2_HI;
  twoProd(k, LN2_MID);
  ddAdd(r0, 0, -rh, -rl - k * LN2_LO);
  // t = r / 2^8, so |t| < 0.0014; u = e^t − 1 by Horner (11 terms: the next is below 2^−120 of u).
  const th = rh / 256;
  const tl = rl / 256;
  let uh = 1;
  let ul = 0;
  for (let n = 11; n >= 2; n--) {
    ddDivInt(th, tl, n);
    ddMul(rh, rl, uh, ul);
    ddAdd(1, 0, rh, rl);
    uh = rh;
    ul = rl;
  }
  ddMul(th, tl, uh, ul);
  uh = rh;
  ul = rl;
  // (1 + u)^2 − 1 = 2u + u², eight times: u keeps its relative accuracy (squaring 1 + u would lose it near 0).
  for (let i = 0; i < 8; i++) {
    ddMul(uh, ul, uh, ul);
    ddAdd(2 * uh, 2 * ul, rh, rl);
    uh = rh;
    ul = rl;
  }
  ddAdd(1, 0, uh, ul);
  mh = rh;
  ml = rl;
  return k;
}

/** e^x rounded to nearest. */
export function expCR(x: number): number {
  if (x !== x) return NaN;
  if (x > 709.79) return Infinity;
  if (x < -745.2) return 0;
  const k = expSplit(x);
  // (mh, ml) is normalised, so mh is already mh + ml rounded to nearest; scaling by 2^k is exact in the normal range.
  if (k >= -1021) return k > 1023 ? mh * 2 * pow2(k - 1) : mh * pow2(k);
  // Subnormal result: round once, at the subnormal's ulp 2^−1074 (scaling mh first would round twice).
  const s = pow2(k + 1074);
  const qh = mh * s;
  const ql = ml * s;
  const f = Math.floor(qh);
  const d = qh - f + ql;
  const n = d > 0.5 || (d === 0.5 && f % 2 === 1) ? f + 1 : f;
  return n * Number.MIN_VALUE;
}

// 1/(2n + 1) in double-double for the atanh series of ln near 1.
const ATANH_TERMS = 20;
const INV_ODD_H = new Float64Array(ATANH_TERMS + 1);
const INV_ODD_L = new Float64Array(ATANH_TERMS + 1);
for (let n = 0; n <= ATANH_TERMS; n++) {
  ddDivInt(1, 0, 2 * n + 1);
  INV_ODD_H[n] = rh;
  INV_ODD_L[n] = rl;
}

/** ln v rounded to nearest (ln 0 = −∞, ln of a negative = NaN). */
export function logCR(v: number): number {
  if (!(v > 0)) return v === 0 ? -Infinity : NaN;
  if (v === Infinity) return Infinity;
  if (v >= 0.75 && v <= 1.35) {
    // Near 1, ln v is small and needs relative accuracy: ln v = 2·atanh(s), s = (v − 1)/(v + 1), |s| < 0.15,
    // v − 1 exact (Sterbenz); 20 terms of s^(2n)/(2n + 1) reach below 2^−106.
    const num = v - 1;
    const dh = v + 1;
    const dl = v - (dh - (dh - v)) + (1 - (dh - v));
    const q = num / dh;
    twoProd(q, dh);
    const rem = (num - rh - rl - q * dl) / dh;
    const sh = q + rem;
    const sl = rem - (sh - q);
    ddMul(sh, sl, sh, sl);
    const zh = rh;
    const zl = rl;
    let ah = INV_ODD_H[ATANH_TERMS];
    let al = INV_ODD_L[ATANH_TERMS];
    for (let n = ATANH_TERMS - 1; n >= 0; n--) {
      ddMul(ah, al, zh, zl);
      ddAdd(rh, rl, INV_ODD_H[n], INV_ODD_L[n]);
      ah = rh;
      al = rl;
    }
    ddMul(ah, al, sh, sl);
    return 2 * rh + 2 * rl;
  }
  // Elsewhere |ln v| > 0.28: one Newton step from Math.log: with e^−y0 = 2^k·m, c = v·2^k·m − 1 (~2^−52) and
  // ln v = y0 + ln(1 + c) = y0 + c − c²/2; the error of m (~2^−100) is absolute in c, far below y0's ulp.
  const y0 = Math.log(v);
  const k = expSplit(-y0);
  // v·2^k in two exact steps: k reaches 1074 for the smallest v, past the largest power of 2.
  const w = v * pow2(k >> 1) * pow2(k - (k >> 1));
  twoProd(w, mh);
  const c = rh - 1 + rl + w * ml;
  return y0 + (c - 0.5 * c * c);
}
