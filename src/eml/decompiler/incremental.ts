/**
 * The decompiler's per-node bookkeeping in O(1) per new math node. The decompiler builds each node's reading
 * from its children's readings, so the readings share structure all the way down; walking the whole reading
 * again at every EML node (to score it, check it numerically or re-simplify it) made the decompiler cubic on
 * chains (an exp chain of depth 600 took 23 s). Everything here is memoised by node identity instead: a new
 * node costs only its own constructor plus cached lookups for its children.
 */
import * as M from '../math/ast.ts';
import type { MathNode } from '../math/ast.ts';
import type { Complex } from '../evaluate/complex.ts';
import { evaluateMath } from '../math/evaluate.ts';
import { sAdd, sDiv, sExp, sLn, sMul, sNeg, sPow, sSub } from '../math/simplify.ts';

/**
 * Post-order over the nodes of `root` that `known` has not seen yet, each after its children; iterative, since
 * readings of 100 000-deep trees are that deep too.
 */
function eachNew(root: MathNode, known: (n: MathNode) => boolean, visit: (n: MathNode) => void): void {
  if (known(root)) return;
  const stack: Array<{ node: MathNode; expanded: boolean }> = [{ node: root, expanded: false }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (known(top.node)) {
      stack.pop();
      continue;
    }
    const kids = M.children(top.node);
    if (!top.expanded) {
      top.expanded = true;
      for (let i = kids.length - 1; i >= 0; i--) if (!known(kids[i])) stack.push({ node: kids[i], expanded: false });
      continue;
    }
    stack.pop();
    visit(top.node);
  }
}

/** A sum over the expanded tree of a per-node weight, memoised by node (readings are immutable). */
export class TreeSum {
  private readonly memo = new WeakMap<MathNode, number>();
  constructor(private readonly weight: (n: MathNode) => number) {}

  of(root: MathNode): number {
    eachNew(
      root,
      (n) => this.memo.has(n),
      (n) => {
        let s = this.weight(n);
        for (const c of M.children(n)) s += this.memo.get(c)!;
        this.memo.set(n, s);
      },
    );
    return this.memo.get(root)!;
  }
}

/** Names no user variable can have (identifiers start with a letter or _), so they never shadow one. */
const SLOTS = ['#0', '#1', '#2'];

/**
 * Float64 values of readings at one point, memoised by node: a new node is evaluated from its children's
 * cached values by handing evaluateMath the node with its children replaced by placeholder variables. The
 * math evaluator reads children only through their values, so the result is the same as a full evaluation.
 */
export class PointValues {
  private readonly memo = new Map<MathNode, Complex>();
  constructor(private readonly env: Readonly<Record<string, number>>) {}

  of(root: MathNode): Complex {
    eachNew(
      root,
      (n) => this.memo.has(n),
      (n) => this.memo.set(n, this.evaluateNode(n)),
    );
    return this.memo.get(root)!;
  }

  private evaluateNode(n: MathNode): Complex {
    if (n.kind === 'var') {
      if (!Object.hasOwn(this.env, n.name)) throw new Error(`missing value for ${n.name}`);
      return { re: this.env[n.name], im: 0 };
    }
    const kids = M.children(n);
    if (kids.length === 0) return evaluateMath(n);
    const slots: Record<string, Complex> = {};
    const shallow = M.withChildren(
      n,
      kids.map((c, i) => {
        slots[SLOTS[i]] = this.memo.get(c)!;
        return M.mvar(SLOTS[i]);
      }),
    );
    return evaluateMath(shallow, slots);
  }
}

/**
 * simplify(instantiate(pattern, values)) without re-walking the values: the pattern's own (small) math is rebuilt
 * bottom-up with the simplifying constructors, and the values, already simplified readings of the children, are
 * used as they are. Same dispatch as simplify() in math/simplify.ts.
 */
export function instantiateSimplified(pattern: MathNode, values: ReadonlyMap<string, MathNode>): MathNode {
  const built = new Map<MathNode, MathNode>();
  eachNew(
    pattern,
    (n) => built.has(n),
    (n) => {
      if (n.kind === 'var' && values.has(n.name)) {
        built.set(n, values.get(n.name)!);
        return;
      }
      const kids = M.children(n).map((c) => built.get(c)!);
      built.set(n, rebuild(n, kids));
    },
  );
  return built.get(pattern)!;
}

function rebuild(n: MathNode, kids: readonly MathNode[]): MathNode {
  switch (n.kind) {
    case 'add':
      return sAdd(kids[0], kids[1]);
    case 'sub':
      return sSub(kids[0], kids[1]);
    case 'neg':
      return sNeg(kids[0]);
    case 'mul':
      return sMul(kids[0], kids[1]);
    case 'div':
      return sDiv(kids[0], kids[1]);
    case 'pow':
      return sPow(kids[0], kids[1]);
    case 'call':
      if (n.fn === 'exp') return sExp(kids[0]);
      if (n.fn === 'ln') return sLn(kids[0]);
      return M.withChildren(n, kids);
    default:
      return kids.length === 0 ? n : M.withChildren(n, kids);
  }
}
