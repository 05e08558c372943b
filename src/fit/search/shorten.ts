/**
 * Shorter pure EML trees for the same function, by rewriting the compiler's block joints.
 *
 * The compiler expands named blocks independently, so a − ln b becomes sub(a, ln b) = eml(LN(a), exp(LN(b))),
 * K 17 for x − ln x, where the raw reading eml(ln x, x) has K 9. Two rewrites recover the raw readings; both are
 * identities of the principal-branch semantics (not just on the reals), so they need no domain check:
 *
 *  - LN(Y) = eml(1, eml(eml(1, Y), 1)) = e − ln(exp(e − ln Y)) = ln Y − 2πik for some integer k, hence
 *    exp(LN(Y)) = Y for every Y (at Y = 0 too: ln 0 = −∞, exp(−∞) = 0).
 *  1. eml(LN(Y), 1) = exp(LN(Y)) − ln 1 = Y                        → Y
 *  2. eml(LN(eml(A, 1)), B) = exp(A) − ln B = eml(A, B)            → eml(A, B)
 *
 * So e − ln x (K 19) becomes eml(1, x) (K 5) and eˣ − 1 (K 13) becomes eml(x, eml(1, 1)) (K 5). Rewrites only
 * ever remove nodes, so applying them bottom-up to a fixpoint terminates.
 */
import { ONE, eml, type EmlNode } from '../../eml/ast.ts';

/** Y when `n` is the compiler's ln block eml(1, eml(eml(1, Y), 1)), else null. */
export function lnArgument(n: EmlNode): EmlNode | null {
  if (n.kind !== 'eml' || n.left !== ONE) return null;
  const m = n.right;
  if (m.kind !== 'eml' || m.right !== ONE) return null;
  const inner = m.left;
  if (inner.kind !== 'eml' || inner.left !== ONE) return null;
  return inner.right;
}

/** A when `n` is exp(A) = eml(A, 1), else null. */
const expArgument = (n: EmlNode): EmlNode | null => (n.kind === 'eml' && n.right === ONE ? n.left : null);

/** One node whose children are already shortened: the rewrites at its root, repeated while they apply. */
function rewriteRoot(n: EmlNode, again: (x: EmlNode) => EmlNode): EmlNode {
  if (n.kind !== 'eml') return n;
  const y = lnArgument(n.left);
  if (y === null) return n;
  if (n.right === ONE) return y; // rule 1: y is already shortened (a grandchild of a shortened child)
  const a = expArgument(y);
  // rule 2: the new root may itself match again (its left child changed), so it is shortened once more.
  if (a !== null) return again(eml(a, n.right));
  return n;
}

/** The tree with every block joint above rewritten; the same object when nothing applies. */
export function shortenTree(root: EmlNode): EmlNode {
  const memo = new Map<EmlNode, EmlNode>();
  const walk = (n: EmlNode): EmlNode => {
    if (n.kind !== 'eml') return n;
    const known = memo.get(n);
    if (known) return known;
    const left = walk(n.left);
    const right = walk(n.right);
    const rebuilt = left === n.left && right === n.right ? n : eml(left, right);
    const atRoot = (x: EmlNode): EmlNode => rewriteRoot(x, atRoot);
    const out = atRoot(rebuilt);
    memo.set(n, out);
    return out;
  };
  return walk(root);
}
