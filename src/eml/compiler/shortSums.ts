/**
 * The complex-plane condition of shortest mode's short sum, stated with the domain (issue 12). The short sum
 * a + b = e − ln(exp(e − a − b)) (primitives.ts addShort) is right only while ln ∘ exp gives back e − a − b, i.e.
 * while |Im(a + b)| < π; past it the result is off by a multiple of 2πi (shortest x + y at x = y = 2i). On the real
 * line its limits are the float64 thresholds the domain scan measures (exp(e − a − b) underflows once a + b > 747.8
 * and e − a overflows exp's argument once a > 709.8). The shortest lowering records, for each short sum it builds,
 * the sum it stands for in the user's terms (inside a function's template, with the template's variable replaced
 * by the argument: cosh x has the short sum 2eˣ); a compiled tree's conditions are those of the short sums it
 * actually contains.
 */
import { topoOrder, type EmlNode } from '../ast.ts';
import type { MathNode } from '../math/ast.ts';
import { printMathText } from '../math/print.ts';

/** Short-sum node → the input sum it computes (a node is the same value whatever built it: nodes are shared). */
const sources = new WeakMap<EmlNode, MathNode>();

export function recordShortSum(node: EmlNode, sum: MathNode): EmlNode {
  sources.set(node, sum);
  return node;
}

/** "|Im(x + y)| < π" for each short sum in `tree` built from the input, in tree order, without repeats. */
export function shortSumConditions(tree: EmlNode): string[] {
  const out = new Set<string>();
  for (const n of topoOrder(tree)) {
    const sum = sources.get(n);
    if (sum) out.add(`|Im(${printMathText(sum)})| < π`);
  }
  return [...out];
}
