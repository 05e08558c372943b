/**
 * A tree as one Int32Array and a name table: the form in which a tree crosses a thread boundary. Trees are
 * hash-consed per thread (ast.ts), so a worker cannot hand its nodes over; structured cloning 200 000 nested
 * objects would also cost the receiving thread as much as parsing. This form is transferable (no copy) and
 * stores each distinct node once, so shared subtrees stay shared.
 *
 * Layout: two int32 per distinct node, children before parents (topoOrder), the root last.
 *   1           → [-1, 0]
 *   variable j  → [-2 - j, 0]     (j indexes `names`)
 *   eml(a, b)   → [ia, ib]        (indices of earlier entries)
 * Decoding checks every entry (range, order, names), so a damaged message is an error, never a wrong tree.
 */
import { eml, ONE, topoIndex, variable, type EmlNode } from './ast.ts';

export interface EncodedTree {
  /** Pairs per distinct node, as above. */
  nodes: Int32Array;
  names: string[];
}

export function encodeTree(root: EmlNode): EncodedTree {
  const { order, index } = topoIndex(root);
  const nodes = new Int32Array(order.length * 2);
  const nameIndex = new Map<string, number>();
  const names: string[] = [];
  order.forEach((n, i) => {
    if (n.kind === 'one') nodes[2 * i] = -1;
    else if (n.kind === 'var') {
      let j = nameIndex.get(n.name);
      if (j === undefined) {
        j = names.length;
        names.push(n.name);
        nameIndex.set(n.name, j);
      }
      nodes[2 * i] = -2 - j;
    } else {
      nodes[2 * i] = index.get(n.left.id)!;
      nodes[2 * i + 1] = index.get(n.right.id)!;
    }
  });
  return { nodes, names };
}

/** Distinct nodes in an encoded tree. */
export const encodedSize = (enc: EncodedTree): number => enc.nodes.length >> 1;

/**
 * Decodes in steps of at most `maxNodes` nodes, so a caller on a UI thread can yield between steps (building
 * 200 000 hash-consed nodes is itself ~100 ms or more). `step` returns the root once the last node is built, null
 * before; it throws an Error naming the entry when the encoding is damaged.
 */
export function treeDecoder(enc: EncodedTree): {
  step(maxNodes: number): EmlNode | null;
  readonly done: number;
  readonly total: number;
} {
  const { nodes, names } = enc;
  if (nodes.length === 0 || nodes.length % 2 !== 0)
    throw new Error(`encoded tree: ${nodes.length} entries (expected a positive even number)`);
  const total = nodes.length >> 1;
  const built: EmlNode[] = new Array(total);
  const leaves = new Map<number, EmlNode>();
  let at = 0;
  const leaf = (code: number, i: number): EmlNode => {
    let n = leaves.get(code);
    if (n) return n;
    if (code === -1) n = ONE;
    else {
      const name = names[-2 - code];
      if (typeof name !== 'string')
        throw new Error(`encoded tree: node ${i} names variable ${-2 - code}, but there are ${names.length} names`);
      n = variable(name); // throws on a name the parsers would refuse
    }
    leaves.set(code, n);
    return n;
  };
  return {
    get done() {
      return at;
    },
    total,
    step(maxNodes) {
      const end = Math.min(total, at + Math.max(1, maxNodes));
      for (; at < end; at++) {
        const a = nodes[2 * at];
        const b = nodes[2 * at + 1];
        if (a < 0) built[at] = leaf(a, at);
        else {
          if (a >= at || b < 0 || b >= at)
            throw new Error(`encoded tree: node ${at} refers to ${a}, ${b} (children must come earlier)`);
          built[at] = eml(built[a], built[b]);
        }
      }
      return at === total ? built[total - 1] : null;
    },
  };
}

/** The whole tree at once (workers, tests, small trees). */
export function decodeTree(enc: EncodedTree): EmlNode {
  return treeDecoder(enc).step(Number.MAX_SAFE_INTEGER)!;
}
