/**
 * PySR-style mutations of a hall-of-fame expression: replace a subtree by a small enumerated one, wrap a subtree
 * in a unary block, combine a subtree with a small one by a binary block, change an operator, hoist a child, or
 * graft a subtree of another good expression (crossover). Seeded, so a seed reproduces a run.
 */
import type { Prng } from '../../training/prng.ts';
import { BINARY_OPS, UNARY_OPS, bin, renumber, replaceAtPath, subtrees, un, type Expr } from './expr.ts';

const pick = <T>(rng: Prng, xs: readonly T[]): T => xs[Math.floor(rng.uniform() * xs.length)];

export function mutate(parent: Expr, small: readonly Expr[], donors: readonly Expr[], rng: Prng): Expr {
  const nodes = subtrees(parent);
  const at = pick(rng, nodes);
  const r = rng.uniform();
  let repl: Expr;
  if (r < 0.25) repl = pick(rng, small);
  else if (r < 0.4) repl = un(pick(rng, UNARY_OPS), at.node);
  else if (r < 0.65) {
    const other = pick(rng, small);
    const op = pick(rng, BINARY_OPS);
    repl = rng.uniform() < 0.5 ? bin(op, at.node, other) : bin(op, other, at.node);
  } else if (r < 0.8) {
    const n = at.node;
    if (n.t === 'un') repl = un(pick(rng, UNARY_OPS), n.a);
    else if (n.t === 'bin') repl = bin(pick(rng, BINARY_OPS), n.a, n.b);
    else repl = pick(rng, small);
  } else if (r < 0.9) {
    const n = at.node;
    repl = n.t === 'un' ? n.a : n.t === 'bin' ? (rng.uniform() < 0.5 ? n.a : n.b) : pick(rng, small);
  } else {
    const donor = pick(rng, donors.length > 0 ? donors : small);
    repl = pick(rng, subtrees(donor)).node;
  }
  return renumber(replaceAtPath(parent, at.path, repl));
}
