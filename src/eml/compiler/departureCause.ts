/**
 * Why a tree departs from its function at a point: the first node, in evaluation order, where something went wrong
 * (issue 12: "a value outside the domain is flagged (the node flags already exist: connect them)"). It reads the
 * per-node flags of the interpreter's trace (evaluate/flags.ts) and adds the two failures those flags do not name:
 * exp underflowing to 0 (the short sum's e^{e − a − b} once a + b > 745), and ln(exp b) giving back b − 2πki where
 * |Im b| ≥ π, at the nodes whose slip reaches the result (wrapConditions.ts).
 *
 * Only nodes that depend on a variable count: a constant's ln 0 (the −∞ of the Fig. 2 negation) is by design. A
 * node that overflows, underflows, gives NaN, takes ln of an exact 0 or wraps is a cause; absorption and a ln on
 * its cut are often harmless, so they are named only when nothing stronger happened ("possibly"). When no node is
 * flagged the departure is rounding accumulated through the tree, and the cause is null.
 */
import { topoOrder, type EmlNode } from '../ast.ts';
import type { Complex } from '../evaluate/complex.ts';
import { FLAG_INFO } from '../evaluate/flags.ts';
import { pathTo, trace, type Env } from '../evaluate/interpreter.ts';
import { decompile } from '../decompiler/decompile.ts';
import { formatNumber } from '../format.ts';
import type { MathNode } from '../math/ast.ts';
import { printMathText } from '../math/print.ts';
import { departureAt } from './departure.ts';
import { evaluateMath } from '../math/evaluate.ts';
import { wrapChecks } from './wrapConditions.ts';

export type DepartureCauseKind = 'overflow' | 'underflow' | 'nan' | 'ln0' | 'wrap' | 'absorption' | 'branch-cut';

export interface DepartureCause {
  kind: DepartureCauseKind;
  /** 'overflow', 'exp underflow', '2πi slip', … */
  label: string;
  /** False for absorption and branch-cut, named only when no stronger cause was found. */
  certain: boolean;
  node: EmlNode;
  /** 'L'/'R' steps from the root to the node's first occurrence ('' for the root). */
  path: string;
  /** The node's decompiled reading, e.g. "exp(2*x)"; null for large or unreadable subtrees. */
  reading: string | null;
  /** What happened there, with the numbers. */
  detail: string;
  /** One sentence naming the node and what happened, for the views. */
  message: string;
}

export interface Departure {
  /** The function's value at the point. */
  truth: Complex;
  /** The first failing node, or null when the departure is accumulated rounding (no node flagged). */
  cause: DepartureCause | null;
}

/** Subtrees above this K are not decompiled for the message (it is built on every slider move). */
const MAX_READ_K = 2_000;

const LABEL: Record<DepartureCauseKind, string> = {
  overflow: FLAG_INFO.overflow.label,
  underflow: 'exp underflow',
  nan: FLAG_INFO.nan.label,
  ln0: FLAG_INFO.ln0.label,
  wrap: '2πi slip',
  absorption: FLAG_INFO.absorption.label,
  'branch-cut': FLAG_INFO['branch-cut'].label,
};

const zero = (z: Complex) => z.re === 0 && z.im === 0;
const finite = (z: Complex) => Number.isFinite(z.re) && Number.isFinite(z.im);
/** Six significant digits; an imaginary part at rounding level (under 1e−9 of the real part) is left out. */
const num = (v: number) => (Number.isFinite(v) ? formatNumber(Number(v.toPrecision(6))) : formatNumber(v));
const show = (z: Complex) =>
  z.im === 0 || Math.abs(z.im) < 1e-9 * Math.abs(z.re)
    ? num(z.re)
    : `${num(z.re)} ${z.im < 0 ? '−' : '+'} ${num(Math.abs(z.im))}i`;

/** The first failing node of `tree` at `env` (complex semantics), or null when no node is flagged. */
export function departureCause(tree: EmlNode, env: Env): DepartureCause | null {
  const t = trace(tree, env, 'complex');
  const value = (n: EmlNode) => t.nodes.get(n.id)!.value;
  const wrapAt = new Map((wrapChecks(tree) ?? []).map((w) => [w.at.id, w.term]));
  const dynamic = new Set<number>();
  let weak: { node: EmlNode; kind: DepartureCauseKind; detail: string } | null = null;
  for (const n of topoOrder(tree)) {
    if (n.kind === 'var') dynamic.add(n.id);
    if (n.kind !== 'eml' || !(dynamic.has(n.left.id) || dynamic.has(n.right.id))) continue;
    dynamic.add(n.id);
    const nt = t.nodes.get(n.id)!;
    const a = value(n.left);
    const b = value(n.right);
    const flags = nt.flags;
    const strong = ((): { kind: DepartureCauseKind; detail: string } | null => {
      if (flags.includes('overflow'))
        return {
          kind: 'overflow',
          detail:
            nt.exp && !finite(nt.exp)
              ? `exp(${show(a)}) overflows float64 (its argument is past ln(DBL_MAX) = 709.78)`
              : `exp(${show(a)}) − ln(${show(b)}) overflows float64`,
        };
      if (nt.exp && zero(nt.exp) && finite(a) && a.re < 0)
        return { kind: 'underflow', detail: `exp(${show(a)}) is 0 in float64 (its argument is below −745.1)` };
      if (flags.includes('nan')) return { kind: 'nan', detail: `exp(${show(a)}) − ln(${show(b)}) is NaN` };
      if (flags.includes('ln0')) return { kind: 'ln0', detail: 'its ln side is exactly 0, so ln gives −∞' };
      const term = wrapAt.get(n.id);
      if (term) {
        const w = intended(term, env);
        if (w && Math.abs(w.im) >= Math.PI)
          return {
            kind: 'wrap',
            detail: `ln(exp b) gives back b only for |Im b| < π, and here |Im(${printMathText(term)})| = ${num(Math.abs(w.im))}: off by a multiple of 2πi`,
          };
      }
      return null;
    })();
    if (strong) return cause(tree, n, strong.kind, strong.detail, true);
    if (!weak && flags.includes('absorption'))
      weak = { node: n, kind: 'absorption', detail: FLAG_INFO.absorption.explanation };
    if (!weak && flags.includes('branch-cut'))
      weak = {
        node: n,
        kind: 'branch-cut',
        detail: `ln(${show(b)}) is on its cut: ${FLAG_INFO['branch-cut'].explanation}`,
      };
  }
  return weak && cause(tree, weak.node, weak.kind, weak.detail, false);
}

/** The condition's term at the point (as the user wrote it); null where it cannot be evaluated there. */
function intended(term: MathNode, env: Env): Complex | null {
  try {
    return evaluateMath(term, env);
  } catch {
    return null;
  }
}

function cause(
  tree: EmlNode,
  node: EmlNode,
  kind: DepartureCauseKind,
  detail: string,
  certain: boolean,
): DepartureCause {
  const path = pathTo(tree, node) ?? '';
  let reading: string | null = null;
  if (node.k <= MAX_READ_K) {
    const d = decompile(node);
    if (!d.tooLarge && d.unexplained === 0) reading = d.text;
  }
  const where = `${path === '' ? 'the root' : path}${reading ? ` = ${reading}` : ''}`;
  const label = LABEL[kind];
  return {
    kind,
    label,
    certain,
    node,
    path,
    reading,
    detail,
    message: `${certain ? 'first failing node' : 'possibly node'} ${where}: ${label}: ${detail}`,
  };
}

/**
 * departure.ts's check with its cause: null where the tree's value is right (or f is undefined), else the true
 * value and the first failing node. Variables other than x and y are held at 0, as the sliders hold them.
 */
export function departureWithCause(
  tree: EmlNode,
  value: Complex,
  math: MathNode,
  variables: readonly string[],
  x: number | Complex,
  y: number,
): Departure | null {
  const truth = departureAt(value, math, variables, x as number, y);
  if (!truth) return null;
  const env: Record<string, number | Complex> = Object.create(null); // a variable named __proto__ is an own entry
  for (const v of treeVariables(tree)) env[v] = v === 'x' ? x : v === 'y' ? y : 0;
  return { truth, cause: departureCause(tree, env) };
}

function treeVariables(tree: EmlNode): string[] {
  const out = new Set<string>();
  for (const n of topoOrder(tree)) if (n.kind === 'var') out.add(n.name);
  return [...out];
}
