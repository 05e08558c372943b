/**
 * Bottom-up enumeration of expressions by node count, one level at a time, each level deduplicated by values on
 * a data sample (functional hashing), so the search walks distinct functions, smallest first. Expressions without
 * a variable are kept only as small fixed constants (1, e, 2 = 1 + 1, 1/e, …): a fitted constant covers the rest.
 */
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
  un,
  vr,
  type Expr,
} from './expr.ts';
import { hashes } from './hash.ts';

export interface Level {
  size: number;
  exprs: Expr[];
}

export interface EnumeratorOptions {
  nVars: number;
  /** Most fitted constants in one enumerated expression. */
  maxParams: number;
  /** Stop a level once it holds this many expressions (the rest of that size is left to mutation). */
  maxLevel: number;
}

const COMMUTATIVE = new Set(['add', 'mul']);

export class Enumerator {
  readonly levels: Level[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly sample: Columns,
    private readonly opts: EnumeratorOptions,
  ) {}

  /** Whether `e` is a new building block; records it. */
  private admit(e: Expr): boolean {
    const closed = !hasVar(e);
    // Constants: fixed ones only (a fitted constant already stands for any number), and only small ones.
    if (closed && (paramCount(e) > 0 ? e.t !== 'param' : false)) return false;
    if (paramCount(e) > this.opts.maxParams) return false;
    const h = hashes(e, this.sample);
    if (!h) return false;
    const k = closed && e.t === 'param' ? 'param' : h.exact;
    if (this.seen.has(k)) return false;
    this.seen.add(k);
    return true;
  }

  /** The expressions of the next size (1, 2, 3, …); checks `stop` between candidates. */
  nextLevel(stop: () => boolean): Level {
    const s = this.levels.length + 1;
    const out: Expr[] = [];
    const push = (e: Expr) => {
      if (out.length >= this.opts.maxLevel) return;
      const r = renumber(e);
      if (this.admit(r)) out.push(r);
    };
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
    const level = { size: s, exprs: out };
    this.levels.push(level);
    return level;
  }

  /** Expressions of at most `maxSize` nodes, for mutation. */
  pool(maxSize: number): Expr[] {
    return this.levels.slice(0, maxSize).flatMap((l) => l.exprs);
  }
}
