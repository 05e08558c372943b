/**
 * Compact-mode constants: the shortest known trees of docs/constructions.md#shortest-forms (2 K19, 3 K29, −2 K27, 1/2 K29/K31, −1 K15/K17, …)
 * and, for other numbers, the cheapest of a few short compositions (halving, ±1 steps, quotients), memoised.
 * `clean` forbids trees through ln 0 (the K15 −1, the K29 1/2 and anything using −∞).
 */
import { ONE, type EmlNode } from '../ast.ts';
import * as Q from '../math/rational.ts';
import type { Rational } from '../math/rational.ts';
import {
  addShort,
  CONST,
  divShort,
  E,
  exp,
  invFin,
  invInf,
  ln,
  mulShort,
  negFin,
  negInf,
  sub,
  ZERO,
} from './primitives.ts';

const smallest = (...candidates: Array<EmlNode | null | undefined>): EmlNode =>
  candidates.filter((c): c is EmlNode => !!c).reduce((a, b) => (b.k < a.k ? b : a));

export interface CompactConstants {
  number(r: Rational): EmlNode;
  readonly E: EmlNode;
  /** ln(−1) = ±iπ (the sign depends on rounding, docs/semantics.md#branch-cut; every use below flips together). */
  readonly LN_MINUS_1: EmlNode;
  /** i = exp(ln(−1)/2): +i in float64. */
  readonly I: EmlNode;
  /** −i = exp(ln(−1)/(−2)). */
  readonly NEG_I: EmlNode;
  /** π = ln(−1)/i: both factors flip sign together, so π is exact at every precision. */
  readonly PI: EmlNode;
}

/** Bound below which the exp-based short forms are exact enough (exp(±512) is far inside float64). */
const SMALL = Q.rational(512);

function make(clean: boolean): CompactConstants {
  const neg = clean ? negFin : negInf;
  const inv = clean ? invFin : invInf;
  const memo = new Map<string, EmlNode>();
  const table = new Map<string, EmlNode>([
    ['0', ZERO],
    ['1', ONE],
    ['2', CONST.TWO],
    ['3', CONST.THREE],
    ['-2', CONST.NEG2],
    ['-1', clean ? CONST.NEG1_FIN : CONST.NEG1_INF],
    ['1/2', clean ? CONST.HALF_CPLX : CONST.HALF_INF],
  ]);
  if (!clean) table.set('-1/2', CONST.NEG_HALF_INF);

  /**
   * The recursion below halves per level, so a 1000-digit number would nest 3 300 calls deep. Building
   * (n >> L) − 1, n >> L and (n >> L) + 1 from the top bit down first means every number the recursion asks for
   * (n, n ± 1 and their halves) finds its halves memoised, so it nests at most two deep.
   */
  let warming = false;
  const warm = (n: bigint) => {
    if (n < 0n) n = -n;
    warming = true;
    try {
      for (let shift = Q.bitLength(n) - 1; shift > 0; shift--) {
        const v = n >> BigInt(shift);
        if (v > 1n) number(Q.rational(v - 1n));
        number(Q.rational(v));
        number(Q.rational(v + 1n));
      }
    } finally {
      warming = false;
    }
  };

  // Hexadecimal memo keys: linear to print for 1000-digit numbers (decimal printing is not), and the same as the
  // table's decimal keys for every number in it.
  const keyOf = (r: Rational) => (r.den === 1n ? r.num.toString(16) : `${r.num.toString(16)}/${r.den.toString(16)}`);
  const BIG = 1n << 64n;

  const number = (r: Rational): EmlNode => {
    const key = keyOf(r);
    const hit = memo.get(key) ?? table.get(key);
    if (hit) return hit;
    if (!warming && (r.num > BIG || -r.num > BIG || r.den > BIG)) {
      warm(r.num);
      warm(r.den);
    }
    let best: EmlNode;
    // Forms that pass a value through exp (the short sum's exp(e − a − b), the negations' exp(z)) are only right
    // while that exp neither overflows nor underflows; they are offered only for |value| ≤ SMALL. Larger numbers
    // use products and quotients, which are right up to the float64 range (before, 1001 evaluated to ∞).
    const small = Q.cmp(Q.abs(r), SMALL) <= 0;
    if (r.den === 1n && r.num > 0n) {
      const n = r.num;
      if (n % 2n === 0n) {
        const h = number(Q.rational(n / 2n));
        best = smallest(small ? addShort(h, h) : null, mulShort(CONST.TWO, h));
      } else {
        // n − 1 and n + 1 are even, so both recursions halve: no cycles.
        best = smallest(small ? addShort(number(Q.rational(n - 1n)), ONE) : null, sub(number(Q.rational(n + 1n)), ONE));
      }
    } else if (r.den === 1n) {
      const m = -r.num;
      best = small
        ? smallest(neg(number(Q.rational(m))), sub(ONE, number(Q.rational(m + 1n))), sub(ZERO, number(Q.rational(m))))
        : smallest(mulShort(number(Q.RM1), number(Q.rational(m))), divShort(number(Q.rational(m)), number(Q.RM1)));
    } else {
      const p = number(Q.rational(r.num < 0n ? -r.num : r.num));
      const q = number(Q.rational(r.den));
      const positive = smallest(divShort(p, q), r.num === 1n || r.num === -1n ? inv(q) : null);
      best = Q.isNegative(r)
        ? smallest(small ? neg(positive) : null, divShort(number(Q.rational(r.num)), q))
        : positive;
    }
    memo.set(key, best);
    return best;
  };
  const LN_MINUS_1 = ln(number(Q.RM1));
  const I = exp(divShort(LN_MINUS_1, CONST.TWO));
  const NEG_I = exp(divShort(LN_MINUS_1, CONST.NEG2));
  const PI = divShort(LN_MINUS_1, I);
  return { number, E, LN_MINUS_1, I, NEG_I, PI };
}

const kits = new Map<boolean, CompactConstants>();
export function compactConstants(clean = false): CompactConstants {
  let k = kits.get(clean);
  if (!k) kits.set(clean, (k = make(clean)));
  return k;
}
