import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distinctCountUpTo, eml, ONE, topoIndex, topoOrder, unknownNodes, variable, type EmlNode } from './ast.ts';

const leaf = fc.constantFrom<EmlNode>(ONE, variable('x'), variable('y'));
const { tree } = fc.letrec<{ tree: EmlNode }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.tuple(tie('tree'), tie('tree')).map(([l, r]) => eml(l, r)),
  ),
}));

describe('topoIndex', () => {
  /** The order by definition: a recursive walk, left subtree, right subtree, then the node, each node once. */
  const reference = (t: EmlNode): EmlNode[] => {
    const out: EmlNode[] = [];
    const seen = new Set<number>();
    const go = (n: EmlNode): void => {
      if (seen.has(n.id)) return;
      if (n.kind === 'eml') {
        go(n.left);
        go(n.right);
      }
      seen.add(n.id);
      out.push(n);
    };
    go(t);
    return out;
  };

  it("is the recursive walk's order, with each node's position by id", () => {
    fc.assert(
      fc.property(tree, (t) => {
        const { order, index } = topoIndex(t);
        expect(order).toEqual(reference(t));
        expect(topoOrder(t)).toEqual(order);
        expect(index.size).toBe(order.length);
        order.forEach((n, i) => expect(index.get(n.id)).toBe(i));
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('walks a 100 000-deep chain without recursion', () => {
    let t: EmlNode = variable('x');
    for (let i = 0; i < 100_000; i++) t = eml(t, ONE);
    const { order } = topoIndex(t);
    expect(order.length).toBe(100_002);
    expect(order[order.length - 1]).toBe(t);
  });
});

describe('unknownNodes', () => {
  it('lists exactly the unknown nodes of the DAG, once each, children first, without entering known ones', () => {
    fc.assert(
      fc.property(tree, fc.integer({ min: 0, max: 3 }), (t, every) => {
        const all = topoOrder(t);
        // Mark some nodes known the way memo tables fill up: a node is known only if its children are.
        const known = new Set<EmlNode>();
        all.forEach((n, i) => {
          if (every > 0 && i % (every + 1) === 0 && (n.kind !== 'eml' || (known.has(n.left) && known.has(n.right))))
            known.add(n);
        });
        const got = unknownNodes(t, (n) => known.has(n));
        expect(new Set(got).size).toBe(got.length);
        expect(new Set(got)).toEqual(new Set(all.filter((n) => !known.has(n))));
        const position = new Map(got.map((n, i) => [n, i]));
        for (const n of got) {
          if (n.kind !== 'eml') continue;
          for (const c of [n.left, n.right]) if (!known.has(c)) expect(position.get(c)!).toBeLessThan(position.get(n)!);
        }
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('costs nothing below known nodes: a 100 000-deep known chain is not walked', () => {
    let t: EmlNode = variable('x');
    for (let i = 0; i < 100_000; i++) t = eml(t, ONE);
    const top = eml(t, t);
    let asked = 0;
    const got = unknownNodes(top, (n) => {
      asked++;
      return n === t;
    });
    expect(got).toEqual([top]);
    expect(asked).toBeLessThanOrEqual(3);
  });
});

describe('distinctCountUpTo', () => {
  it('counts the distinct nodes of a DAG, or says null once past the limit, also on a 100 000-deep tree', () => {
    const x = variable('x');
    const shared = eml(x, ONE);
    expect(distinctCountUpTo(eml(shared, shared), 10)).toBe(4); // 1, x, eml(x, 1), the root
    expect(distinctCountUpTo(eml(shared, shared), 3)).toBeNull();
    let deep: EmlNode = x;
    for (let i = 0; i < 100_000; i++) deep = eml(deep, ONE);
    expect(distinctCountUpTo(deep, 200_000)).toBe(100_002);
    expect(distinctCountUpTo(deep, 4_000)).toBeNull();
  });
});
