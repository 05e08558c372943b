/**
 * The EML abstract syntax tree: S → 1 | variable | eml(S, S).
 *
 * Nodes are immutable and hash-consed: building the same structure twice returns the same object, so
 * structural equality is reference equality (`a === b`), shared subtrees are shared in memory, and a tree
 * with 10⁵ repeated subtrees costs only its distinct nodes. Every node caches K, depth and a structural hash
 * that is stable across processes (workers, saved files), unlike `id`, which is process-local.
 */

export type EmlNode = OneLeaf | VarLeaf | EmlPair;

interface NodeBase {
  /** Process-local unique id; equal ids ⇔ equal structure. */
  readonly id: number;
  /** Deterministic 32-bit structural hash (same tree → same hash in every process). */
  readonly hash: number;
  /** RPN length: leaves + eml nodes. */
  readonly k: number;
  /** Number of eml levels on the longest root-to-leaf path (a leaf has depth 0). */
  readonly depth: number;
}

export interface OneLeaf extends NodeBase {
  readonly kind: 'one';
}

export interface VarLeaf extends NodeBase {
  readonly kind: 'var';
  readonly name: string;
}

export interface EmlPair extends NodeBase {
  readonly kind: 'eml';
  /** The exp side: eml(left, right) = exp(left) − ln(right). */
  readonly left: EmlNode;
  /** The ln side. */
  readonly right: EmlNode;
}

/** Identifiers that name the operator itself in some syntax, so they cannot be variables. */
const RESERVED = new Set(['e', 'eml']);
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/**
 * Longest variable name. Names are shown in tree labels, KaTeX, legends and exports, all of which grow with them;
 * a 50 000-character name froze the page for seconds while every core step stayed fast, so long names are
 * refused where they enter (the parsers, tree JSON) rather than handled by every view.
 */
export const MAX_NAME_LENGTH = 256;

/** `name` quoted for a message, cut short when long. */
const shown = (name: string) => JSON.stringify(name.length <= 40 ? name : `${name.slice(0, 40)}…`);

/** Why `name` cannot be a variable, or null when it can. */
export function invalidVariableReason(name: string): string | null {
  if (name.length > MAX_NAME_LENGTH)
    return `${shown(name)} is ${name.length} characters long; names have at most ${MAX_NAME_LENGTH}`;
  if (!IDENTIFIER.test(name))
    return `${shown(name)} is not an identifier (letters, digits and _, not starting with a digit)`;
  if (RESERVED.has(name.toLowerCase()))
    return `${shown(name)} names the eml operator (E/eml, any case) and cannot be a variable`;
  return null;
}

let nextId = 0;
const varTable = new Map<string, VarLeaf>();
/**
 * Weak so that trees nobody holds any more (old parses of a 1 MB input, discarded training snapshots) are
 * collected; a strong table would grow without bound over a session.
 */
const pairTable = new Map<string, WeakRef<EmlPair>>();
const collected = new FinalizationRegistry<string>((key) => {
  if (pairTable.get(key)?.deref() === undefined) pairTable.delete(key);
});

function mix(h: number, v: number): number {
  // murmur3-style mixing; Math.imul keeps it in 32 bits.
  h = Math.imul(h ^ v, 0x5bd1e995);
  return (h ^ (h >>> 15)) >>> 0;
}

function stringHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export const ONE: OneLeaf = Object.freeze({ kind: 'one', id: nextId++, hash: 0x9e3779b9, k: 1, depth: 0 });

export function variable(name: string): VarLeaf {
  const found = varTable.get(name);
  if (found) return found;
  const reason = invalidVariableReason(name);
  if (reason) throw new Error(reason);
  const leaf: VarLeaf = Object.freeze({
    kind: 'var',
    name,
    id: nextId++,
    hash: mix(0x27d4eb2f, stringHash(name)),
    k: 1,
    depth: 0,
  });
  varTable.set(name, leaf);
  return leaf;
}

export function eml(left: EmlNode, right: EmlNode): EmlPair {
  const key = `${left.id},${right.id}`;
  const found = pairTable.get(key)?.deref();
  if (found) return found;
  const node: EmlPair = Object.freeze({
    kind: 'eml',
    left,
    right,
    id: nextId++,
    hash: mix(mix(0x85ebca6b, left.hash), right.hash),
    k: left.k + right.k + 1,
    depth: Math.max(left.depth, right.depth) + 1,
  });
  pairTable.set(key, new WeakRef(node));
  collected.register(node, key);
  return node;
}

/** Number of eml nodes currently in the hash-consing table (collected ones leave it). */
export function internedNodeCount(): number {
  return pairTable.size;
}

export const isLeaf = (n: EmlNode): n is OneLeaf | VarLeaf => n.kind !== 'eml';

/**
 * Distinct nodes of the DAG rooted at `root`, children before parents (a topological order: left subtree, right
 * subtree, node), with each node's position by id. Iterative, so 100 000-deep trees are fine. One map is both the
 * visited set and the index, so a caller that needs positions (treeCodec.ts, on the page at K 200 001) builds
 * no second one.
 */
export function topoIndex(root: EmlNode): { order: EmlNode[]; index: Map<number, number> } {
  const order: EmlNode[] = [];
  const index = new Map<number, number>();
  const stack: EmlNode[] = [root];
  while (stack.length > 0) {
    const node = stack[stack.length - 1];
    if (index.has(node.id)) {
      stack.pop();
      continue;
    }
    if (node.kind === 'eml') {
      const leftDone = index.has(node.left.id);
      const rightDone = index.has(node.right.id);
      if (!leftDone || !rightDone) {
        if (!rightDone) stack.push(node.right);
        if (!leftDone) stack.push(node.left);
        continue;
      }
    }
    stack.pop();
    index.set(node.id, order.length);
    order.push(node);
  }
  return { order, index };
}

/** topoIndex's order alone. */
export const topoOrder = (root: EmlNode): EmlNode[] => topoIndex(root).order;

/**
 * The number of distinct nodes of `root`'s DAG, or null as soon as it passes `limit`: a cheap guard before work that
 * grows with the DAG (it visits at most `limit` + 1 nodes, however large the tree).
 */
export function distinctCountUpTo(root: EmlNode, limit: number): number | null {
  const seen = new Set<number>();
  const stack: EmlNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (seen.has(node.id)) continue;
    seen.add(node.id);
    if (seen.size > limit) return null;
    if (node.kind === 'eml') stack.push(node.right, node.left);
  }
  return seen.size;
}

/**
 * The nodes of `root`'s DAG for which `known` is false, children before parents, without entering known nodes.
 * For memo tables filled bottom-up: asking about a node whose children are known costs O(1), where topoOrder
 * would walk its whole subtree again (which made per-node memoised evaluations quadratic on deep trees).
 */
export function unknownNodes(root: EmlNode, known: (n: EmlNode) => boolean): EmlNode[] {
  const out: EmlNode[] = [];
  const done = new Set<EmlNode>();
  const skip = (n: EmlNode) => done.has(n) || known(n);
  if (known(root)) return out;
  const stack: EmlNode[] = [root];
  const expanded: boolean[] = [false];
  while (stack.length > 0) {
    const top = stack.length - 1;
    const node = stack[top];
    if (done.has(node)) {
      stack.pop();
      expanded.pop();
      continue;
    }
    if (node.kind === 'eml' && !expanded[top]) {
      expanded[top] = true;
      if (!skip(node.right)) {
        stack.push(node.right);
        expanded.push(false);
      }
      if (!skip(node.left)) {
        stack.push(node.left);
        expanded.push(false);
      }
      continue;
    }
    stack.pop();
    expanded.pop();
    done.add(node);
    out.push(node);
  }
  return out;
}

/** Rebuild `root` bottom-up, replacing each leaf by `leafMap(leaf)` (e.g. substitute a variable). */
export function mapLeaves(root: EmlNode, leafMap: (leaf: OneLeaf | VarLeaf) => EmlNode): EmlNode {
  const rebuilt = new Map<number, EmlNode>();
  for (const n of topoOrder(root)) {
    rebuilt.set(n.id, n.kind === 'eml' ? eml(rebuilt.get(n.left.id)!, rebuilt.get(n.right.id)!) : leafMap(n));
  }
  return rebuilt.get(root.id)!;
}

/** Replace the subtree at `path` (a string of 'L'/'R' steps from the root) by `replacement`. */
export function replaceAt(root: EmlNode, path: string, replacement: EmlNode): EmlNode {
  const spine: EmlPair[] = [];
  let node = root;
  for (let i = 0; i < path.length; i++) {
    if (node.kind !== 'eml') throw new Error(`path ${path} leaves the tree at step ${i + 1}`);
    spine.push(node);
    node = path[i] === 'L' ? node.left : node.right;
  }
  let result = replacement;
  for (let i = spine.length - 1; i >= 0; i--) {
    result = path[i] === 'L' ? eml(result, spine[i].right) : eml(spine[i].left, result);
  }
  return result;
}

/** The subtree at `path`, or undefined when the path leaves the tree. */
export function nodeAt(root: EmlNode, path: string): EmlNode | undefined {
  let node = root;
  for (const step of path) {
    if (node.kind !== 'eml') return undefined;
    node = step === 'L' ? node.left : node.right;
  }
  return node;
}
