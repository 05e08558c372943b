/**
 * Whether a value the playground shows departs from the function the tree was compiled from at that point (issue
 * 12: "a value outside the domain is flagged"). The criterion is the validity domain's (domains.ts isRight), so a
 * point is flagged exactly where it lies outside the tree's domain; off the scanned lines (two variables) it is the
 * only statement available. Variables other than x and y are held at 0, as the sliders hold them. x may be complex
 * (the complex-plane view asks at every point of its window).
 */
import type { Complex } from '../evaluate/complex.ts';
import type { MathNode } from '../math/ast.ts';
import { evaluateMathWithScale } from '../math/evaluate.ts';
import { isRight } from './domains.ts';

/** The function's value where the tree's `value` is not right for it; null where it is right or f is undefined. */
export function departureAt(
  value: Complex,
  math: MathNode,
  variables: readonly string[],
  x: number | Complex,
  y: number,
): Complex | null {
  const env = Object.fromEntries(variables.map((v) => [v, v === 'x' ? x : v === 'y' ? y : 0]));
  let ref;
  try {
    ref = evaluateMathWithScale(math, env);
  } catch {
    return null;
  }
  const f = ref.value;
  if (!Number.isFinite(f.re) || !Number.isFinite(f.im)) return null;
  return isRight(value, f, ref.scale) ? null : f;
}
