/**
 * Simplifying smart constructors for math ASTs, used on decompiler output (and as its canonical form).
 *
 * Sums are collected as rational linear combinations (so e − (e − x) is x, and x + −y prints x − y); products as
 * bases with rational exponents (x·x = x², x/x = 1); exp/ln cancel: exp(ln u) = u (exact), ln(exp u) = u (the
 * liberty every EML construction takes: exact for |Im u| < π, docs/semantics.md#pitfalls), exp(Σ cᵢ ln uᵢ + r) = Π uᵢ^cᵢ · exp(r)
 * (exact with principal powers).
 */
import * as M from './ast.ts';
import { mapBottomUp, mathKey, type MathNode } from './ast.ts';
import { CompileError } from './errors.ts';
import * as Q from './rational.ts';
import type { Rational } from './rational.ts';

/**
 * Exact arithmetic past rational.ts's bound (a coefficient over 400 digits, say from a tree that builds 2^2000)
 * throws a CompileError; simplification then keeps that node as it is instead of failing its caller.
 */
function guarded(simplified: () => MathNode, plain: MathNode): MathNode {
  try {
    return simplified();
  } catch (e) {
    if (e instanceof CompileError) return plain;
    throw e;
  }
}

type Terms = Map<string, { c: Rational; t: MathNode }>;

function linear(n: MathNode, scale: Rational, out: Terms, constant: { v: Rational }): void {
  switch (n.kind) {
    case 'num':
      constant.v = Q.add(constant.v, Q.mul(scale, n.value));
      return;
    case 'add':
    case 'sub':
      linear(n.left, scale, out, constant);
      linear(n.right, n.kind === 'add' ? scale : Q.neg(scale), out, constant);
      return;
    case 'neg':
      linear(n.arg, Q.neg(scale), out, constant);
      return;
    case 'mul':
      if (n.left.kind === 'num') return linear(n.right, Q.mul(scale, n.left.value), out, constant);
      if (n.right.kind === 'num') return linear(n.left, Q.mul(scale, n.right.value), out, constant);
      break;
    case 'div':
      if (n.right.kind === 'num' && !Q.isZero(n.right.value))
        return linear(n.left, Q.div(scale, n.right.value), out, constant);
      break;
  }
  const k = mathKey(n);
  const e = out.get(k);
  if (e) e.c = Q.add(e.c, scale);
  else out.set(k, { c: scale, t: n });
}

function scaled(c: Rational, t: MathNode): MathNode {
  const a = Q.abs(c);
  if (Q.isOne(a)) return t;
  if (a.num === 1n) return M.div(t, M.num(a.den));
  if (a.den === 1n) return M.mul(M.num(a), t);
  return M.div(M.mul(M.num(a.num), t), M.num(a.den));
}

/** a + b, collected. */
export function sAdd(a: MathNode, b: MathNode): MathNode {
  return collectSum(M.add(a, b));
}
export function sSub(a: MathNode, b: MathNode): MathNode {
  return collectSum(M.sub(a, b));
}
export function sNeg(a: MathNode): MathNode {
  return collectSum(M.neg(a));
}

const collectSum = (n: MathNode): MathNode => guarded(() => collectSumExact(n), n);

function collectSumExact(n: MathNode): MathNode {
  const terms: Terms = new Map();
  const constant = { v: Q.R0 };
  linear(n, Q.R1, terms, constant);
  const pos: MathNode[] = [];
  const neg: MathNode[] = [];
  // Terms in a canonical order (by structural key), so x + y and y + x print the same.
  const sorted = [...terms.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, f]) => f);
  for (const { c, t } of sorted) {
    if (Q.isZero(c)) continue;
    (Q.isNegative(c) ? neg : pos).push(scaled(c, t));
  }
  if (Q.isNegative(constant.v)) neg.push(M.num(Q.neg(constant.v)));
  else if (!Q.isZero(constant.v)) pos.push(M.num(constant.v));
  if (pos.length === 0 && neg.length === 0) return M.num(0);
  let out: MathNode | null = pos.length > 0 ? pos.reduce((x, y) => M.add(x, y)) : null;
  for (const t of neg) out = out ? M.sub(out, t) : negate(t);
  return out!;
}
const negate = (t: MathNode): MathNode => (t.kind === 'num' ? M.num(Q.neg(t.value)) : M.neg(t));

type Factors = Map<string, { base: MathNode; e: Rational }>;

function factors(n: MathNode, power: Rational, out: Factors, coeff: { v: Rational }): void {
  switch (n.kind) {
    case 'num':
      if (Q.isZero(n.value)) coeff.v = Q.R0;
      else if (power.den === 1n && power.num >= -64n && power.num <= 64n)
        coeff.v = Q.mul(coeff.v, Q.powInt(n.value, power.num));
      else break;
      return;
    case 'mul':
      factors(n.left, power, out, coeff);
      factors(n.right, power, out, coeff);
      return;
    case 'div':
      factors(n.left, power, out, coeff);
      factors(n.right, Q.neg(power), out, coeff);
      return;
    case 'neg':
      if (power.den === 1n) {
        if (power.num % 2n !== 0n) coeff.v = Q.neg(coeff.v);
        factors(n.arg, power, out, coeff);
        return;
      }
      break;
    case 'pow':
      // (b^r)^s = b^(rs) for integer s, always true for principal powers; otherwise keep the power whole.
      if (n.right.kind === 'num' && power.den === 1n && n.left.kind !== 'num')
        return factors(n.left, Q.mul(n.right.value, power), out, coeff);
      break;
    case 'call':
      if (n.fn === 'sqrt' && power.den === 1n && n.args[0].kind !== 'num')
        return factors(n.args[0], Q.mul(Q.RHALF, power), out, coeff);
      break;
  }
  const k = mathKey(n);
  const e = out.get(k);
  if (e) e.e = Q.add(e.e, power);
  else out.set(k, { base: n, e: power });
}

function powerOf(base: MathNode, e: Rational): MathNode {
  if (Q.isOne(e)) return base;
  if (Q.eq(e, Q.RHALF)) return M.call('sqrt', base);
  return M.pow(base, M.num(e));
}

const collectProduct = (n: MathNode): MathNode => guarded(() => collectProductExact(n), n);

function collectProductExact(n: MathNode): MathNode {
  const fs: Factors = new Map();
  const coeff = { v: Q.R1 };
  factors(n, Q.R1, fs, coeff);
  if (Q.isZero(coeff.v)) return M.num(0);
  const top: MathNode[] = [];
  const bottom: MathNode[] = [];
  // Factors in a canonical order (by structural key), so x·y and y·x print the same.
  const sorted = [...fs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, f]) => f);
  for (const { base, e } of sorted) {
    if (Q.isZero(e)) continue;
    if (Q.isNegative(e)) bottom.push(powerOf(base, Q.neg(e)));
    else top.push(powerOf(base, e));
  }
  const c = coeff.v;
  const sign = Q.isNegative(c);
  const p = Q.abs(c);
  if (p.num !== 1n || top.length === 0) top.unshift(M.num(p.num));
  if (p.den !== 1n) bottom.unshift(M.num(p.den));
  let out = top.reduce((x, y) => M.mul(x, y));
  if (bottom.length > 0)
    out = M.div(
      out,
      bottom.reduce((x, y) => M.mul(x, y)),
    );
  return sign ? (out.kind === 'num' ? M.num(Q.neg(out.value)) : M.neg(out)) : out;
}

export const sMul = (a: MathNode, b: MathNode) => collectProduct(M.mul(a, b));
export const sDiv = (a: MathNode, b: MathNode) => collectProduct(M.div(a, b));
export const sPow = (a: MathNode, b: MathNode): MathNode => guarded(() => sPowExact(a, b), M.pow(a, b));

function sPowExact(a: MathNode, b: MathNode): MathNode {
  if (b.kind === 'num') {
    if (Q.isZero(b.value)) return M.num(1);
    if (a.kind === 'num' && b.value.den === 1n && b.value.num >= -64n && b.value.num <= 64n && !Q.isZero(a.value)) {
      return M.num(Q.powInt(a.value, b.value.num));
    }
    if (a.kind !== 'num' || b.value.den === 1n) return collectProduct(M.pow(a, b));
    if (Q.eq(b.value, Q.RHALF)) return M.call('sqrt', a);
  }
  if (a.kind === 'const' && a.name === 'e') return sExp(b);
  return M.pow(a, b);
}

const isLn = (n: MathNode): n is M.CallNode => n.kind === 'call' && n.fn === 'ln';

export const sExp = (a: MathNode): MathNode => guarded(() => sExpExact(a), M.call('exp', a));

function sExpExact(a: MathNode): MathNode {
  if (a.kind === 'num' && Q.isZero(a.value)) return M.num(1);
  if (a.kind === 'num' && Q.isOne(a.value)) return M.konst('e');
  if (isLn(a)) return a.args[0];
  const terms: Terms = new Map();
  const constant = { v: Q.R0 };
  linear(a, Q.R1, terms, constant);
  const powers: MathNode[] = [];
  let rest: MathNode = M.num(constant.v);
  for (const { c, t } of terms.values()) {
    if (isLn(t)) powers.push(sPow(t.args[0], M.num(c)));
    else if (t.kind === 'mul' && (isLn(t.left) || isLn(t.right)) && Q.isOne(c)) {
      const [l, other] = isLn(t.left) ? [t.left, t.right] : [t.right as M.CallNode, t.left];
      powers.push(sPow(l.args[0], other));
    } else rest = M.add(rest, scaled(c, Q.isNegative(c) ? M.neg(t) : t));
  }
  if (powers.length === 0) return M.call('exp', collectSum(a));
  const restS = collectSum(rest);
  const product = powers.reduce((x, y) => sMul(x, y));
  return restS.kind === 'num' && Q.isZero(restS.value) ? product : sMul(product, sExp(restS));
}

export function sLn(a: MathNode): MathNode {
  if (a.kind === 'num' && Q.isOne(a.value)) return M.num(0);
  if (a.kind === 'const' && a.name === 'e') return M.num(1);
  if (a.kind === 'call' && a.fn === 'exp') return a.args[0];
  return M.call('ln', a);
}

/** eml(a, b) = exp(a) − ln(b), simplified. */
export const sEml = (a: MathNode, b: MathNode): MathNode => sSub(sExp(a), sLn(b));

/** Bottom-up simplification of a whole tree with the constructors above. */
export function simplify(root: MathNode): MathNode {
  return mapBottomUp(root, (n) => {
    switch (n.kind) {
      case 'add':
      case 'sub':
      case 'neg':
        return collectSum(n);
      case 'mul':
      case 'div':
        return collectProduct(n);
      case 'pow':
        return sPow(n.left, n.right);
      case 'call':
        if (n.fn === 'exp') return sExp(n.args[0]);
        if (n.fn === 'ln') return sLn(n.args[0]);
        return n;
      default:
        return n;
    }
  });
}
