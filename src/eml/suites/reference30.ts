/**
 * A 30-digit reference: the math AST evaluated on the real line with decimal.js (34 significant digits, so 30 are
 * right after the few roundings of a composition), for issue 12's accuracy checks. Tests and scripts only:
 * decimal.js is a devDependency and nothing in the app imports this file.
 *
 * Real values only. A point where the function or any part of it is not real (ln x for x ≤ 0, √ of a negative,
 * asin outside [−1, 1], a non-integer power of a negative, i) or not defined (a division by 0) gives null: it is
 * outside the function's real domain and counts neither way. So does a point decimal.js cannot evaluate (sin of an
 * argument beyond its table of π, e.g. sin(exp(x)) at x = 700) — those are listed by the tests' point counts.
 * Values beyond float64's range convert to ±Infinity or 0 when compared (referenceNumber).
 */
import Decimal from 'decimal.js';
import { mapBottomUp, type MathNode } from '../math/ast.ts';
import type { FnName } from '../math/functions.ts';

/** A private Decimal constructor, so the precision set here is nobody else's. */
const D = Decimal.clone({ precision: 34, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -9e15, toExpPos: 9e15 });
type Dec = InstanceType<typeof D>;

const ZERO = new D(0);
const ONE = new D(1);
const PI = D.acos(-1);
const E = D.exp(1);
const PHI = ONE.plus(D.sqrt(5)).div(2);
/** exp of anything larger in magnitude is far outside float64 and decimal.js's exponent range alike. */
const EXP_ARG_LIMIT = 1e12;

type Real = Dec | null;
const real = (v: Dec): Real => (v.isFinite() ? v : null);
const safeExp = (a: Dec): Real => (a.abs().gt(EXP_ARG_LIMIT) ? null : real(D.exp(a)));
const positive = (a: Dec, f: (a: Dec) => Dec): Real => (a.gt(0) ? real(f(a)) : null);
const inUnit = (a: Dec, f: (a: Dec) => Dec): Real => (a.abs().lte(1) ? real(f(a)) : null);
const inv = (a: Dec): Real => (a.isZero() ? null : ONE.div(a));

const UNARY: Record<Exclude<FnName, 'log' | 'avg' | 'hypot'>, (a: Dec) => Real> = {
  exp: safeExp,
  ln: (a) => positive(a, (v) => D.ln(v)),
  sqrt: (a) => (a.gte(0) ? D.sqrt(a) : null),
  sin: (a) => D.sin(a),
  cos: (a) => D.cos(a),
  tan: (a) => real(D.tan(a)),
  cot: (a) => inv(D.tan(a)),
  sec: (a) => inv(D.cos(a)),
  csc: (a) => inv(D.sin(a)),
  asin: (a) => inUnit(a, (v) => D.asin(v)),
  acos: (a) => inUnit(a, (v) => D.acos(v)),
  atan: (a) => D.atan(a),
  acot: (a) => (a.isZero() ? null : D.atan(ONE.div(a))),
  asec: (a) => (a.abs().gte(1) ? D.acos(ONE.div(a)) : null),
  acsc: (a) => (a.abs().gte(1) ? D.asin(ONE.div(a)) : null),
  sinh: (a) => (a.abs().gt(EXP_ARG_LIMIT) ? null : real(D.sinh(a))),
  cosh: (a) => (a.abs().gt(EXP_ARG_LIMIT) ? null : real(D.cosh(a))),
  tanh: (a) => D.tanh(a),
  asinh: (a) => D.asinh(a),
  acosh: (a) => (a.gte(1) ? D.acosh(a) : null),
  atanh: (a) => (a.abs().lt(1) ? D.atanh(a) : null),
  sigmoid: (a) => {
    const e = safeExp(a.neg());
    return e === null ? (a.gt(0) ? ONE : null) : ONE.div(ONE.plus(e));
  },
  abs: (a) => a.abs(),
};

function pow(a: Dec, b: Dec): Real {
  if (a.isZero()) return b.gt(0) ? ZERO : b.isZero() ? ONE : null;
  if (a.lt(0) && !b.isInteger()) return null; // principal value is not real
  if (b.isInteger()) return real(a.pow(b)); // exact repeated multiplication in decimal.js
  const l = D.ln(a).times(b);
  return safeExp(l);
}

/** The exact-to-30-digits value of `math` at a real point, or null where it is not real (see the file comment). */
export function evaluate30(math: MathNode, env: Readonly<Record<string, number>>): Real {
  return evaluate30WithScale(math, env).value;
}

const PERIODIC = new Set(['sin', 'cos', 'tan', 'cot', 'sec', 'csc']);

/**
 * The value and its cancellation scale: the largest |operand| of a sum whose operands cancel (opposite signs; a
 * difference of same-signed ones) and the largest |argument| of a periodic function. A float64 evaluation of f
 * cannot be more accurate than ~1e−16 of that in absolute terms (x² − y² near x = y, sin near kπ). Unlike the
 * float64 scale of math/evaluate.ts, a sum of same-signed terms (1 + x²) adds nothing: it loses no digits, so a
 * tree that returns 0 for 1/(1 + x²) at large x is wrong however large x² is.
 */
export function evaluate30WithScale(
  math: MathNode,
  env: Readonly<Record<string, number>>,
): { value: Real; scale: number } {
  const values = new Map<MathNode, Real>();
  let scale = 0;
  const get = (c: MathNode) => values.get(c)!;
  try {
    mapBottomUp(math, (n) => {
      const v = node(n, env, get);
      values.set(n, v);
      if (v !== null && (n.kind === 'add' || n.kind === 'sub')) {
        const a = get(n.left)!;
        const b = get(n.right)!;
        const cancels = n.kind === 'add' ? a.isNeg() !== b.isNeg() : a.isNeg() === b.isNeg();
        if (cancels && !a.isZero() && !b.isZero()) scale = Math.max(scale, a.abs().toNumber(), b.abs().toNumber());
      } else if (v !== null && n.kind === 'call' && PERIODIC.has(n.fn)) {
        scale = Math.max(scale, get(n.args[0])!.abs().toNumber());
      }
      return n;
    });
  } catch (e) {
    // decimal.js refuses what it cannot do at this precision (sin of 1e300 needs more digits of π than it has).
    if (e instanceof Error && e.message.startsWith('[DecimalError]')) return { value: null, scale };
    throw e;
  }
  return { value: values.get(math)!, scale };
}

function node(n: MathNode, env: Readonly<Record<string, number>>, get: (c: MathNode) => Real): Real {
  switch (n.kind) {
    case 'num':
      return new D(n.value.num.toString()).div(n.value.den.toString());
    case 'const':
      return n.name === 'e' ? E : n.name === 'pi' ? PI : n.name === 'phi' ? PHI : null;
    case 'var': {
      if (!Object.hasOwn(env, n.name)) throw new Error(`variable ${n.name} has no value`);
      return new D(env[n.name]); // a double converts exactly
    }
    case 'eml': {
      const a = get(n.left);
      const b = get(n.right);
      if (a === null || b === null || !b.gt(0)) return null;
      const e = safeExp(a);
      return e === null ? null : e.minus(D.ln(b));
    }
  }
  const args = n.kind === 'call' ? n.args.map(get) : n.kind === 'neg' ? [get(n.arg)] : [get(n.left), get(n.right)];
  if (args.some((a) => a === null)) return null;
  const [a, b] = args as Dec[];
  switch (n.kind) {
    case 'neg':
      return a.neg();
    case 'add':
      return a.plus(b);
    case 'sub':
      return a.minus(b);
    case 'mul':
      return a.times(b);
    case 'div':
      return b.isZero() ? null : a.div(b);
    case 'pow':
      return pow(a, b);
    case 'call':
      if (n.fn === 'log') return a.gt(0) && b.gt(0) && !a.eq(1) ? D.ln(b).div(D.ln(a)) : null;
      if (n.fn === 'avg') return a.plus(b).div(2);
      if (n.fn === 'hypot') return D.hypot(a, b);
      return UNARY[n.fn](a);
  }
}

/** The reference as a double (±Infinity past float64's range, 0 below it), or null outside the real domain. */
export function referenceNumber(math: MathNode, env: Readonly<Record<string, number>>): number | null {
  const v = evaluate30(math, env);
  return v === null ? null : v.toNumber();
}
