/**
 * Complex-plane conditions of a compiled tree, derived from its nodes (issue 12). Every EML construction that takes
 * ln of an exp — a − b = EML[ln a, exp b], the Fig. 2 negation EML[−∞, exp b], the short sum's outer
 * e − ln(exp(e − a − b)) — gives back b only while |Im b| < π (docs/semantics.md#branch-cut); past it the result is
 * off by a multiple of 2πi. Whether that slip matters depends on where the node's value goes, so the analysis
 * follows it up the tree:
 *
 * - a slip of 2πik in a node read through exp (the left side of its parent) vanishes: exp(b + 2πik) = exp b;
 * - exp(ln P) gives back P as computed, so a slip in P survives a ln that only feeds an exp (the short sum's
 *   inner (e − a) − b, and ln a inside a subtraction);
 * - read through any other ln, the value is simply wrong, and every condition below it becomes a condition on the
 *   whole tree.
 *
 * So each node carries two sets of conditions: those for its value to be exactly right, and those for it to be
 * right up to 2πi (all that an exp reading it needs). The conditions of the tree are the first set at the root.
 * Not listed: ln of exp(e − ln z) inside the ln construction, where |Im| = |arg z| ≤ π holds for principal ln
 * everywhere except on the negative axis (the function's own cut), and closed subtrees, whose values the domain
 * checks at their one point.
 */
import { topoOrder, type EmlNode } from '../ast.ts';
import { evaluate } from '../evaluate/interpreter.ts';
import type { MathNode } from '../math/ast.ts';
import { printMathText } from '../math/print.ts';
import { readingOf } from './readings.ts';
import { shortSumOf } from './shortSums.ts';

export interface ComplexCondition {
  /** "|Im(y)| < π", in the input's terms where the tree records them (short sums), else from the decompiled term. */
  text: string;
  /** The term whose imaginary part must stay inside (−π, π), as math; null when too large to decompile. */
  term: MathNode | null;
}

/** Distinct conditions tracked per node; past it the analysis gives up (null): the statement would be unreadable. */
const MAX_CONDITIONS = 64;
/** Trees above this K are not analysed (linear work, but the decompiled terms would be unreadable anyway). */
const MAX_ANALYSED_K = 200_000;

const isOne = (n: EmlNode) => n.kind === 'one';
/** exp(b) = EML[b, 1]: its argument, or null. */
const expArg = (n: EmlNode): EmlNode | null => (n.kind === 'eml' && isOne(n.right) ? n.left : null);
/** ln P = EML[1, EML[EML[1, P], 1]]: P, or null. */
function lnArg(n: EmlNode): EmlNode | null {
  if (n.kind !== 'eml' || !isOne(n.left)) return null;
  const inner = expArg(n.right);
  return inner && inner.kind === 'eml' && isOne(inner.left) ? inner.right : null;
}
/** A term whose |Im| ≤ π holds for principal ln: e − ln z (EML[1, z]) or the ln construction's result. */
const principalBounded = (b: EmlNode) => (b.kind === 'eml' && isOne(b.left)) || lnArg(b) !== null;

/**
 * Reads a term the lowering did not record (a tree decoded in a worker, or typed as EML): readingDomain.ts passes
 * the decompiler, which the compiler itself cannot import (its patterns are compiled with this compiler).
 */
export type Reader = (node: EmlNode) => MathNode | null;
const noReader: Reader = () => null;

class TooMany extends Error {}

/** The condition terms (EML nodes b needing |Im b| < π) of `tree`, in tree order; null when there are too many. */
export function wrapTerms(tree: EmlNode): Array<{ node: EmlNode; at: EmlNode }> | null {
  if (tree.k > MAX_ANALYSED_K) return null;
  const closed = new Map<number, boolean>();
  // Per node: conditions for the exact value, and for the value up to 2πi. Keys are the b nodes' ids.
  const exact = new Map<number, ReadonlySet<number>>();
  const mod = new Map<number, ReadonlySet<number>>();
  const where = new Map<number, { node: EmlNode; at: EmlNode }>();
  const NONE: ReadonlySet<number> = new Set();
  const union = (...sets: ReadonlyArray<ReadonlySet<number>>): ReadonlySet<number> => {
    const nonEmpty = sets.filter((s) => s.size > 0);
    if (nonEmpty.length <= 1) return nonEmpty[0] ?? NONE;
    const out = new Set<number>();
    for (const s of nonEmpty) for (const v of s) out.add(v);
    if (out.size > MAX_CONDITIONS) throw new TooMany();
    return out;
  };
  try {
    for (const n of topoOrder(tree)) {
      if (n.kind !== 'eml') {
        closed.set(n.id, n.kind === 'one');
        exact.set(n.id, NONE);
        mod.set(n.id, NONE);
        continue;
      }
      closed.set(n.id, closed.get(n.left.id)! && closed.get(n.right.id)!);
      // The exp side: exp(ln P) is P as computed; any other exp needs its argument only up to 2πi.
      const p = lnArg(n.left);
      const expExact = p ? exact.get(p.id)! : mod.get(n.left.id)!;
      const expMod = p ? mod.get(p.id)! : mod.get(n.left.id)!;
      // The ln side: ln(exp b) = b needs b up to 2πi and |Im b| < π; ln of anything else needs it exact.
      const b = expArg(n.right);
      let lnExact: ReadonlySet<number>;
      let lnMod: ReadonlySet<number>;
      if (b) {
        lnMod = mod.get(b.id)!;
        const own = closed.get(b.id) || principalBounded(b) ? NONE : new Set([b.id]);
        if (own.size > 0 && !where.has(b.id)) where.set(b.id, { node: b, at: n });
        lnExact = union(lnMod, own);
      } else {
        lnExact = lnMod = exact.get(n.right.id)!;
      }
      exact.set(n.id, union(expExact, lnExact));
      mod.set(n.id, union(expMod, lnMod));
    }
  } catch (e) {
    if (e instanceof TooMany) return null;
    throw e;
  }
  const ids = exact.get(tree.id)!;
  return [...where.values()].filter((w) => ids.has(w.node.id));
}

/**
 * Each node whose ln(exp b) slip reaches the result, with its condition: `at` is the node EML[·, exp b]. The
 * condition is on the intended b: a computed b may already be off by 2πi (robust −y = exp(ln y + iπ) gives 2.28i
 * for y = 4i), so a check at a point evaluates `term`, not the tree.
 */
export function wrapChecks(tree: EmlNode, read: Reader = noReader): Array<ComplexCondition & { at: EmlNode }> | null {
  const terms = wrapTerms(tree);
  if (!terms) return null;
  return terms.map(({ node, at }) => {
    // A short sum's outer ln(exp(e − a − b)) is stated as the sum a + b the user wrote: |Im(e − a − b)| = |Im(a + b)|.
    const term = shortSumOf(at) ?? readTerm(node, read);
    const text = term ? `|Im(${printMathText(term)})| < π` : `|Im(an inner term of K ${node.k})| < π`;
    return { text, term, at };
  });
}

/** The tree's complex-plane conditions, deduplicated by text; null when there are too many to state. */
export function complexConditions(tree: EmlNode, read: Reader = noReader): ComplexCondition[] | null {
  const checks = wrapChecks(tree, read);
  if (!checks) return null;
  const out = new Map<string, ComplexCondition>();
  for (const { text, term } of checks) if (!out.has(text)) out.set(text, { text, term });
  return [...out.values()];
}

/**
 * The term b in the input's terms (readings.ts), without a leading minus (|Im(−u)| = |Im u|). A negation the
 * lowering built inside a construction (x + y = x − (−y)) has no reading of its own: its operand's is used.
 */
function readTerm(node: EmlNode, read: Reader): MathNode | null {
  const m = readingOf(node) ?? readingOf(negatedOperand(node) ?? node) ?? read(node);
  return m && unsigned(m);
}

function unsigned(m: MathNode): MathNode {
  while (m.kind === 'neg') m = m.arg;
  if (m.kind === 'mul' && m.left.kind === 'num' && m.left.value.num === -1n && m.left.value.den === 1n)
    return unsigned(m.right);
  return m;
}

/** c when `b` is a negation of c: EML[L, exp c] with exp L = 0 (Fig. 2, v4), (e − c) − e, or c·(−1) by the short product. */
function negatedOperand(b: EmlNode): EmlNode | null {
  if (b.kind !== 'eml') return null;
  const c = expArg(b.right);
  if (c && isClosed(b.left) && constantValue(b.left).re === -Infinity) return c;
  // negFin: EML[ln(EML[1, exp c]), exp e].
  const inner = lnArg(b.left);
  if (inner && inner.kind === 'eml' && isOne(inner.left) && expArg(b.right)?.kind === 'eml') {
    const c2 = expArg(inner.right);
    if (c2 && isClosed(b.right) && Math.abs(constantValue(b.right).re - Math.exp(Math.E)) < 1e-9) return c2;
  }
  // mulShort(c, m) = exp(EML[1, exp(EML[ln(EML[1, c]), m])]) with m = −1.
  const x = expArg(b);
  const y = x && x.kind === 'eml' && isOne(x.left) ? expArg(x.right) : null;
  if (y && y.kind === 'eml' && isClosed(y.right)) {
    const l = lnArg(y.left);
    const m = constantValue(y.right);
    if (l && l.kind === 'eml' && isOne(l.left) && Math.abs(m.re + 1) < 1e-12 && Math.abs(m.im) < 1e-12) return l.right;
  }
  return null;
}

function isClosed(n: EmlNode): boolean {
  return topoOrder(n).every((m) => m.kind !== 'var');
}
const constantValue = (n: EmlNode) => evaluate(n, {});

/** The conditions' texts, as the domain states them; null when there are too many. */
export const conditionTexts = (tree: EmlNode, read: Reader = noReader): string[] | null =>
  complexConditions(tree, read)?.map((c) => c.text) ?? null;
