import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eml, ONE, topoOrder, variable, type EmlNode } from './ast.ts';
import { emlTree } from './fuzz/arbitraries.ts';
import { decodeTree, encodedSize, encodeTree, treeDecoder } from './treeCodec.ts';
import { metrics } from './metrics.ts';

function chain(depth: number): EmlNode {
  let t: EmlNode = variable('x');
  for (let i = 0; i < depth; i++) t = eml(t, ONE);
  return t;
}

/** A seeded random tree of n eml nodes over x, y, 1 (built bottom-up, so deep ones do not recurse). */
function randomTree(n: number, seed: number): EmlNode {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const pool: EmlNode[] = [];
  const leafOf = () => [ONE, variable('x'), variable('y')][Math.floor(rnd() * 3)];
  for (let i = 0; i < n; i++) {
    const pick = () => (pool.length > 0 && rnd() < 0.7 ? pool.splice(Math.floor(rnd() * pool.length), 1)[0] : leafOf());
    pool.push(eml(pick(), pick()));
  }
  return pool.reduce((a, b) => eml(a, b));
}

describe('treeCodec', () => {
  it('round-trips random trees to the very same (hash-consed) node', () => {
    fc.assert(
      fc.property(emlTree, (t) => {
        const enc = encodeTree(t);
        expect(decodeTree(enc)).toBe(t);
        // A copy (as after a transfer) decodes the same.
        expect(decodeTree({ nodes: enc.nodes.slice(), names: [...enc.names] })).toBe(t);
      }),
      { numRuns: 300 },
    );
  });

  it('lists the distinct nodes in topoOrder, children first and the root last', () => {
    fc.assert(
      fc.property(emlTree, (t) => {
        const enc = encodeTree(t);
        const order = topoOrder(t);
        expect(encodedSize(enc)).toBe(order.length);
        const at = new Map(order.map((n, i) => [n.id, i]));
        order.forEach((n, i) => {
          const [a, b] = [enc.nodes[2 * i], enc.nodes[2 * i + 1]];
          if (n.kind === 'eml') expect([a, b]).toEqual([at.get(n.left.id), at.get(n.right.id)]);
          else if (n.kind === 'one') expect([a, b]).toEqual([-1, 0]);
          else expect(enc.names[-2 - a]).toBe(n.name);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('stores each distinct node once and each name once', () => {
    const x = variable('x');
    const shared = eml(x, x);
    const t = eml(shared, shared);
    const enc = encodeTree(t);
    expect(encodedSize(enc)).toBe(3); // x, eml(x,x), root
    expect(enc.names).toEqual(['x']);
    expect(Array.from(enc.nodes)).toEqual([-2, 0, 0, 0, 1, 1]);
  });

  it('round-trips a 100 000-deep chain and a K 200 001 random tree, also in steps', () => {
    for (const t of [chain(100_000), randomTree(100_000, 7)]) {
      const enc = encodeTree(t);
      expect(decodeTree(enc)).toBe(t);
      const d = treeDecoder({ nodes: enc.nodes.slice(), names: enc.names });
      let root: EmlNode | null = null;
      let steps = 0;
      while (root === null) {
        root = d.step(20_000);
        steps++;
      }
      expect(root).toBe(t);
      expect(steps).toBe(Math.ceil(d.total / 20_000));
      expect(metrics(root).k).toBe(t.k);
    }
  });

  it('refuses damaged encodings with a message naming the entry', () => {
    expect(() => decodeTree({ nodes: new Int32Array(0), names: [] })).toThrow(/0 entries/);
    expect(() => decodeTree({ nodes: new Int32Array([-1]), names: [] })).toThrow(/even/);
    expect(() => decodeTree({ nodes: new Int32Array([-1, 0, 1, 0]), names: [] })).toThrow(/node 1 refers to 1, 0/);
    expect(() => decodeTree({ nodes: new Int32Array([-1, 0, 0, -3]), names: [] })).toThrow(/node 1/);
    expect(() => decodeTree({ nodes: new Int32Array([-3, 0]), names: ['x'] })).toThrow(
      /variable 1, but there are 1 names/,
    );
    expect(() => decodeTree({ nodes: new Int32Array([-2, 0]), names: ['eml'] })).toThrow(/eml/);
  });
});
