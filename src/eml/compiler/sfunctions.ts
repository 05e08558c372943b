/**
 * SymPy-lite functions: automatic evaluation at special arguments (sin(π/6) = 1/2, acos(1/2) = π/3,
 * log(−1) = iπ, exp(log z) = z), odd/even sign extraction (sin(−x) = −sin x), and the exp/log forms that
 * `rewrite(log).rewrite(exp).rewrite(Pow)` gives (docs/constructions.md#lowering step 6). The forms were read off
 * SymPy 1.14; with them the paper-mode K of every docs/constructions.md#k-table item matches (sin 799, cos 687, tan 1183, asin 723, …).
 */
import * as Q from '../math/rational.ts';
import { CompileError } from '../math/errors.ts';
import {
  HALF,
  isNum,
  MINUS_ONE,
  ONE,
  S_E,
  S_I,
  S_PI,
  sAdd,
  setExpHook,
  skey,
  sMul,
  sNum,
  sPow,
  ZERO,
  type S,
  type SFn,
} from './sexpr.ts';

const sRat = (n: number, d = 1) => sNum(Q.rational(n, d));
const raw = (f: SFn, a: S): S => ({ t: 'fn', f, a });

/** SymPy's could_extract_minus_sign, simplified: a negative number, a negative coefficient, or a sum led by one. */
function extractsMinus(a: S): boolean {
  if (isNum(a)) return Q.isNegative(a.r);
  if (a.t === 'mul') return isNum(a.args[0]) && Q.isNegative(a.args[0].r);
  if (a.t === 'add') return extractsMinus(a.args[0]);
  return false;
}
const negate = (a: S) => sMul(MINUS_ONE, a);

/** If a = r·π for a rational r, r. */
function piMultiple(a: S): Q.Rational | null {
  if (a.t === 'pi') return Q.R1;
  if (a.t === 'mul' && a.args.length === 2 && isNum(a.args[0]) && a.args[1].t === 'pi') return a.args[0].r;
  if (isNum(a) && Q.isZero(a.r)) return Q.R0;
  return null;
}

const SQRT2_2 = () => sMul(HALF, sPow(sRat(2), HALF));
const SQRT3_2 = () => sMul(HALF, sPow(sRat(3), HALF));

/** sin(rπ) for r with denominator 1, 2, 3, 4 or 6; null otherwise. */
function sinPi(r: Q.Rational): S | null {
  if (![1n, 2n, 3n, 4n, 6n].includes(r.den)) return null;
  // Reduce to [0, 2), then to [0, 1/2] with the sign.
  let x = Q.sub(r, Q.mul(Q.rational(2), Q.rational(floorDiv(r.num, 2n * r.den))));
  let sign = 1;
  if (Q.cmp(x, Q.R1) >= 0) {
    x = Q.sub(x, Q.R1);
    sign = -1;
  }
  if (Q.cmp(x, Q.RHALF) > 0) x = Q.sub(Q.R1, x);
  const table: Record<string, () => S> = {
    '0': () => ZERO,
    '1/6': () => HALF,
    '1/4': SQRT2_2,
    '1/3': SQRT3_2,
    '1/2': () => ONE,
  };
  const v = table[Q.toString(x)]();
  return sign < 0 ? negate(v) : v;
}
const floorDiv = (a: bigint, b: bigint) => (a >= 0n ? a / b : -((-a + b - 1n) / b));

const INVERSE_SPECIAL: Partial<Record<SFn, Record<string, () => S>>> = {
  asin: { '0': () => ZERO, '1': () => sMul(HALF, S_PI), '1/2': () => sMul(sRat(1, 6), S_PI) },
  acos: {
    '0': () => sMul(HALF, S_PI),
    '1': () => ZERO,
    '-1': () => S_PI,
    '1/2': () => sMul(sRat(1, 3), S_PI),
    '-1/2': () => sMul(sRat(2, 3), S_PI),
  },
  atan: { '0': () => ZERO, '1': () => sMul(sRat(1, 4), S_PI) },
  asinh: { '0': () => ZERO },
  acosh: { '1': () => ZERO },
  atanh: { '0': () => ZERO },
  sinh: { '0': () => ZERO },
  cosh: { '0': () => ONE },
  tanh: { '0': () => ZERO },
};
const ODD = new Set<SFn>(['sin', 'tan', 'asin', 'atan', 'sinh', 'tanh', 'asinh', 'atanh']);
const EVEN = new Set<SFn>(['cos', 'cosh']);

export function sFn(f: SFn, a: S): S {
  if (f === 'exp') return sExp(a);
  if (f === 'log') return sLog(a);
  const special = INVERSE_SPECIAL[f]?.[skey(a)];
  if (special) return special();
  if (f === 'sin' || f === 'cos' || f === 'tan') {
    const r = piMultiple(a);
    if (r) {
      const s = sinPi(r);
      const c = sinPi(Q.add(r, Q.RHALF));
      if (s && c) {
        if (f === 'sin') return s;
        if (f === 'cos') return c;
        if (isNum(c) && Q.isZero(c.r))
          throw new CompileError('tan is infinite at an odd multiple of π/2', 'division-by-zero', {
            hint: 'paper mode evaluates tan at multiples of π exactly; use compact mode or another argument',
          });
        const tanTable: Record<string, () => S> = {
          '0': () => ZERO,
          '1/6': () => sMul(sRat(1, 3), sPow(sRat(3), HALF)),
          '1/4': () => ONE,
          '1/3': () => sPow(sRat(3), HALF),
        };
        const x = Q.sub(r, Q.rational(floorDiv(r.num, r.den)));
        const neg = Q.cmp(x, Q.RHALF) > 0;
        const t = tanTable[Q.toString(neg ? Q.sub(Q.R1, x) : x)];
        if (t) return neg ? negate(t()) : t();
      }
    }
  }
  // Only when −a does not lead with a minus too: a sum like e/2 − x/2 whose negation re-sorts to −e/2 + x/2 would
  // otherwise flip back and forth until the stack overflows (SymPy breaks that tie canonically; we leave a as is).
  if ((ODD.has(f) || EVEN.has(f)) && extractsMinus(a)) {
    const minusA = negate(a);
    if (!extractsMinus(minusA)) return ODD.has(f) ? negate(sFn(f, minusA)) : sFn(f, minusA);
  }
  return raw(f, a);
}

export function sExp(a: S): S {
  if (isNum(a) && Q.isZero(a.r)) return ONE;
  if (a.t === 'fn' && a.f === 'log') return a.a;
  // exp(r·iπ) for r a multiple of 1/2 is ±1 or ±i.
  if (a.t === 'mul' && a.args.length === 3 && isNum(a.args[0]) && a.args[1].t === 'I' && a.args[2].t === 'pi') {
    const r = a.args[0].r;
    if ((2n * r.num) % r.den === 0n) return sPow(S_I, sNum(Q.mul(r, Q.rational(2))));
  }
  if (a.t === 'mul' && a.args.length === 2 && a.args[0].t === 'I' && a.args[1].t === 'pi') return MINUS_ONE;
  return raw('exp', a);
}
setExpHook(sExp);

export function sLog(a: S): S {
  if (isNum(a)) {
    if (Q.isZero(a.r))
      throw new CompileError('ln 0 is −∞: the expression is not finite', 'division-by-zero', {
        hint: 'the argument of ln folds to the exact number 0',
      });
    if (Q.isOne(a.r)) return ZERO;
    if (Q.isNegative(a.r)) return sAdd(sLog(sNum(Q.neg(a.r))), sMul(S_I, S_PI));
    if (a.r.num === 1n) return negate(raw('log', sNum(Q.rational(a.r.den))));
    return raw('log', a);
  }
  if (skey(a) === skey(S_E)) return ONE;
  if (a.t === 'fn' && a.f === 'exp' && isNum(a.a)) return a.a;
  if (a.t === 'I') return sMul(HALF, S_I, S_PI);
  return raw('log', a);
}

// ---- rewrite to exp/log (SymPy 1.14 forms) ----
const eI = (z: S) => sExp(sMul(S_I, z));
const eMinusI = (z: S) => sExp(sMul(MINUS_ONE, S_I, z));
const asinCore = (z: S) => sLog(sAdd(sMul(S_I, z), sPow(sAdd(ONE, sMul(MINUS_ONE, sPow(z, sRat(2)))), HALF)));

/** The lowering table (exported for the map of constructions, constructionGraphLowerings.ts, which reads it). */
export const REWRITE: Partial<Record<SFn, (z: S) => S>> = {
  sin: (z) => sMul(sRat(-1, 2), S_I, sAdd(eI(z), sMul(MINUS_ONE, eMinusI(z)))),
  cos: (z) => sAdd(sMul(HALF, eI(z)), sMul(HALF, eMinusI(z))),
  tan: (z) => sMul(S_I, sAdd(sMul(MINUS_ONE, eI(z)), eMinusI(z)), sPow(sAdd(eI(z), eMinusI(z)), MINUS_ONE)),
  asin: (z) => sMul(MINUS_ONE, S_I, asinCore(z)),
  acos: (z) => sAdd(sMul(S_I, asinCore(z)), sMul(HALF, S_PI)),
  asinh: (z) => sLog(sAdd(z, sPow(sAdd(sPow(z, sRat(2)), ONE), HALF))),
  acosh: (z) => sLog(sAdd(z, sMul(sPow(sAdd(z, MINUS_ONE), HALF), sPow(sAdd(z, ONE), HALF)))),
  atanh: (z) => sAdd(sMul(sRat(-1, 2), sLog(sAdd(ONE, sMul(MINUS_ONE, z)))), sMul(HALF, sLog(sAdd(z, ONE)))),
  sinh: (z) => sAdd(sMul(HALF, sExp(z)), sMul(sRat(-1, 2), sExp(sMul(MINUS_ONE, z)))),
  cosh: (z) => sAdd(sMul(HALF, sExp(z)), sMul(HALF, sExp(sMul(MINUS_ONE, z)))),
  tanh: (z) =>
    sMul(
      sAdd(sExp(z), sMul(MINUS_ONE, sExp(sMul(MINUS_ONE, z)))),
      sPow(sAdd(sExp(z), sExp(sMul(MINUS_ONE, z))), MINUS_ONE),
    ),
};

/** Functions the paper lowers only through this rewrite (sinh, cosh, tanh and atan have constructions). */
export const NEEDS_REWRITE = new Set<SFn>(['sin', 'cos', 'tan', 'asin', 'acos', 'asinh', 'acosh', 'atanh']);

/**
 * normalize_to_exp_log: every trigonometric/hyperbolic function in the subtree becomes its exp/log form, as
 * SymPy's whole-tree rewrite does; atan is kept (the compiler's rewrite_real_atan keeps it for its own
 * construction). Children first, so arguments are already rewritten when a template is applied.
 */
export function rewriteToExpLog(s: S): S {
  const memo = new Map<string, S>();
  const go = (x: S): S => {
    const k = skey(x);
    const hit = memo.get(k);
    if (hit) return hit;
    let out: S;
    switch (x.t) {
      case 'add':
        out = sAdd(...x.args.map(go));
        break;
      case 'mul':
        out = sMul(...x.args.map(go));
        break;
      case 'pow':
        out = sPow(go(x.b), go(x.e));
        break;
      case 'eml':
        out = { t: 'eml', l: go(x.l), r: go(x.r) };
        break;
      case 'fn': {
        const a = go(x.a);
        const template = REWRITE[x.f];
        out = template ? template(a) : sFn(x.f, a);
        break;
      }
      default:
        out = x;
    }
    memo.set(k, out);
    return out;
  };
  return go(s);
}
