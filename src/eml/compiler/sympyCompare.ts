/**
 * SymPy's Basic.compare on SymPy-lite, the order Mul.flatten leaves a product's factors in (_mulsort: the factors
 * sorted by Basic.compare, the Rational coefficient first). eml_compiler_v4.py folds a product over `expr.args` in
 * that order, so paper mode's products are the reference's text only if they are ordered the same way (issue 12:
 * (x + 1)(x − 1) is Mul(x + 1, x − 1), E·x·y is Mul(E, x, y)).
 *
 * Basic.compare: first the classes, by their index in SymPy's ordering_of_classes (singleton numbers, numbers, the
 * constants E, π, i, Symbol, Pow, Mul, Add, …); a class not in that list (every function class: exp, log, sin, … are
 * spelled in lower case; GoldenRatio) comes after all listed ones, and two unlisted ones compare by class name. Same
 * class: the _hashable_content tuples, by length, then item by item (Rational (p, q), Symbol (name,), anything else
 * its args). Memoised per pair and charged to the paper work budget, as sympySortKey.ts is, since SymPy-lite
 * shares subexpressions and a recursive comparison would otherwise walk the unfolded tree.
 */
import * as Q from '../math/rational.ts';
import type { S } from './sexpr.ts';
import { charge } from './sexprKeys.ts';

const ORDERING_OF_CLASSES = [
  'Zero',
  'One',
  'Half',
  'Infinity',
  'NaN',
  'NegativeOne',
  'NegativeInfinity',
  'Integer',
  'Rational',
  'Float',
  'Exp1',
  'Pi',
  'ImaginaryUnit',
  'Symbol',
  'Wild',
  'Pow',
  'Mul',
  'Add',
];
const UNKNOWN = 10_000;

function className(s: S): string {
  switch (s.t) {
    case 'num': {
      const r = s.r;
      if (Q.isZero(r)) return 'Zero';
      if (Q.isOne(r)) return 'One';
      if (r.num === -1n && r.den === 1n) return 'NegativeOne';
      if (r.num === 1n && r.den === 2n) return 'Half';
      return r.den === 1n ? 'Integer' : 'Rational';
    }
    case 'I':
      return 'ImaginaryUnit';
    case 'pi':
      return 'Pi';
    case 'phi':
      return 'GoldenRatio';
    case 'sym':
      return 'Symbol';
    case 'pow':
      return 'Pow';
    case 'mul':
      return 'Mul';
    case 'add':
      return 'Add';
    case 'fn':
      return s.f === 'exp' && s.a.t === 'num' && Q.isOne(s.a.r) ? 'Exp1' : s.f;
    case 'eml':
      return 'EML';
  }
}

function compareNames(a: string, b: string): number {
  if (a === b) return 0;
  const i = ORDERING_OF_CLASSES.indexOf(a);
  const j = ORDERING_OF_CLASSES.indexOf(b);
  const ia = i < 0 ? UNKNOWN : i;
  const jb = j < 0 ? UNKNOWN : j;
  if (ia === UNKNOWN && jb === UNKNOWN) return a < b ? -1 : 1;
  return Math.sign(ia - jb);
}

type Item = S | bigint | string;

/** _hashable_content: Rational (p, q), Symbol (name,), E/π/i/φ (), everything else its args. */
function content(s: S): readonly Item[] {
  switch (s.t) {
    case 'num':
      return [s.r.num, s.r.den];
    case 'sym':
      return [s.name];
    case 'I':
    case 'pi':
    case 'phi':
      return [];
    case 'pow':
      return [s.b, s.e];
    case 'mul':
    case 'add':
      return s.args;
    case 'fn':
      return className(s) === 'Exp1' ? [] : [s.a];
    case 'eml':
      return [s.l, s.r];
  }
}

const memo = new WeakMap<S, WeakMap<S, number>>();

/** Basic.compare(a, b): −1, 0 or 1. */
export function basicCompare(a: S, b: S): number {
  if (a === b) return 0;
  let row = memo.get(a);
  const hit = row?.get(b);
  if (hit !== undefined) return hit;
  charge(1);
  let out = compareNames(className(a), className(b));
  if (out === 0) {
    const ca = content(a);
    const cb = content(b);
    out = Math.sign(ca.length - cb.length);
    for (let i = 0; out === 0 && i < ca.length; i++) out = compareItem(ca[i], cb[i]);
  }
  if (!row) memo.set(a, (row = new WeakMap()));
  row.set(b, out);
  return out;
}

function compareItem(a: Item, b: Item): number {
  if (typeof a === 'object' && typeof b === 'object') return basicCompare(a, b);
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return 0; // same class, so never mixed
}
