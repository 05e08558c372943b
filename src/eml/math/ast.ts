/**
 * The ordinary-math AST: what users type (`sin(x)^2 + 1`) and what the decompiler prints back.
 *
 * Immutable (frozen) plain objects. Numbers are exact rationals. Binary operators stay binary (no n-ary sums), so
 * the tree mirrors the text and printers can keep `x − y` as written; the paper-mode lowering and the simplifier
 * flatten as they need. `eml` nodes carry EML sub-expressions the decompiler could not explain, so every EML tree
 * has a correct ordinary-math rendering.
 */
import { type Rational, rational, toString as ratToString } from './rational.ts';
import type { FnName } from './functions.ts';

export type ConstName = 'e' | 'pi' | 'i' | 'phi';
export type BinaryKind = 'add' | 'sub' | 'mul' | 'div' | 'pow';

export type MathNode = NumNode | ConstNode | VarNode | NegNode | BinaryNode | CallNode | EmlCallNode;

export interface NumNode {
  readonly kind: 'num';
  readonly value: Rational;
}
export interface ConstNode {
  readonly kind: 'const';
  readonly name: ConstName;
}
export interface VarNode {
  readonly kind: 'var';
  readonly name: string;
}
export interface NegNode {
  readonly kind: 'neg';
  readonly arg: MathNode;
}
export interface BinaryNode {
  readonly kind: BinaryKind;
  readonly left: MathNode;
  readonly right: MathNode;
}
export interface CallNode {
  readonly kind: 'call';
  readonly fn: FnName;
  readonly args: readonly MathNode[];
}
/** A raw eml(left, right) = exp(left) − ln(right), for parts with no better explanation. */
export interface EmlCallNode {
  readonly kind: 'eml';
  readonly left: MathNode;
  readonly right: MathNode;
}

export const num = (value: Rational | number | bigint, den: number | bigint = 1): NumNode =>
  Object.freeze({ kind: 'num', value: typeof value === 'object' ? value : rational(value, den) });
export const konst = (name: ConstName): ConstNode => Object.freeze({ kind: 'const', name });
export const mvar = (name: string): VarNode => Object.freeze({ kind: 'var', name });
export const neg = (arg: MathNode): NegNode => Object.freeze({ kind: 'neg', arg });
export const bin = (kind: BinaryKind, left: MathNode, right: MathNode): BinaryNode =>
  Object.freeze({ kind, left, right });
export const add = (a: MathNode, b: MathNode) => bin('add', a, b);
export const sub = (a: MathNode, b: MathNode) => bin('sub', a, b);
export const mul = (a: MathNode, b: MathNode) => bin('mul', a, b);
export const div = (a: MathNode, b: MathNode) => bin('div', a, b);
export const pow = (a: MathNode, b: MathNode) => bin('pow', a, b);
export const call = (fn: FnName, ...args: MathNode[]): CallNode =>
  Object.freeze({ kind: 'call', fn, args: Object.freeze([...args]) });
export const emlCall = (left: MathNode, right: MathNode): EmlCallNode => Object.freeze({ kind: 'eml', left, right });

export const isBinary = (n: MathNode): n is BinaryNode =>
  n.kind === 'add' || n.kind === 'sub' || n.kind === 'mul' || n.kind === 'div' || n.kind === 'pow';

/** Direct children, left to right. */
export function children(n: MathNode): readonly MathNode[] {
  switch (n.kind) {
    case 'num':
    case 'const':
    case 'var':
      return [];
    case 'neg':
      return [n.arg];
    case 'call':
      return n.args;
    default:
      return [n.left, n.right];
  }
}

/** Same node kind with new children (same count). */
export function withChildren(n: MathNode, kids: readonly MathNode[]): MathNode {
  switch (n.kind) {
    case 'num':
    case 'const':
    case 'var':
      return n;
    case 'neg':
      return neg(kids[0]);
    case 'call':
      return call(n.fn, ...kids);
    case 'eml':
      return emlCall(kids[0], kids[1]);
    default:
      return bin(n.kind, kids[0], kids[1]);
  }
}

/**
 * Post-order rebuild without recursion (parsed input can be deep): `f` receives each node with its children
 * already mapped, and the node it was rebuilt from (so callers can carry side information such as source spans).
 */
export function mapBottomUp(root: MathNode, f: (node: MathNode, original: MathNode) => MathNode): MathNode {
  const memo = new Map<MathNode, MathNode>();
  const stack: Array<{ node: MathNode; expanded: boolean }> = [{ node: root, expanded: false }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (memo.has(top.node)) {
      stack.pop();
      continue;
    }
    const kids = children(top.node);
    if (!top.expanded && kids.length > 0) {
      top.expanded = true;
      for (let i = kids.length - 1; i >= 0; i--) if (!memo.has(kids[i])) stack.push({ node: kids[i], expanded: false });
      continue;
    }
    stack.pop();
    const mapped = kids.map((k) => memo.get(k)!);
    const same = mapped.every((m, i) => m === kids[i]);
    memo.set(top.node, f(same ? top.node : withChildren(top.node, mapped), top.node));
  }
  return memo.get(root)!;
}

/**
 * Keys already computed. Nodes are immutable, so a node's key never changes; caching it makes keying a node built
 * from keyed children O(1) instead of a walk of its whole subtree (the simplifier keys every term it collects, and
 * without the cache the decompiler was cubic on chains).
 */
const keyCache = new WeakMap<MathNode, string>();

function shallowKey(n: MathNode): string {
  const k = (c: MathNode) => keyCache.get(c)!;
  switch (n.kind) {
    case 'num':
      return ratToString(n.value);
    case 'const':
      return `#${n.name}`;
    case 'var':
      return `$${n.name}`;
    case 'neg':
      return `(neg ${k(n.arg)})`;
    case 'call':
      return `(${n.fn} ${n.args.map(k).join(' ')})`;
    default:
      return `(${n.kind} ${k(n.left)} ${k(n.right)})`;
  }
}

/** Canonical structural key: equal keys ⇔ equal trees. Iterative, stopping at nodes keyed before. */
export function mathKey(root: MathNode): string {
  const hit = keyCache.get(root);
  if (hit !== undefined) return hit;
  const stack: Array<{ node: MathNode; expanded: boolean }> = [{ node: root, expanded: false }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (keyCache.has(top.node)) {
      stack.pop();
      continue;
    }
    if (!top.expanded) {
      top.expanded = true;
      for (const c of children(top.node)) if (!keyCache.has(c)) stack.push({ node: c, expanded: false });
      continue;
    }
    stack.pop();
    keyCache.set(top.node, shallowKey(top.node));
  }
  return keyCache.get(root)!;
}

export const mathEquals = (a: MathNode, b: MathNode): boolean => a === b || mathKey(a) === mathKey(b);

/** Number of nodes (iterative). */
export function mathSize(root: MathNode): number {
  let count = 0;
  const stack: MathNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    count++;
    for (const c of children(n)) stack.push(c);
  }
  return count;
}

/** Variable names used, sorted. */
export function mathVariables(root: MathNode): string[] {
  const names = new Set<string>();
  const stack: MathNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.kind === 'var') names.add(n.name);
    for (const c of children(n)) stack.push(c);
  }
  return [...names].sort();
}
