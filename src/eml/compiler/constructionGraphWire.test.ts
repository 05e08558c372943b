import { describe, expect, it } from 'vitest';
import { parseEml } from '../syntax/index.ts';
import { constructionGraph } from './constructionGraph.ts';
import { mapGraph, mapNodeSizes } from './constructionGraphWire.ts';

const graph = constructionGraph(undefined, { sizes: false });
const wire = mapGraph();

describe('the map as data for the page', () => {
  it('has the graph’s nodes, edges and layers, and is plain data (structured-cloneable)', () => {
    expect(wire.nodes.map((n) => n.id)).toEqual(graph.nodes.map((n) => n.id));
    expect(wire.edges).toEqual(graph.edges);
    expect(wire.layers.flat().sort()).toEqual(wire.nodes.map((n) => n.id).sort());
    expect(structuredClone(wire)).toEqual(wire);
  });

  it('opens a rule as the EML text of its tree, and a lowered function as f(x) in paper mode', () => {
    for (const n of wire.nodes) {
      if (n.kind === 'rule') {
        expect(n.open.inputKind).toBe('eml');
        expect(parseEml(n.open.text).tree.k, n.id).toBe(n.k);
      } else expect(n.open).toEqual({ inputKind: 'math', text: n.math, compileMode: 'paper' });
    }
    expect(wire.nodes.find((n) => n.id === 'sin')!.open).toEqual({
      inputKind: 'math',
      text: 'sin(x)',
      compileMode: 'paper',
    });
  });

  it('sizes a node by compiling its value in each mode', () => {
    expect(mapNodeSizes({ math: 'x - y' })).toEqual({ paper: 83, robust: 11, shortest: 11 });
    expect(mapNodeSizes({ math: '1' })).toEqual({ paper: 1, robust: 1, shortest: 1 });
    expect(mapNodeSizes({ math: 'sin(x)' }).paper).toBe(799);
  });
});
