/**
 * Double-double (≈ 32 significant digits) complex evaluation of closed EML trees, used to confirm constants the
 * decompiler guesses from a float64 value: a guess is accepted only if it also holds to ~1e−24 here, which a float
 * coincidence such as the notebook's "fake −1" (off by 2e−16, docs/semantics.md#pitfalls) does not.
 *
 * Standard error-free transformations (Dekker/Knuth); exp by argument reduction + Taylor + squaring, log by Newton
 * on exp, sin/cos by reduction mod π/2 + Taylor, atan2 by a Newton step on the float64 angle. Non-finite values,
 * zeros and overflow fall back to the core's float64 C99 functions (lo = 0), so ln 0 = −∞ and exp(−∞) = 0 behave
 * exactly as in the float evaluator.
 */
import { unknownNodes, type EmlNode } from '../ast.ts';
import { expInto, logInto } from '../evaluate/complex.ts';

export interface DD {
  hi: number;
  lo: number;
}
export interface CDD {
  re: DD;
  im: DD;
}

const dd = (hi: number, lo = 0): DD => ({ hi, lo });
const finite = (a: DD) => Number.isFinite(a.hi);

function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return { hi: s, lo: a - (s - bb) + (b - bb) };
}
const SPLIT = 134217729;
function twoProd(a: number, b: number): DD {
  const p = a * b;
  if (!Number.isFinite(p) || Math.abs(a) > 1e300 || Math.abs(b) > 1e300) return dd(p);
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return { hi: p, lo: ah * bh - p + ah * bl + al * bh + al * bl };
}
function norm(hi: number, lo: number): DD {
  // lo = 0 returns hi untouched, keeping the sign of a zero (it selects the edge of the log's cut).
  if (!Number.isFinite(hi) || lo === 0) return dd(hi);
  const s = hi + lo;
  return { hi: s, lo: lo - (s - hi) };
}
export function add(a: DD, b: DD): DD {
  if (!finite(a) || !finite(b)) return dd(a.hi + b.hi);
  const s = twoSum(a.hi, b.hi);
  const t = twoSum(a.lo, b.lo);
  const u = norm(s.hi, s.lo + t.hi);
  return norm(u.hi, u.lo + t.lo);
}
export const neg = (a: DD): DD => ({ hi: -a.hi, lo: -a.lo });
export const sub = (a: DD, b: DD): DD => add(a, neg(b));
export function mul(a: DD, b: DD): DD {
  if (!finite(a) || !finite(b)) return dd(a.hi * b.hi);
  const p = twoProd(a.hi, b.hi);
  return norm(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi));
}
export function div(a: DD, b: DD): DD {
  const q1 = a.hi / b.hi;
  if (!Number.isFinite(q1) || !finite(a) || b.hi === 0) return dd(q1);
  const r = sub(a, mul(b, dd(q1)));
  const q2 = r.hi / b.hi;
  const r2 = sub(r, mul(b, dd(q2)));
  return add(norm(q1, q2), dd(r2.hi / b.hi));
}
const scale = (a: DD, s: number): DD => ({ hi: a.hi * s, lo: a.lo * s });

export const LN2: DD = { hi: 0.6931471805599453, lo: 2.3190468138462996e-17 };
export const PI: DD = { hi: 3.141592653589793, lo: 1.2246467991473532e-16 };
const PI_2: DD = scale(PI, 0.5);

export function exp(x: DD): DD {
  if (x.hi > 709.78) return dd(Infinity);
  if (x.hi < -745.2) return dd(0);
  if (Number.isNaN(x.hi)) return dd(NaN);
  const k = Math.round(x.hi / LN2.hi);
  const r = scale(sub(x, mul(LN2, dd(k))), 1 / 1024);
  let term = dd(1);
  let sum = dd(1);
  for (let i = 1; i < 14; i++) {
    term = div(mul(term, r), dd(i));
    sum = add(sum, term);
  }
  for (let i = 0; i < 10; i++) sum = mul(sum, sum);
  // 2^k in two steps so neither factor overflows.
  const h = Math.trunc(k / 2);
  return scale(scale(sum, 2 ** h), 2 ** (k - h));
}

/** ln x for x > 0 (finite). */
export function log(x: DD): DD {
  let y = dd(Math.log(x.hi));
  for (let i = 0; i < 2; i++) y = add(y, sub(mul(x, exp(neg(y))), dd(1)));
  return y;
}

function sinCosReduced(r: DD): [DD, DD] {
  const r2 = mul(r, r);
  let s = r;
  let c = dd(1);
  let ts = r;
  let tc = dd(1);
  for (let i = 1; i < 14; i++) {
    ts = div(mul(ts, r2), dd(-(2 * i) * (2 * i + 1)));
    tc = div(mul(tc, r2), dd(-(2 * i - 1) * (2 * i)));
    s = add(s, ts);
    c = add(c, tc);
  }
  return [s, c];
}
export function sinCos(x: DD): [DD, DD] {
  const k = Math.round(x.hi / PI_2.hi);
  const r = sub(x, mul(PI_2, dd(k)));
  const [s, c] = sinCosReduced(r);
  switch (((k % 4) + 4) % 4) {
    case 0:
      return [s, c];
    case 1:
      return [c, neg(s)];
    case 2:
      return [neg(s), neg(c)];
    default:
      return [neg(c), s];
  }
}

function atan2(y: DD, x: DD): DD {
  let t = dd(Math.atan2(y.hi, x.hi));
  for (let i = 0; i < 2; i++) {
    const [s, c] = sinCos(t);
    const f = sub(mul(y, c), mul(x, s));
    const g = add(mul(x, c), mul(y, s));
    t = add(t, div(f, g));
  }
  return t;
}

const isZero = (a: DD) => a.hi === 0 && a.lo === 0;
const fallback = (z: { re: number; im: number }): CDD => ({ re: dd(z.re), im: dd(z.im) });

export function cexp(a: CDD): CDD {
  if (!finite(a.re) || !finite(a.im) || a.re.hi > 709) return fallback(expInto(a.re.hi, a.im.hi, { re: 0, im: 0 }));
  const m = exp(a.re);
  if (isZero(a.im)) return { re: m, im: dd(a.im.hi) };
  const [s, c] = sinCos(a.im);
  return { re: mul(m, c), im: mul(m, s) };
}

export function clog(b: CDD): CDD {
  if (!finite(b.re) || !finite(b.im) || (isZero(b.re) && isZero(b.im)))
    return fallback(logInto(b.re.hi, b.im.hi, { re: 0, im: 0 }));
  const m = Math.max(Math.abs(b.re.hi), Math.abs(b.im.hi));
  const e = Math.floor(Math.log2(m));
  const s = 2 ** -e;
  const re = scale(b.re, s);
  const im = scale(b.im, s);
  const lnAbs = add(mul(LN2, dd(e)), scale(log(add(mul(re, re), mul(im, im))), 0.5));
  // On the real axis the angle is 0 or ±π with the sign of the zero, as in C99.
  const arg = isZero(b.im) ? (b.re.hi > 0 ? dd(b.im.hi) : Object.is(b.im.hi, -0) ? neg(PI) : PI) : atan2(b.im, b.re);
  return { re: lnAbs, im: arg };
}

const memo = new WeakMap<EmlNode, CDD>();

/**
 * The double-double value of a closed tree. Values are memoised per (immortal, hash-consed) node, so the
 * decompiler's bottom-up walk costs one step per node, not one subtree evaluation per node.
 */
export function evaluateDD(root: EmlNode): CDD {
  const hit = memo.get(root);
  if (hit) return hit;
  for (const n of unknownNodes(root, (m) => memo.has(m))) {
    if (n.kind === 'one') memo.set(n, { re: dd(1), im: dd(0) });
    else if (n.kind === 'var') throw new Error('evaluateDD needs a closed tree (no variables)');
    else {
      const e = cexp(memo.get(n.left)!);
      const l = clog(memo.get(n.right)!);
      memo.set(n, { re: sub(e.re, l.re), im: sub(e.im, l.im) });
    }
  }
  return memo.get(root)!;
}

export const toNumber = (a: DD) => a.hi + a.lo;
