/**
 * Where each parsed math node came from in the user's text, kept beside the AST (a WeakMap) so the immutable node
 * objects and every consumer of them stay as they are. The compiler uses it to position its errors: `1/0` underlines
 * `1/0`, `2^(10^10)` the power that would not fit.
 *
 * The source text is stored with the span, so a node that came from some other text (the compact templates, a
 * constant's definition) is never mistaken for a position in the user's input.
 */
import { mapBottomUp, type MathNode } from './ast.ts';

export interface Span {
  readonly source: string;
  readonly offset: number;
  readonly length: number;
}

const spans = new WeakMap<MathNode, Span>();

/** Records where `node` came from; an existing span is kept (the innermost construct is the precise one). */
export function setSpan(node: MathNode, source: string, offset: number, end: number): void {
  if (!spans.has(node)) spans.set(node, { source, offset, length: Math.max(1, end - offset) });
}

/** The span of `node` in `source`, or null when the node is not from that text. */
export function spanIn(node: unknown, source: string): Span | null {
  if (typeof node !== 'object' || node === null) return null;
  const s = spans.get(node as MathNode);
  return s && s.source === source ? s : null;
}

/**
 * `mapBottomUp` that carries each node's span to the node that replaces it (a folded constant keeps the position
 * of the expression it came from). Iterative: parsed input can be deep.
 */
export function mapBottomUpWithSpans(root: MathNode, f: (node: MathNode) => MathNode): MathNode {
  return mapBottomUp(root, (input, original) => {
    const span = spans.get(original);
    if (span && input !== original && !spans.has(input)) spans.set(input, span);
    const out = f(input);
    if (span && !spans.has(out)) spans.set(out, span);
    return out;
  });
}
