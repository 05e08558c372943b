/**
 * What a compiled node stands for in the input's terms, recorded by the lowerings (compact.ts, paper.ts) as they
 * build it: the complex-plane conditions (wrapConditions.ts) name the term whose imaginary part must stay inside
 * (−π, π) with it. The compiler cannot ask the decompiler (which compiles its patterns with this compiler), and the
 * lowering knows the reading anyway. Nodes are hash-consed, so a node built for two inputs is the same function of
 * its variables: the first reading recorded is kept. Readings are computed when first read.
 */
import type { EmlNode } from '../ast.ts';
import * as M from '../math/ast.ts';
import type { MathNode } from '../math/ast.ts';
import { evaluate } from '../evaluate/interpreter.ts';
import type { S } from './sexpr.ts';

const readings = new WeakMap<EmlNode, () => MathNode>();

export function recordReading(node: EmlNode, read: () => MathNode): EmlNode {
  if (!readings.has(node)) readings.set(node, read);
  return node;
}

export function readingOf(node: EmlNode): MathNode | null {
  return readings.get(node)?.() ?? null;
}

/** The value a kit's I has in float64 as math: −i for the v4 kits (docs/semantics.md#branch-cut), else i. */
export function iOf(kit: { readonly I: EmlNode }): MathNode {
  let sign = iSigns.get(kit.I);
  if (sign === undefined) iSigns.set(kit.I, (sign = evaluate(kit.I, {}).im < 0 ? -1 : 1));
  return sign < 0 ? M.neg(M.konst('i')) : M.konst('i');
}
const iSigns = new WeakMap<EmlNode, number>();

/**
 * Paper mode's SymPy-lite term as ordinary math (log → ln, products and powers as written), with `i` the value
 * the tree's I has.
 */
export function mathOfS(s: S, i: MathNode = M.konst('i')): MathNode {
  const go = (t: S) => mathOfS(t, i);
  switch (s.t) {
    case 'num':
      return M.num(s.r);
    case 'I':
      return i;
    case 'pi':
      return M.konst('pi');
    case 'phi':
      return M.konst('phi');
    case 'sym':
      return M.mvar(s.name);
    case 'add':
      return s.args.map(go).reduce((a, b) => M.add(a, b));
    case 'mul':
      return s.args.map(go).reduce((a, b) => M.mul(a, b));
    case 'pow':
      return M.pow(go(s.b), go(s.e));
    case 'fn':
      return M.call(s.f === 'log' ? 'ln' : s.f, go(s.a));
    case 'eml':
      return M.emlCall(go(s.l), go(s.r));
  }
}
