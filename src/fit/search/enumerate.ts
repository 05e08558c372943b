/**
 * Bottom-up enumeration of expressions by node count, one level at a time, each level deduplicated by values on
 * a data sample (functional hashing), so the search walks distinct functions, smallest first. Expressions without
 * a variable are kept only as small fixed constants (1, e, 2 = 1 + 1, 1/e, …): a fitted constant covers the rest.
 */
import { compile } from '../../eml/compiler/compile.ts';
import type { Columns } from './evalExpr.ts';
import {
  BINARY_OPS,
  E_C,
  ONE_C,
  UNARY_OPS,
  bin,
  hasVar,
  param,
  paramCount,
  renumber,
  toMath,
  un,
  vr,
  type BinaryOp,
  type Expr,
  type UnaryOp,
} from './expr.ts';
import { hashes } from './hash.ts';

export interface Level {
  size: number;
  exprs: Expr[];
  /**
   * Expressions of earlier levels replaced during this one by a form of the same function with a smaller EML K
   * (they were fitted already under their longer form; the search fits them again).
   */
  replaced: Expr[];
}

export interface EnumeratorOptions {
  nVars: number;
  /** Most fitted constants in one enumerated expression. */
  maxParams: number;
  /** Stop a level once it holds this many expressions (the rest of that size is left to mutation). */
  maxLevel: number;
}

const COMMUTATIVE = new Set(['add', 'mul']);

/**
 * K of each block's compiled EML tree as a function of its arguments' K: K(op(a, b)) = base + ma·K(a) + mb·K(b),
 * measured once by compiling the block over placeholder variables (a compositional estimate: the compiler's
 * special cases and the shortener can only make the real tree smaller, alike for the forms compared).
 */
interface BlockCost {
  base: number;
  ma: number;
  mb: number;
}
const blockCosts = new Map<string, BlockCost>();
const numCosts = new Map<string, number>();

function compiledK(e: Expr): number {
  return compile(
    toMath(e, ['u', 'v'], () => 'c'),
    { mode: 'compact' },
  ).tree.k;
}

function blockCost(op: string, unary: boolean): BlockCost {
  let c = blockCosts.get(op);
  if (c) return c;
  const form = (a: Expr, b: Expr) => (unary ? un(op as UnaryOp, a) : bin(op as BinaryOp, a, b));
  // exp(u) = eml(u, 1) has K 3: swapping a K-1 variable for it adds 2 per occurrence.
  const k0 = compiledK(form(vr(0), vr(1)));
  const ma = (compiledK(form(un('exp', vr(0)), vr(1))) - k0) / 2;
  const mb = unary ? 0 : (compiledK(form(vr(0), un('exp', vr(1)))) - k0) / 2;
  c = { base: k0 - ma - mb, ma, mb };
  blockCosts.set(op, c);
  return c;
}

/** Estimated K of the expression's pure EML tree (variables and fitted constants are leaves of K 1). */
export function emlK(e: Expr): number {
  switch (e.t) {
    case 'var':
    case 'param':
      return 1;
    case 'num': {
      let k = numCosts.get(e.text);
      if (k === undefined) numCosts.set(e.text, (k = compiledK(e)));
      return k;
    }
    case 'un': {
      const c = blockCost(e.op, true);
      return c.base + c.ma * emlK(e.a);
    }
    case 'bin': {
      const c = blockCost(e.op, false);
      return c.base + c.ma * emlK(e.a) + c.mb * emlK(e.b);
    }
  }
}

export class Enumerator {
  readonly levels: Level[] = [];
  /** Per function (values hash): where its kept form is (level size, index there) and that form's EML K. */
  private readonly seen = new Map<string, { size: number; index: number; k: number }>();

  constructor(
    private readonly sample: Columns,
    private readonly opts: EnumeratorOptions,
  ) {}

  /**
   * Whether `e` is a new function; records it in `out` (the level of size `s` being built). When the function is
   * known already, the form with the smaller EML K is kept (not the first met): eml(ln x, x) (K 9) replaces
   * sub(x, ln x) (K 17) though it has more nodes here.
   */
  private admit(e: Expr, s: number, out: Expr[], replaced: Expr[]): void {
    const closed = !hasVar(e);
    // Constants: fixed ones only (a fitted constant already stands for any number), and only small ones.
    if (closed && (paramCount(e) > 0 ? e.t !== 'param' : false)) return;
    if (paramCount(e) > this.opts.maxParams) return;
    const h = hashes(e, this.sample);
    if (!h) return;
    const key = closed && e.t === 'param' ? 'param' : h.exact;
    const known = this.seen.get(key);
    if (!known) {
      if (out.length >= this.opts.maxLevel) return;
      this.seen.set(key, { size: s, index: out.length, k: emlK(e) });
      out.push(e);
      return;
    }
    const k = emlK(e);
    if (k >= known.k) return;
    known.k = k;
    if (known.size === s) out[known.index] = e;
    else {
      this.levels[known.size - 1].exprs[known.index] = e;
      replaced.push(e);
    }
  }

  /** The expressions of the next size (1, 2, 3, …); checks `stop` between candidates. */
  nextLevel(stop: () => boolean): Level {
    const s = this.levels.length + 1;
    const out: Expr[] = [];
    const replaced: Expr[] = [];
    const push = (e: Expr) => this.admit(renumber(e), s, out, replaced);
    if (s === 1) {
      for (let i = 0; i < this.opts.nVars; i++) push(vr(i));
      push(ONE_C);
      push(E_C);
      push(param(0));
    } else {
      for (const a of this.levels[s - 2].exprs) {
        if (stop() || out.length >= this.opts.maxLevel) break;
        if (!hasVar(a) && s > 3) continue;
        for (const op of UNARY_OPS) push(un(op, a));
      }
      for (let i = 1; i <= s - 2 && !stop(); i++) {
        const left = this.levels[i - 1].exprs;
        const right = this.levels[s - 2 - i].exprs;
        for (const a of left) {
          if (stop() || out.length >= this.opts.maxLevel) break;
          for (const b of right) {
            // Closed subexpressions of more than 3 nodes are left out (see the module comment).
            if (!hasVar(a) && !hasVar(b) && s > 3) continue;
            for (const op of BINARY_OPS) {
              if (COMMUTATIVE.has(op) && i > s - 1 - i) continue;
              push(bin(op, a, b));
            }
          }
        }
      }
    }
    const level = { size: s, exprs: out, replaced };
    this.levels.push(level);
    return level;
  }

  /** Expressions of at most `maxSize` nodes, for mutation. */
  pool(maxSize: number): Expr[] {
    return this.levels.slice(0, maxSize).flatMap((l) => l.exprs);
  }
}
