/**
 * Compact mode: lowers the math AST with the shortest valid constructions instead of the v4 ones.
 *
 * - Direct sub/neg: x − y is sub (K 11), −x is the Fig. 2 negation (K 15; K 17 clean), never mul(−1, ·).
 * - The short forms of docs/constructions.md#shortest-forms generalised to subtrees: a+b K+17, a·b and a/b K+15, 1/z K+14 (K+16 clean),
 *   a^b K+23, checked by compile.test.ts ("rules table": K and values) and on the
 *   verification grid (suites.test.ts). The fragile ones (the notebook
 *   K17 product and K19 sum with e^{e^x}, the x/2 that overflows near 0) are not used.
 * - Integer arithmetic folded exactly first (2·3 → 6, x^1 → x), then constants from constants.ts.
 * - Functions through exp/log identities chosen for size and for being right on the real line (see TEMPLATES).
 * - At every node the cheapest of several equivalent constructions is kept; shared subexpressions are one node.
 */
import { eml, ONE, variable, type EmlNode } from '../ast.ts';
import * as M from '../math/ast.ts';
import type { MathNode } from '../math/ast.ts';
import { blame, CompileError } from '../math/errors.ts';
import { parseMath } from '../math/parser.ts';
import * as Q from '../math/rational.ts';
import { mapBottomUpWithSpans } from '../math/spans.ts';
import { checkedK } from './budget.ts';
import { compactConstants, type CompactConstants } from './constants.ts';
import { searchFormFor } from './searchForms.ts';
import { recordReading } from './readings.ts';
import { recordShortSum } from './shortSums.ts';
// Built through the recorded primitives, so each node knows its rule and operands (constructions.ts, limits.ts).
import {
  addShort,
  CONST,
  divShort,
  exp,
  invFin,
  invInf,
  ln,
  mulShort,
  negFin,
  negInf,
  powShort,
  sub,
} from './constructions.ts';

const smallest = (...c: Array<EmlNode | null | undefined>): EmlNode =>
  c.filter((x): x is EmlNode => !!x).reduce((a, b) => (b.k < a.k ? b : a));

/**
 * Function templates over pattern variables z (and w). E = exp(iz) is written the same way each time, so it is built
 * once. Each is an identity for complex z on the principal branch. `eml(ln(A), exp(-1))` spells A + 1 as
 * A − (−1) = sub(A, −1) on purpose: unlike the short sum it stays right when A is huge (e^{2z} in tanh, e^{−z} in
 * sigmoid, z² in asinh), because sub needs only exp(−1), not exp(A), to be finite.
 */
const TEMPLATE_TEXT: Record<string, string> = {
  sin: '(exp(i*z) - 1/exp(i*z))/(2*i)',
  cos: '(exp(i*z) + 1/exp(i*z))/2',
  tan: '(exp(2*i*z) - 1)/(i*(exp(2*i*z) + 1))',
  cot: 'i*(exp(2*i*z) + 1)/(exp(2*i*z) - 1)',
  sec: '2/(exp(i*z) + 1/exp(i*z))',
  csc: '2*i/(exp(i*z) - 1/exp(i*z))',
  // (e^{2z} ∓ 1)/(2e^z) rather than (e^z ∓ e^{−z})/2: the latter's sum overflows for |z| > 6.56.
  sinh: '(exp(2*z) - 1)/(2*exp(z))',
  cosh: 'eml(ln(exp(2*z)), exp(-1))/(2*exp(z))',
  // 1 − 2/(e^{2z} + 1) stays finite for large |z| where (e^{2z} − 1)/(e^{2z} + 1) gives ∞/∞.
  tanh: '1 - 2/eml(ln(exp(2*z)), exp(-1))',
  sigmoid: '1/eml(ln(1/exp(z)), exp(-1))',
  // asin z = −i ln(iz + √(1 − z²)), rearranged for the real line. (1) The sum is written i·(z − i√(1 − z²)): for real
  // |z| > 1 the direct sum iz + √(1 − z²) is purely imaginary with |Im| > π, and the short sum (like every EML sum,
  // through ln(exp(·))) wraps its imaginary part by 2π: asin(2) came out as −1.5708 − 0.9365i, on no branch. Here
  // the sum's imaginary part is at most 1, and the product by i is right on every branch. (2) √(1 − z²) is
  // √(1 − z)·√(1 + z) with 1 − z = sub(1, z) and 1 + z = eml(ln 1, exp(−z)), both exactly real for real z: z·z of a
  // negative z goes through exp(2 ln z) and carries a rounding-sized imaginary part whose sign put √ on the wrong
  // side of its cut (asin(−10) had the conjugate value).
  asin: '-i*ln(i*(z - i*(sqrt(1 - z)*sqrt(eml(ln(1), exp(-z))))))',
  // acos z = π/2 − asin z = i ln(i·(…)) + π/2, spelled eml(ln A, exp(−π/2)) = A − (−π/2): a difference whose
  // subtrahend is real, so nothing wraps whatever Im A is.
  acos: 'eml(ln(i*ln(i*(z - i*(sqrt(1 - z)*sqrt(eml(ln(1), exp(-z))))))), exp(-pi/2))',
  atan: 'i/2*ln((i + z)/(i - z))',
  acot: 'i/2*ln((i + 1/z)/(i - 1/z))',
  // acsc z = asin(1/z), asec z = acos(1/z) in the forms above, with 1 ∓ 1/z as (z − 1)/z and (−1 − z)/(−z): a
  // quotient of two negatives has ln's iπ cancel exactly, and where one factor is negative its rounding-sized
  // imaginary part has the sign that keeps √ on the principal side (checked on a dense grid in inverseTrig.test.ts).
  acsc: '-i*ln(i*(1/z - i*(sqrt((z - 1)/z)*sqrt((-1 - z)/(-z)))))',
  asec: 'eml(ln(i*ln(i*(1/z - i*(sqrt((z - 1)/z)*sqrt((-1 - z)/(-z)))))), exp(-pi/2))',
  asinh: 'ln(z + sqrt(eml(ln(z*z), exp(-1))))',
  // √(z−1)·√(z+1) rather than √(z²−1): right on the whole real line, not only for z ≥ 1 (up to the side of ln's cut:
  // for real z < −1 the sum z + √(z−1)√(z+1) is negative with a rounding-sized imaginary part, and its sign gives
  // Re − iπ where the reference has Re + iπ, the conjugate value; inverseTrig.test.ts records it).
  acosh: 'ln(z + sqrt(z - 1)*sqrt(z + 1))',
  atanh: '(ln(1 + z) - ln(1 - z))/2',
  abs: 'sqrt(z*z)',
  avg: '(z + w)/2',
  hypot: 'sqrt(z*z + w*w)',
  log: 'ln(w)/ln(z)',
};
/**
 * Robust mode's replacements, where the shortest template breaks on the real line where paper mode does not:
 * (z + w)/2 overflows once z + w passes e^709.78 in its sum (x = y = 710), z/2 + w/2 does not (paper mode's form).
 */
const ROBUST_TEMPLATE_TEXT: Record<string, string> = {
  avg: 'z/2 + w/2',
};
let templates: Map<string, MathNode> | undefined;
let robustTemplates: Map<string, MathNode> | undefined;
function template(fn: string, robust: boolean): MathNode | undefined {
  templates ??= new Map(Object.entries(TEMPLATE_TEXT).map(([k, v]) => [k, parseMath(v)]));
  robustTemplates ??= new Map(Object.entries(ROBUST_TEMPLATE_TEXT).map(([k, v]) => [k, parseMath(v)]));
  return (robust ? robustTemplates.get(fn) : undefined) ?? templates.get(fn);
}

class CompactLowerer {
  private readonly memo = new Map<MathNode, EmlNode>();
  /** Size and closedness (no variables) of each lowered node, from its children's (linear in the input). */
  private readonly shapes = new Map<MathNode, { size: number; closed: boolean }>();
  private readonly c: CompactConstants;
  private readonly neg: (z: EmlNode) => EmlNode;
  private readonly inv: (z: EmlNode) => EmlNode;

  constructor(
    private readonly clean: boolean,
    private readonly env: ReadonlyMap<string, EmlNode> = new Map(),
    /** Robust mode: no short sum (see robustAdd); otherwise the shortest forms. */
    private readonly robust = false,
    /** Robust mode, second variant: in a sum of two variable operands negate the larger expression instead. */
    private readonly swap = false,
    /** In a template: its variables' arguments as the user wrote them, so its short sums are stated in those terms. */
    private readonly source: ReadonlyMap<string, MathNode> = new Map(),
  ) {
    this.c = compactConstants(clean);
    this.neg = clean ? negFin : negInf;
    this.inv = clean ? invFin : invInf;
  }

  lower(root: MathNode): EmlNode {
    // Children first, iteratively: parsed input can be deep.
    M.mapBottomUp(root, (n) => {
      if (!this.memo.has(n)) {
        this.shapes.set(n, this.shapeOf(n));
        try {
          // The node's reading in the user's terms, for the complex-plane conditions (wrapConditions.ts).
          this.memo.set(
            n,
            recordReading(checkedK(this.node(n)), () => this.inUserTerms(n)),
          );
        } catch (e) {
          throw blame(e, n);
        }
      }
      return n;
    });
    return this.memo.get(root)!;
  }

  private shape = (n: MathNode) => this.shapes.get(n) ?? this.shapeOf(n);

  private shapeOf(n: MathNode): { size: number; closed: boolean } {
    const kids = n.kind === 'neg' ? [n.arg] : n.kind === 'call' ? n.args : 'left' in n ? [n.left, n.right] : [];
    let size = 1;
    let closed = n.kind !== 'var';
    for (const c of kids) {
      const s = this.shape(c);
      size += s.size;
      closed &&= s.closed;
    }
    return { size, closed };
  }

  private get = (n: MathNode): EmlNode => this.memo.get(n) ?? this.lower(n);

  /** A short sum keeps the sum it computes, in the user's terms, for the domain's complex-plane conditions. */
  private short(node: EmlNode, sum: MathNode): EmlNode {
    return recordShortSum(node, this.inUserTerms(sum));
  }
  private inUserTerms(m: MathNode): MathNode {
    if (this.source.size === 0) return m;
    return M.mapBottomUp(m, (n) => (n.kind === 'var' && this.source.get(n.name)) || n);
  }

  private num = (r: Q.Rational) => this.c.number(r);

  private node(n: MathNode): EmlNode {
    // Shortest mode: a search-found form (searchForms.ts) is a verified minimum for exactly this function.
    if (!this.robust && this.shape(n).size <= 12) {
      const form = searchFormFor(n, foldNumbers, this.clean, (v) => this.node(M.mvar(v)));
      if (form) return form;
    }
    switch (n.kind) {
      case 'num':
        return this.num(n.value);
      case 'const':
        if (n.name === 'e') return this.c.E;
        if (n.name === 'pi') return this.c.PI;
        if (n.name === 'i') return this.c.I;
        return this.get(parseMath('(1 + sqrt(5))/2'));
      case 'var':
        return this.env.get(n.name) ?? variable(n.name);
      case 'neg':
        if (n.arg.kind === 'const' && n.arg.name === 'i') return this.c.NEG_I;
        if (n.arg.kind === 'sub') return this.sub(n.arg.right, n.arg.left);
        return this.negate(n.arg);
      case 'add':
        return this.add(n.left, n.right);
      case 'sub':
        return this.sub(n.left, n.right);
      case 'mul':
        return this.mul(n.left, n.right);
      case 'div':
        return this.div(n.left, n.right);
      case 'pow':
        return this.pow(n.left, n.right);
      case 'eml':
        return eml(this.get(n.left), this.get(n.right));
      case 'call':
        return this.call(n);
    }
  }

  private add(a: MathNode, b: MathNode): EmlNode {
    if (b.kind === 'neg') return sub(this.get(a), this.get(b.arg));
    if (a.kind === 'neg') return sub(this.get(b), this.get(a.arg));
    if (b.kind === 'num' && Q.isNegative(b.value)) return sub(this.get(a), this.num(Q.neg(b.value)));
    if (a.kind === 'num' && Q.isNegative(a.value)) return sub(this.get(b), this.num(Q.neg(a.value)));
    return this.plus(a, b);
  }

  /** a + b: the K+17 short sum, or in robust mode the sum that stays right for large operands. */
  private plus(a: MathNode, b: MathNode): EmlNode {
    return this.robust ? this.robustAdd(a, b) : this.short(addShort(this.get(a), this.get(b)), M.add(a, b));
  }

  /**
   * a + b as a − (−b) (K+23 with the Fig. 2 negation, the paper's construction with a shorter −∞). The short sum
   * e − ((e − a) − b) needs exp(e − a − b) > 0, so it breaks once a + b ≳ 747 (1 + x² at x = 27.4, 2eˣ at x = 5.9)
   * and wraps when |Im(a + b)| > π. a − c = EML[ln a, exp c] needs only exp c finite: with c = −b for a constant b
   * (a number, π, …) that holds whatever a is, so the constant is the one negated; otherwise the operand with the
   * smaller expression (x rather than x³) is, as the one less likely to pass e^709.78.
   */
  private robustAdd(a: MathNode, b: MathNode): EmlNode {
    const A = this.shape(a);
    const B = this.shape(b);
    if (A.closed && !B.closed) return this.robustAdd(b, a);
    if (!A.closed && !B.closed && (this.swap ? B.size < A.size : B.size > A.size)) return this.robustAdd(b, a);
    if (b.kind === 'num') return sub(this.get(a), this.num(Q.neg(b.value)));
    return sub(this.get(a), this.neg(this.get(b)));
  }

  /**
   * −b. Robust mode: the Fig. 2 negation 0 − b = EML[−∞, exp b] needs exp b finite (b < 709.78); for an operand
   * with variables it uses b·(−1) = exp(ln b + iπ) instead (K+30 rather than K+14), finite for every finite b, as
   * paper mode's mul(−1, b) is.
   */
  private negate(b: MathNode): EmlNode {
    if (!this.robust || this.shape(b).closed) return this.neg(this.get(b));
    return mulShort(this.get(b), this.num(Q.RM1));
  }

  private sub(a: MathNode, b: MathNode): EmlNode {
    if (b.kind === 'neg') return this.plus(a, b.arg);
    // Robust: c − b for a constant c is (−b) − (−c), which needs exp(−c) finite rather than exp b (1 − x, i − z).
    if (this.robust && this.shape(a).closed && !this.shape(b).closed) {
      if (a.kind === 'num' && Q.isZero(a.value)) return this.negate(b);
      return sub(this.negate(b), a.kind === 'num' ? this.num(Q.neg(a.value)) : this.neg(this.get(a)));
    }
    if (b.kind === 'num' && Q.isNegative(b.value))
      return this.robust
        ? sub(this.get(a), this.get(b))
        : this.short(addShort(this.get(a), this.num(Q.neg(b.value))), M.add(a, M.num(Q.neg(b.value))));
    if (a.kind === 'num' && Q.isZero(a.value)) return this.neg(this.get(b));
    return sub(this.get(a), this.get(b));
  }

  private mul(a: MathNode, b: MathNode): EmlNode {
    if (b.kind === 'num' && a.kind !== 'num') return this.mul(b, a);
    const A = this.get(a);
    const B = this.get(b);
    if (a.kind !== 'num') return mulShort(A, B);
    const r = a.value;
    // foldNumbers has already made 0·b the number 0; kept so this never divides by zero whatever it is given.
    if (Q.isZero(r)) return this.num(Q.R0);
    if (Q.isOne(r)) return B;
    if (Q.eq(r, Q.RM1)) return this.neg(B);
    return smallest(
      mulShort(A, B),
      divShort(B, this.num(Q.div(Q.R1, r))),
      Q.eq(r, Q.rational(2)) && !this.robust ? this.short(addShort(B, B), M.mul(M.num(2), b)) : null,
      Q.isNegative(r)
        ? this.neg(smallest(mulShort(this.num(Q.neg(r)), B), divShort(B, this.num(Q.div(Q.RM1, r)))))
        : null,
    );
  }

  private div(a: MathNode, b: MathNode): EmlNode {
    const B = this.get(b);
    if (a.kind === 'num' && Q.isOne(a.value)) return this.inv(B);
    const A = this.get(a);
    return smallest(
      divShort(A, B),
      b.kind === 'num' && !Q.isZero(b.value) ? mulShort(A, this.num(Q.div(Q.R1, b.value))) : null,
      a.kind === 'num' && Q.eq(a.value, Q.RM1) ? this.neg(this.inv(B)) : null,
    );
  }

  private pow(a: MathNode, b: MathNode): EmlNode {
    if (a.kind === 'const' && a.name === 'e') return exp(this.get(b));
    const A = this.get(a);
    if (b.kind === 'num') {
      const r = b.value;
      if (Q.isZero(r)) return ONE;
      if (Q.isOne(r)) return A;
      if (Q.eq(r, Q.RHALF)) return this.sqrt(A);
      if (r.den === 1n && r.num >= -64n && r.num <= 64n) {
        const n = Number(r.num < 0n ? -r.num : r.num);
        const positive = smallest(this.intPow(A, n), powShort(A, this.num(Q.rational(n))));
        if (r.num > 0n) return positive;
        return smallest(this.inv(positive), powShort(A, this.num(r)));
      }
    }
    return powShort(A, this.get(b));
  }

  /** A^n by squaring with the K+15 product. */
  private intPow(A: EmlNode, n: number): EmlNode {
    if (n === 1) return A;
    const half = this.intPow(A, Math.floor(n / 2));
    const sq = mulShort(half, half);
    return n % 2 === 0 ? sq : mulShort(sq, A);
  }

  /** √z = exp(ln z / 2) (K+42, principal for every z), or z^(1/2) if that is shorter. */
  private sqrt(Z: EmlNode): EmlNode {
    return smallest(exp(divShort(ln(Z), CONST.TWO)), powShort(Z, this.num(Q.RHALF)));
  }

  private call(n: M.CallNode): EmlNode {
    const args = n.args.map(this.get);
    switch (n.fn) {
      case 'exp':
        return exp(args[0]);
      case 'ln':
        return ln(args[0]);
      case 'sqrt':
        return this.sqrt(args[0]);
    }
    const t = template(n.fn, this.robust);
    if (!t) throw new CompileError(`no compact construction for ${n.fn}`, 'unsupported', { hint: 'use paper mode' });
    const env = new Map([['z', args[0]], ...(args.length > 1 ? [['w', args[1]] as [string, EmlNode]] : [])]);
    try {
      const source = new Map(n.args.map((a, i) => [i === 0 ? 'z' : 'w', this.inUserTerms(a)]));
      return new CompactLowerer(this.clean, env, this.robust, this.swap, source).lower(t);
    } catch (e) {
      // A template's nodes are not in the user's text: the call is where the error belongs.
      if (e instanceof CompileError) e.node = n;
      throw e;
    }
  }
}

/**
 * Exact folding of integer/rational arithmetic on literal numbers (2·3 → 6, 1/2 + 1/3 → 5/6), and of zero factors:
 * 0·f and f·0 and 0/f fold to the number 0. That is what the paper's compiler does too (SymPy's Mul makes 0·x the
 * integer 0 when the expression is built, so paper mode gives K 7 for `0*x`), and it is the value of 0·f wherever
 * f is finite. The one difference from the unfolded product is where f itself is infinite or undefined (0·ln x at
 * x = 0 would be NaN); like SymPy we take the algebraic 0, which keeps compact and paper mode the same function.
 * x/0 is refused (division by zero), positioned at the division. Errors keep the span of the node they were
 * raised for (spans.ts), so `2^(10^10)` underlines the power.
 */
export function foldNumbers(root: MathNode): MathNode {
  return mapBottomUpWithSpans(root, (n) => {
    const v = (x: MathNode) => (x.kind === 'num' ? x.value : null);
    try {
      if (n.kind === 'neg' && n.arg.kind === 'num') return M.num(Q.neg(n.arg.value));
      if (n.kind === 'add' || n.kind === 'sub' || n.kind === 'mul' || n.kind === 'div' || n.kind === 'pow') {
        const a = v(n.left);
        const b = v(n.right);
        if (n.kind === 'div' && b && Q.isZero(b)) {
          throw new CompileError('division by zero', 'division-by-zero', { hint: 'the divisor is the exact number 0' });
        }
        if (a && b) {
          if (n.kind === 'add') return M.num(Q.add(a, b));
          if (n.kind === 'sub') return M.num(Q.sub(a, b));
          if (n.kind === 'mul') return M.num(Q.mul(a, b));
          if (n.kind === 'div') return M.num(Q.div(a, b));
          if (b.den === 1n && b.num <= 64n && b.num >= -64n) return M.num(Q.powInt(a, b.num));
        }
        if (n.kind === 'mul' && ((a && Q.isZero(a)) || (b && Q.isZero(b)))) return M.num(Q.R0);
        if (n.kind === 'div' && a && Q.isZero(a)) return M.num(Q.R0);
        if (n.kind === 'mul' && ((a && Q.isOne(a)) || (b && Q.isOne(b)))) return a && Q.isOne(a) ? n.right : n.left;
        if ((n.kind === 'div' || n.kind === 'pow') && b && Q.isOne(b)) return n.left;
        if ((n.kind === 'add' || n.kind === 'sub') && b && Q.isZero(b)) return n.left;
        if (n.kind === 'add' && a && Q.isZero(a)) return n.right;
      }
    } catch (e) {
      throw blame(e, n);
    }
    return n;
  });
}

/** `robust`: 'a' and 'b' are the two variants of robustAdd's choice of which operand of a sum is negated. */
export function compileCompact(root: MathNode, clean = false, robust: false | 'a' | 'b' = false): EmlNode {
  return new CompactLowerer(clean, new Map(), robust !== false, robust === 'b').lower(foldNumbers(root));
}
