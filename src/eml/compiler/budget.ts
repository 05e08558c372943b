/**
 * The compiler's size bound on results, shared by both modes: K must stay countable exactly in a double. The
 * lowerings check it as they build, so an input whose tree explodes (sin nested 60 deep has K ≈ 10^31) is refused
 * at the innermost part that crossed the bound, not after building everything above it.
 */
import type { EmlNode } from '../ast.ts';
import { CompileError } from '../math/errors.ts';

/** Largest K: beyond 2^53 − 1 the RPN length can no longer be counted exactly in a double. */
export const MAX_K = Number.MAX_SAFE_INTEGER;

export function checkedK<T extends EmlNode>(tree: T): T {
  if (tree.k > MAX_K) {
    throw new CompileError(
      `the tree is too large: K exceeds 2^53 − 1 (${MAX_K}) and cannot be counted exactly`,
      'too-large',
      {
        hint: 'use smaller numbers or less nesting; compact mode makes much smaller trees than paper mode',
      },
    );
  }
  return tree;
}
