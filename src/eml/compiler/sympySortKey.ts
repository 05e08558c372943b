/**
 * SymPy's Expr.sort_key, for the order eml_compiler_v4.py folds a sum in: sorted(args, key=(is_number, sort_key)).
 * Paper mode's trees are then the reference's text, not only its K (issue 12).
 *
 * sort_key(t) = (class_key, (n, keys of the args), sort_key of the exponent, coefficient), where the coefficient
 * and exponent come from t = coeff·base^exp; atoms have args (str(atom),); numbers ((1, 0, 'Number'), (0, ()), (),
 * value). Class keys: numbers (1, 0), atoms (2, 0, name), Mul (3, 0), Add (3, 1), Pow (3, 2), functions (4, i, name)
 * with i = 10 exp, 11 log, 20 sin, 21 cos, 22 tan, 23 cot, 30 sinh, 31 cosh, 32 tanh. Approximation: the terms of an
 * inner sum are ordered by this key too (SymPy's as_ordered_terms orders them by monomials, which agrees on the
 * shapes paper mode lowers: sums of exponentials and of powers of one variable).
 */
import * as Q from '../math/rational.ts';
import type { Rational } from '../math/rational.ts';
import type { S } from './sexpr.ts';
import { charge } from './sexprKeys.ts';

type Key = readonly KeyItem[];
type KeyItem = number | string | { r: Rational } | Key;

const FUNCTION_INDEX: Record<string, number> = {
  exp: 10,
  log: 11,
  sin: 20,
  cos: 21,
  tan: 22,
  cot: 23,
  sinh: 30,
  cosh: 31,
  tanh: 32,
};
const NUMBER_CLASS: Key = [1, 0, 'Number'];
const numKey = (r: Rational): Key => [NUMBER_CLASS, [0, []], [], { r }];
const ONE_KEY = numKey(Q.R1);

const isE = (s: S) => s.t === 'fn' && s.f === 'exp' && s.a.t === 'num' && Q.isOne(s.a.r);

function atomName(s: S): string | null {
  if (s.t === 'sym') return s.name;
  if (s.t === 'I') return 'I';
  if (s.t === 'pi') return 'pi';
  if (s.t === 'phi') return 'GoldenRatio';
  if (isE(s)) return 'E';
  return null;
}
const ATOM_CLASS: Record<string, string> = { I: 'ImaginaryUnit', pi: 'Pi', GoldenRatio: 'GoldenRatio', E: 'Exp1' };

function classKey(s: S): Key {
  const atom = atomName(s);
  if (atom !== null) return [2, 0, s.t === 'sym' ? 'Symbol' : ATOM_CLASS[atom]];
  switch (s.t) {
    case 'mul':
      return [3, 0, 'Mul'];
    case 'add':
      return [3, 1, 'Add'];
    case 'pow':
      return [3, 2, 'Pow'];
    case 'fn':
      return [4, FUNCTION_INDEX[s.f] ?? 10000, s.f];
    default:
      return [5, 0, 'EML'];
  }
}

const memo = new WeakMap<S, Key>();
export function sortKey(s: S): Key {
  const hit = memo.get(s);
  if (hit) return hit;
  const out = sortKeyOnce(s);
  memo.set(s, out);
  return out;
}

function sortKeyOnce(s: S): Key {
  if (s.t === 'num') return numKey(s.r);
  // as_coeff_Mul: a leading Rational of a product is the coefficient.
  let coeff: Rational = Q.R1;
  let expr: S = s;
  if (s.t === 'mul' && s.args[0].t === 'num') {
    coeff = s.args[0].r;
    expr = s.args.length === 2 ? s.args[1] : { t: 'mul', args: s.args.slice(1) };
  }
  let exp: Key = ONE_KEY;
  if (expr.t === 'pow') {
    exp = sortKey(expr.e);
    expr = expr.b;
  }
  const atom = atomName(expr);
  let args: Key;
  if (atom !== null) args = [1, [atom]];
  else {
    const kids =
      expr.t === 'mul' || expr.t === 'add'
        ? expr.args
        : expr.t === 'fn'
          ? [expr.a]
          : expr.t === 'eml'
            ? [expr.l, expr.r]
            : expr.t === 'pow'
              ? [expr.b, expr.e]
              : [];
    const keys = kids.map(sortKey);
    if (expr.t === 'mul' || expr.t === 'add') keys.sort(compareKeys);
    args = [keys.length, keys];
  }
  return [classKey(expr), args, exp, { r: coeff }];
}

function compareItem(a: KeyItem, b: KeyItem): number {
  if (Array.isArray(a) && Array.isArray(b)) return compareKeys(a, b);
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'object' && typeof b === 'object' && 'r' in a && 'r' in b) return Q.cmp(a.r, b.r);
  // Shapes SymPy would not compare (it would raise): fall back to a fixed order by kind.
  const rank = (x: KeyItem) => (typeof x === 'number' ? 0 : typeof x === 'string' ? 1 : Array.isArray(x) ? 3 : 2);
  return Math.sign(rank(a) - rank(b));
}

/**
 * Python's tuple comparison of two sort keys. Keys share sub-keys as the expressions share subexpressions (sin
 * nested 16 deep is a DAG of a few hundred nodes, a tree of billions), so comparing two equal-shaped keys item by
 * item walks the unfolded tree: sin nested 20 deep took minutes. Same key ⇒ 0 at once, and each pair of distinct
 * keys is compared once (memoised) and charged to the paper work budget, so the cost is bounded by the DAG.
 */
const compared = new WeakMap<Key, WeakMap<Key, number>>();
export function compareKeys(a: Key, b: Key): number {
  if (a === b) return 0;
  let row = compared.get(a);
  const hit = row?.get(b);
  if (hit !== undefined) return hit;
  charge(1);
  let out = Math.sign(a.length - b.length);
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareItem(a[i], b[i]);
    if (c) {
      out = c;
      break;
    }
  }
  if (!row) compared.set(a, (row = new WeakMap()));
  row.set(b, out);
  return out;
}

export const sortKeyCompare = (a: S, b: S): number => compareKeys(sortKey(a), sortKey(b));
