/**
 * "SymPy-lite": just enough of SymPy's automatic canonicalisation for paper mode to build the same expression
 * shapes the reference compiler lowers (docs/constructions.md#lowering). The K of a paper-mode tree depends only on those
 * shapes, e.g. x − y is Add(x, Mul(−1, y)) (K 83), (x + y)/2 is distributed to x/2 + y/2 (Avg K 287), x·x is x²,
 * numeric coefficients merge into one Rational, I·I = −1, E^z = exp(z), √8 = 2√2.
 *
 * Covered: Add (flatten, fold numbers, collect like terms), Mul (flatten, one Rational coefficient, powers of I,
 * same-base powers with numeric exponents, exp·exp, Rational·Add distribution), Pow (numeric powers with root
 * extraction, (b^e1)^e2 when allowed, integer powers of products, E^z). Not covered: SymPy's deeper heuristics,
 * so expressions outside the paper's test suite may differ from SymPy's shape (and K) in corner cases. Arguments of
 * sums and products are kept in SymPy's order (Basic.compare, sympyCompare.ts), which the paper's text follows.
 */
import * as Q from '../math/rational.ts';
import type { Rational } from '../math/rational.ts';
import { CompileError } from '../math/errors.ts';
import { charge, skey, text } from './sexprKeys.ts';
import { basicCompare } from './sympyCompare.ts';

export { charge, resetKeys, skey, withWorkBudget } from './sexprKeys.ts';

export type SFn =
  | 'exp'
  | 'log'
  | 'sin'
  | 'cos'
  | 'tan'
  | 'asin'
  | 'acos'
  | 'atan'
  | 'sinh'
  | 'cosh'
  | 'tanh'
  | 'asinh'
  | 'acosh'
  | 'atanh';

export type S =
  | { readonly t: 'num'; readonly r: Rational }
  | { readonly t: 'I' }
  | { readonly t: 'pi' }
  | { readonly t: 'phi' }
  | { readonly t: 'sym'; readonly name: string }
  | { readonly t: 'add'; readonly args: readonly S[] }
  | { readonly t: 'mul'; readonly args: readonly S[] }
  | { readonly t: 'pow'; readonly b: S; readonly e: S }
  | { readonly t: 'fn'; readonly f: SFn; readonly a: S }
  | { readonly t: 'eml'; readonly l: S; readonly r: S };

export const sNum = (r: Rational): S => ({ t: 'num', r });
export const sInt = (n: number | bigint): S => sNum(Q.rational(n));
export const sSym = (name: string): S => ({ t: 'sym', name });
export const S_I: S = { t: 'I' };
export const S_PI: S = { t: 'pi' };
export const S_PHI: S = { t: 'phi' };
export const ZERO = sInt(0);
export const ONE = sInt(1);
export const MINUS_ONE = sInt(-1);
export const HALF = sNum(Q.RHALF);
/** Euler's e is exp(1), as SymPy treats E**z as exp(z). */
export const S_E: S = { t: 'fn', f: 'exp', a: ONE };

export const isNum = (s: S): s is { t: 'num'; r: Rational } => s.t === 'num';
const isIntNum = (s: S) => isNum(s) && s.r.den === 1n;

const numberMemo = new WeakMap<S, boolean>();
/** SymPy's `is_number`: no free symbols (memoised: shared subexpressions would make the walk exponential). */
export function isNumber(s: S): boolean {
  const hit = numberMemo.get(s);
  if (hit !== undefined) return hit;
  const out = isNumberOnce(s);
  numberMemo.set(s, out);
  return out;
}
function isNumberOnce(s: S): boolean {
  switch (s.t) {
    case 'sym':
      return false;
    case 'add':
    case 'mul':
      return s.args.every(isNumber);
    case 'pow':
      return isNumber(s.b) && isNumber(s.e);
    case 'fn':
      return isNumber(s.a);
    case 'eml':
      return isNumber(s.l) && isNumber(s.r);
    default:
      return true;
  }
}

/** The readable form of `s` for "how was this built" views, or null when it is longer than TEXT_CAP. */
export const sText = (s: S): string | null => text(s);

/** (Rational coefficient, the rest) of a term. */
function splitCoeff(s: S): [Rational, S[]] {
  if (isNum(s)) return [s.r, []];
  if (s.t === 'mul' && isNum(s.args[0])) return [s.args[0].r, s.args.slice(1) as S[]];
  return [Q.R1, [s]];
}

function rawMul(args: S[]): S {
  if (args.length === 0) return ONE;
  if (args.length === 1) return args[0];
  return { t: 'mul', args };
}

export function sAdd(...terms: S[]): S {
  const flat: S[] = [];
  for (const t of terms)
    if (t.t === 'add') flat.push(...t.args);
    else flat.push(t);
  charge(flat.length);
  let constant = Q.R0;
  const groups = new Map<string, { coeff: Rational; rest: S[] }>();
  for (const t of flat) {
    if (isNum(t)) {
      constant = Q.add(constant, t.r);
      continue;
    }
    const [c, rest] = splitCoeff(t);
    const k = rest.map(skey).join('*');
    const g = groups.get(k);
    if (g) g.coeff = Q.add(g.coeff, c);
    else groups.set(k, { coeff: c, rest });
  }
  const out: S[] = [];
  for (const { coeff, rest } of groups.values()) {
    if (Q.isZero(coeff)) continue;
    out.push(Q.isOne(coeff) ? rawMul(rest) : rawMul([sNum(coeff), ...rest]));
  }
  if (!Q.isZero(constant)) out.push(sNum(constant));
  if (out.length === 0) return ZERO;
  if (out.length === 1) return out[0];
  return { t: 'add', args: out.sort(basicCompare) };
}

export function sMul(...factors: S[]): S {
  let coeff = Q.R1;
  let iPower = 0;
  const bases = new Map<string, { base: S; exps: S[] }>();
  let expArgs: S[] = [];
  const queue: S[] = [...factors];
  charge(queue.length);
  while (queue.length > 0) {
    const f = queue.shift()!;
    if (f.t === 'mul') {
      queue.push(...f.args);
      continue;
    }
    if (isNum(f)) coeff = Q.mul(coeff, f.r);
    else if (f.t === 'I') iPower++;
    else if (f.t === 'fn' && f.f === 'exp') expArgs.push(f.a);
    else {
      const [base, e] = f.t === 'pow' ? [f.b, f.e] : [f, ONE];
      const k = skey(base);
      const g = bases.get(k);
      if (g) g.exps.push(e);
      else bases.set(k, { base, exps: [e] });
    }
  }
  if (Q.isZero(coeff)) return ZERO;
  const rest: S[] = [];
  for (const { base, exps } of bases.values()) {
    // SymPy merges x^a·x^b only when the exponents are numbers (x·x^y stays as it is).
    if (exps.length > 1 && exps.every(isNum)) {
      pushFactor(sPow(base, sAdd(...exps)));
    } else for (const e of exps) pushFactor(isNum(e) && Q.isOne(e.r) ? base : { t: 'pow', b: base, e });
  }
  if (expArgs.length > 1) expArgs = [sAdd(...expArgs)];
  if (expArgs.length === 1) pushFactor(sFnRaw('exp', expArgs[0]));
  function pushFactor(f: S) {
    if (isNum(f)) coeff = Q.mul(coeff, f.r);
    else if (f.t === 'I') iPower++;
    else if (f.t === 'mul') for (const a of f.args) pushFactor(a);
    else rest.push(f);
  }
  iPower %= 4;
  if (iPower >= 2) coeff = Q.neg(coeff);
  if (iPower % 2 === 1) rest.push(S_I);
  if (Q.isZero(coeff)) return ZERO;
  // A Rational times a single sum distributes: 2(x + 1) → 2x + 2.
  if (rest.length === 1 && rest[0].t === 'add' && !Q.isOne(coeff)) {
    return sAdd(...rest[0].args.map((t) => sMul(sNum(coeff), t)));
  }
  // Mul.flatten's _mulsort: the factors in Basic.compare order, the coefficient first (eml_compiler_v4.py folds a
  // product in this order, so the text matches only with it).
  rest.sort(basicCompare);
  if (!Q.isOne(coeff) || rest.length === 0) rest.unshift(sNum(coeff));
  return rawMul(rest);
}

/** exp(z) with SymPy's automatic evaluation; set by sfunctions.ts to avoid an import cycle. */
let expHook: ((a: S) => S) | null = null;
export function setExpHook(f: (a: S) => S) {
  expHook = f;
}
function sFnRaw(f: 'exp', a: S): S {
  return expHook ? expHook(a) : { t: 'fn', f, a };
}

export function sPow(b: S, e: S): S {
  charge(1);
  if (isNum(e) && Q.isZero(e.r)) return ONE;
  if (isNum(e) && Q.isOne(e.r)) return b;
  if (isNum(b) && Q.isOne(b.r)) return ONE;
  if (isNum(b) && isNum(e)) return numPow(b.r, e.r);
  if (b.t === 'I' && isIntNum(e)) {
    const k = Number((((e as { r: Rational }).r.num % 4n) + 4n) % 4n);
    return [ONE, S_I, MINUS_ONE, sMul(MINUS_ONE, S_I)][k];
  }
  if (b.t === 'fn' && b.f === 'exp' && (skey(b.a) === '1' || isIntNum(e))) return sFnRaw('exp', sMul(e, b.a));
  if (b.t === 'pow') {
    const e1 = b.e;
    const small = isNum(e1) && Q.cmp(Q.abs(e1.r), Q.R1) < 0;
    if (isIntNum(e) || small) return sPow(b.b, sMul(e1, e));
  }
  if (b.t === 'mul') {
    if (isIntNum(e)) return sMul(...b.args.map((a) => sPow(a, e)));
    // √(2x) = √2·√x: a numeric exponent pulls the coefficient's magnitude out.
    const [c, rest] = splitCoeff(b);
    if (isNum(e) && !Q.isOne(c) && !Q.eq(c, Q.RM1)) {
      const restS = rawMul(Q.isNegative(c) ? [MINUS_ONE, ...rest] : rest);
      return sMul(numPow(Q.abs(c), e.r), { t: 'pow', b: restS, e });
    }
  }
  return { t: 'pow', b, e };
}

const zeroPower = () =>
  new CompileError('division by zero (0 to a negative power)', 'division-by-zero', {
    hint: 'the base folds to the exact number 0',
  });

/** Rational^Rational with SymPy's root extraction: 4^(1/2) = 2, 8^(1/2) = 2√2, (1/2)^(1/2) = √2/2, (−1)^(1/2) = I. */
function numPow(b: Rational, e: Rational): S {
  if (e.den === 1n) {
    if (Q.isZero(b) && e.num < 0n) throw zeroPower();
    return sNum(Q.powInt(b, e.num));
  }
  if (Q.isZero(b)) {
    if (e.num > 0n) return ZERO;
    throw zeroPower();
  }
  if (Q.isNegative(b)) {
    const mag = numPow(Q.neg(b), e);
    if (e.den === 2n) return sMul(mag, sPow(S_I, sInt(e.num)));
    return sMul(mag, { t: 'pow', b: MINUS_ONE, e: sNum(e) });
  }
  // Integer part of the exponent comes out exactly.
  const whole = e.num >= 0n ? e.num / e.den : -((-e.num + e.den - 1n) / e.den);
  const frac = Q.sub(e, Q.rational(whole));
  let coeff = Q.powInt(b, whole);
  const factors: S[] = [];
  // b^frac = p^frac · q^(1 − frac) / q, then perfect powers come out of each integer root.
  const parts: Array<[bigint, Rational]> = [[b.num, frac]];
  if (b.den !== 1n) {
    parts.push([b.den, Q.sub(Q.R1, frac)]);
    coeff = Q.div(coeff, Q.rational(b.den));
  }
  for (const [n, f] of parts) {
    if (n === 1n || Q.isZero(f)) continue;
    const root = Q.exactRoot(n, f.den);
    if (root !== null) {
      coeff = Q.mul(coeff, Q.powInt(Q.rational(root), f.num));
      continue;
    }
    // Pull the largest perfect f.den-th power out of n (small n and roots only; SymPy factors completely).
    let out = 1n;
    let rem = n;
    if (n < 1_000_000n && f.den <= 64n) {
      for (let p = 2n; p * p <= rem; p++) {
        const pk = p ** f.den;
        while (rem % pk === 0n) {
          rem /= pk;
          out *= p;
        }
      }
    }
    if (out > 1n) coeff = Q.mul(coeff, Q.powInt(Q.rational(out), f.num));
    factors.push({ t: 'pow', b: sInt(rem), e: sNum(f) });
  }
  return sMul(sNum(coeff), ...factors);
}
