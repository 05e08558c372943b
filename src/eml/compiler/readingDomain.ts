/**
 * What a tree computes, with its validity domain (issue 12: "the decompiler reports what the tree computes, with
 * its domain, not only the name of the intended function"). A tree typed as EML has no input formula to be checked
 * against, so its decompiled reading is the claim: the domain is measured against that reading (domains.ts), so a
 * tree that reads as cosh(x) but overflows past 5.9 says "equals cosh(x) for … x ≤ 5.9". No domain when the
 * reading keeps raw eml(·,·) calls (it is then the tree itself) or the tree is over the decompiler's limit.
 */
import type { EmlNode } from '../ast.ts';
import { decompile } from '../decompiler/decompile.ts';
import { mathVariables, type MathNode } from '../math/ast.ts';
import { conditionTexts } from './wrapConditions.ts';
import { type ValidityDomain } from './domains.ts';
import { treeDomain } from './treeDomain.ts';

export interface ReadingDomain {
  /** The decompiled reading, e.g. "cosh(x)". */
  formula: string;
  /** Where the tree equals that reading on the real line in float64; null when not measured (domains.ts). */
  domain: ValidityDomain | null;
}

export function readingDomain(tree: EmlNode): ReadingDomain | null {
  const d = decompile(tree);
  if (d.tooLarge || d.unexplained > 0) return null;
  return {
    formula: d.text,
    domain: treeDomain(tree, d.math, mathVariables(d.math), d.text, conditionTextsRead(tree)),
  };
}

/** A small subtree's decompiled reading, for condition terms no lowering recorded. */
function decompiledTerm(node: EmlNode): MathNode | null {
  if (node.k > MAX_TERM_K) return null;
  const d = decompile(node);
  return d.tooLarge || d.unexplained > 0 ? null : d.math;
}
const MAX_TERM_K = 2_000;

/**
 * The tree's complex-plane conditions (wrapConditions.ts), terms the lowering did not record read by the
 * decompiler: for a tree decoded from another thread or typed as EML.
 */
export const conditionTextsRead = (tree: EmlNode): string[] | null => conditionTexts(tree, decompiledTerm);
