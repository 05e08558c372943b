/**
 * The complex-plane condition of shortest mode's short sum, stated with the domain (issue 12). The short sum
 * a + b = e − ln(exp(e − a − b)) (primitives.ts addShort) is right only while ln ∘ exp gives back e − a − b, i.e.
 * while |Im(a + b)| < π; past it the result is off by a multiple of 2πi (shortest x + y at x = y = 2i). On the real
 * line its limits are the float64 thresholds the domain scan measures (exp(e − a − b) underflows once a + b > 747.8
 * and e − a overflows exp's argument once a > 709.8). The shortest lowering records, for each short sum it builds,
 * the sum it stands for in the user's terms (inside a function's template, with the template's variable replaced
 * by the argument: cosh x has the short sum 2eˣ), so wrapConditions.ts states its condition in those terms.
 */
import type { EmlNode } from '../ast.ts';
import type { MathNode } from '../math/ast.ts';

/** Short-sum node → the input sum it computes (a node is the same value whatever built it: nodes are shared). */
const sources = new WeakMap<EmlNode, MathNode>();

export function recordShortSum(node: EmlNode, sum: MathNode): EmlNode {
  sources.set(node, sum);
  return node;
}

/** The input sum a short-sum node computes, if it is one. */
export const shortSumOf = (node: EmlNode): MathNode | undefined => sources.get(node);
