import { describe, expect, it } from 'vitest';
import { eml, ONE, variable } from '../../eml/ast.ts';
import { compile } from '../../eml/compiler/compile.ts';
import { metrics } from '../../eml/metrics.ts';
import { layoutDag } from './dagLayout.ts';

describe('layoutDag: each distinct subtree once, with its reference count', () => {
  it('draws the distinct nodes of a paper-mode product, edges downwards, counts matching the tree', () => {
    const tree = compile('x*y', { mode: 'paper' }).tree;
    const m = metrics(tree);
    const dag = layoutDag(tree)!;
    expect(dag.nodes).toHaveLength(m.distinctSubtrees);
    expect(dag.nodes.length).toBeLessThan(tree.k);
    expect(dag.edges).toHaveLength(2 * m.distinctEmlNodes);
    for (const e of dag.edges) expect(e.to.y).toBeGreaterThan(e.from.y);
    // Every parent slot is one reference; every leaf copy of the tree is one occurrence of a leaf.
    expect(dag.nodes.reduce((s, d) => s + d.refs, 0)).toBe(dag.edges.length);
    const leafCopies = dag.nodes.filter((d) => d.node.kind !== 'eml').reduce((s, d) => s + d.occurrences, 0);
    expect(leafCopies).toBe(m.leaves);
    expect(dag.shared).toBeGreaterThan(0);
    expect(dag.nodes.find((d) => d.node === tree)!.occurrences).toBe(1);
  });

  it('counts a subtree used twice by one parent twice, and puts it below its lowest parent', () => {
    const e = eml(ONE, ONE);
    const tree = eml(eml(e, e), e);
    const dag = layoutDag(tree)!;
    const de = dag.nodes.find((d) => d.node === e)!;
    expect(de.refs).toBe(3);
    expect(de.occurrences).toBe(3);
    expect(de.y).toBeGreaterThan(dag.nodes.find((d) => d.node === eml(e, e))!.y);
    expect(dag.nodes.find((d) => d.node === ONE)!.occurrences).toBe(6);
  });

  it('refuses a DAG over the limit', () => {
    const tree = compile('x*y', { mode: 'paper' }).tree;
    expect(layoutDag(tree, 5)).toBeNull();
    expect(layoutDag(variable('x'))!.nodes).toHaveLength(1);
  });
});
