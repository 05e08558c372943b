/**
 * Paper mode: a re-implementation of eml_compiler_v4.py's lowering (docs/constructions.md#lowering) on top of
 * SymPy-lite, so that every item of docs/constructions.md#k-table gets the reference K (and the docs/constructions.md#small-trees trees verbatim).
 *
 *  1. Math AST → SymPy-lite with the reference's LOCALS definitions: Cot = cos/sin, Sec = 1/cos, ArcSec =
 *     acos(1/x), Log[b, z] = log z / log b, Avg = (x + y)/2, Hypot = √(x² + y²), LogisticSigmoid =
 *     (1 + tanh(x/2))/2 (the form whose K is the reference's 923), Abs unsupported.
 *  2. Lowering: numbers by doubling / p·(1/q); E, I, π, φ constructions; sinh, cosh, tanh, atan constructions;
 *     exp, log; Pow → pow; Mul → left fold of mul in argument order (SymPy's: factors by Basic.compare,
 *     sympyCompare.ts); Add → terms sorted by (is_number, sort_key) as SymPy computes them (sympySortKey.ts), left
 *     fold of add; anything else → rewrite to exp/log first.
 */
import { eml, variable, type EmlNode } from '../ast.ts';
import { mapBottomUp, type MathNode } from '../math/ast.ts';
import { blame, CompileError } from '../math/errors.ts';
import { checkedK } from './budget.ts';
import { iOf, mathOfS, recordReading } from './readings.ts';
import { exp, ln, recordedKit } from './constructions.ts';
import { paperKit, type PaperKit } from './primitives.ts';
import {
  charge,
  HALF,
  isNumber,
  MINUS_ONE,
  ONE,
  resetKeys,
  S_E,
  S_I,
  S_PHI,
  S_PI,
  sAdd,
  skey,
  sMul,
  sNum,
  sPow,
  sSym,
  sText,
  withWorkBudget,
  type S,
} from './sexpr.ts';
import { NEEDS_REWRITE, rewriteToExpLog, sFn } from './sfunctions.ts';
import { sortKeyCompare } from './sympySortKey.ts';

const inv = (s: S) => sPow(s, MINUS_ONE);

/** Math AST → SymPy-lite, applying the reference's definitions of the derived functions. */
export function toSympy(root: MathNode): S {
  const memo = new Map<MathNode, S>();
  mapBottomUp(root, (n) => {
    try {
      return toSympyNode(n, memo);
    } catch (e) {
      throw blame(e, n);
    }
  });
  return memo.get(root)!;
}

function toSympyNode(n: MathNode, memo: Map<MathNode, S>): MathNode {
  const get = (c: MathNode) => memo.get(c)!;
  let s: S;
  switch (n.kind) {
    case 'num':
      s = sNum(n.value);
      break;
    case 'const':
      s = n.name === 'e' ? S_E : n.name === 'pi' ? S_PI : n.name === 'i' ? S_I : S_PHI;
      break;
    case 'var':
      s = sSym(n.name);
      break;
    case 'neg':
      s = sMul(MINUS_ONE, get(n.arg));
      break;
    case 'add':
      s = sAdd(get(n.left), get(n.right));
      break;
    case 'sub':
      s = sAdd(get(n.left), sMul(MINUS_ONE, get(n.right)));
      break;
    case 'mul':
      s = sMul(get(n.left), get(n.right));
      break;
    case 'div':
      s = sMul(get(n.left), inv(get(n.right)));
      break;
    case 'pow':
      s = sPow(get(n.left), get(n.right));
      break;
    case 'eml':
      s = { t: 'eml', l: get(n.left), r: get(n.right) };
      break;
    case 'call': {
      const [a, b] = n.args.map(get);
      s = callToSympy(n.fn, a, b);
    }
  }
  memo.set(n, s);
  return n;
}

function callToSympy(fn: string, a: S, b: S): S {
  switch (fn) {
    case 'exp':
      return sFn('exp', a);
    case 'ln':
      return sFn('log', a);
    case 'log':
      return sMul(sFn('log', b), inv(sFn('log', a)));
    case 'sqrt':
      return sPow(a, HALF);
    case 'cot':
      return sMul(sFn('cos', a), inv(sFn('sin', a)));
    case 'sec':
      return inv(sFn('cos', a));
    case 'csc':
      return inv(sFn('sin', a));
    case 'acot':
      return sFn('atan', inv(a));
    case 'asec':
      return sFn('acos', inv(a));
    case 'acsc':
      return sFn('asin', inv(a));
    case 'sigmoid':
      return sMul(HALF, sAdd(ONE, sFn('tanh', sMul(HALF, a))));
    case 'avg':
      return sMul(HALF, sAdd(a, b));
    case 'hypot':
      return sPow(sAdd(sPow(a, sNum({ num: 2n, den: 1n })), sPow(b, sNum({ num: 2n, den: 1n }))), HALF);
    case 'abs':
      throw new CompileError(
        "abs is not supported by the paper's compiler (its Abs raises 'Unhandled node')",
        'unsupported',
        { hint: 'use compact mode' },
      );
    default:
      return sFn(fn as Parameters<typeof sFn>[0], a);
  }
}

/** SymPy-lite → EML with the v4 rules (or the clean-negation variant); memoised by structural token (sexpr.ts). */
export function lowerPaper(root: S, plainKit: PaperKit = paperKit()): EmlNode {
  // Its operations record their rule, for the propagated real-line limits (constructions.ts, limits.ts).
  const kit = recordedKit(plainKit);
  const memo = new Map<string, EmlNode>();
  const go = (s: S): EmlNode => {
    const k = skey(s);
    const hit = memo.get(k);
    if (hit) return hit;
    charge(1);
    // Read with the i the tree computes: the v4 I is −i in float64 (defects.ts), and the conditions are on values.
    const out = recordReading(checkedK(lowerOne(s, kit, go)), () => mathOfS(s, iOf(kit)));
    memo.set(k, out);
    return out;
  };
  return go(root);
}

function lowerOne(s: S, kit: PaperKit, go: (s: S) => EmlNode): EmlNode {
  switch (s.t) {
    case 'num':
      return kit.rational(s.r.num, s.r.den);
    case 'I':
      return kit.I;
    case 'pi':
      return kit.PI;
    case 'phi':
      return kit.PHI;
    case 'sym':
      return variable(s.name);
    case 'eml':
      return eml(go(s.l), go(s.r));
    case 'pow':
      return kit.pow(go(s.b), go(s.e));
    case 'mul':
      return s.args.map(go).reduce((acc, x) => kit.mul(acc, x));
    case 'add': {
      // key=(t.is_number, t.sort_key()): symbolic terms first, numbers last.
      const sorted = [...s.args].sort((a, b) => Number(isNumber(a)) - Number(isNumber(b)) || sortKeyCompare(a, b));
      return sorted.map(go).reduce((acc, x) => kit.add(acc, x));
    }
    case 'fn':
      switch (s.f) {
        case 'exp':
          return exp(go(s.a));
        case 'log':
          return ln(go(s.a));
        case 'sinh':
        case 'cosh':
        case 'tanh':
        case 'atan':
          return kit[s.f](go(s.a));
        default:
          if (!NEEDS_REWRITE.has(s.f)) throw new CompileError(`unhandled function ${s.f}`, 'internal');
          return go(rewriteToExpLog(s));
      }
  }
}

/**
 * Work units one paper compilation may spend (interned nodes, canonicalised terms, lowered nodes). Measured: every
 * docs/constructions.md#k-table item needs under 50, sin nested 24 deep about 1 000, a 400-term polynomial 82 000 (170 ms); a unit costs
 * 1–3 µs. The default refuses within about a quarter of a second what would otherwise take seconds to hours.
 */
export const PAPER_WORK_BUDGET = 100_000;

export function compilePaper(root: MathNode, clean = false, budget = PAPER_WORK_BUDGET): EmlNode {
  resetKeys();
  return withWorkBudget(budget, () => lowerPaper(toSympy(root), paperKit(clean)));
}

/** The SymPy-lite form paper mode lowers (for "how was this built" views); '…' when it is too long to show. */
export function paperForm(root: MathNode): string {
  resetKeys();
  return withWorkBudget(PAPER_WORK_BUDGET, () => sText(toSympy(root)) ?? '…');
}
