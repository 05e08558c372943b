import { describe, expect, it } from 'vitest';
import { variable } from '../ast.ts';
import * as P from './primitives.ts';
import {
  constructionGraph,
  constructionLayers,
  findCycle,
  ONE_ID,
  templateReferences,
  type GraphRule,
} from './constructionGraph.ts';
import { RULES } from './rules.ts';

const graph = constructionGraph();

describe('the map of constructions is derived from the rules table', () => {
  it('has every construction of the table, and the leaf 1', () => {
    expect(graph.nodes.map((n) => n.id).sort()).toEqual([ONE_ID, ...RULES.map((r) => r.id)].sort());
  });

  it('has no cycle, and every edge points from an existing node to one that uses it', () => {
    expect(findCycle(graph.nodes, graph.byId)).toBeNull();
    for (const [from, to] of graph.edges) {
      expect(graph.byId.get(to)!.dependsOn).toContain(from);
      expect(graph.byId.get(from)!.usedBy).toContain(to);
    }
  });

  it('reads the templates: sub uses ln and exp, 0 is ln 1, pi uses i, pow-short the short product', () => {
    expect(graph.byId.get('sub')!.dependsOn.sort()).toEqual(['exp', 'ln']);
    expect(graph.byId.get('zero')!.dependsOn.sort()).toEqual([ONE_ID, 'ln']);
    expect(graph.byId.get('pi')!.dependsOn).toContain('i');
    expect(graph.byId.get('pow-short')!.dependsOn).toContain('mul-short');
    expect(graph.byId.get('e')!.dependsOn).toEqual([ONE_ID]);
    expect(graph.byId.get(ONE_ID)!.usedBy).toContain('e');
  });

  it('gives each node its tree over x, y and the K of each mode', () => {
    const sub = graph.byId.get('sub')!;
    expect(sub.k).toBe(11);
    expect(sub.tree).toBe(P.sub(variable('x'), variable('y')));
    expect(sub.kByMode).toEqual({ paper: 83, robust: 11, shortest: 11 });
    expect(graph.byId.get('pi')!.kByMode!.paper).toBe(193);
    expect(constructionGraph(RULES, { sizes: false }).byId.get('pi')!.kByMode).toBeNull();
    for (const n of graph.nodes) {
      const rule = RULES.find((r) => r.id === n.id);
      if (rule) expect(n.k).toBe(rule.k(...rule.operands.map(() => 1)));
    }
  });

  it('a rule added to a copy of the table appears with its edges', () => {
    const square: GraphRule = {
      id: 'square-test',
      title: 'square (fixture)',
      modes: ['compact'],
      operands: ['z'],
      formula: 'mul_short(z, z)',
      math: 'z^2',
      k: (z) => 2 * z + 15,
      build: (z) => P.mulShort(z, z),
    };
    const g = constructionGraph([...RULES, square]);
    const node = g.byId.get('square-test')!;
    expect(node.dependsOn).toEqual(['mul-short']);
    expect(g.byId.get('mul-short')!.usedBy).toContain('square-test');
    expect(g.edges).toContainEqual(['mul-short', 'square-test']);
    expect(node.k).toBe(17);
    expect(g.nodes).toHaveLength(graph.nodes.length + 1);
    expect(constructionLayers(g).flat()).toContain('square-test');
  });

  it('refuses a table whose templates refer to each other in a cycle', () => {
    const a: GraphRule = { ...RULES[0], id: 'ping', formula: 'pong(z)' };
    const b: GraphRule = { ...RULES[0], id: 'pong', formula: 'ping(z)' };
    expect(() => constructionGraph([a, b])).toThrow(/cycle: (ping → pong → ping|pong → ping → pong)/);
  });

  it('reads symbols: I is i, −∞ is ln 0, 2z is doubling, integers are int, _clean is the rule itself', () => {
    const ids = new Set(RULES.map((r) => r.id));
    expect(templateReferences('mul(I, ln(−1))', ids)).toEqual(['mul', 'i', 'ln', 'neg']);
    expect(templateReferences('EML[−∞, exp z]', ids)).toEqual(['zero', 'exp']);
    expect(templateReferences('div(sub(exp(2z), 1), mul(2, exp z))', ids)).toEqual([
      'div',
      'sub',
      'exp',
      'double',
      ONE_ID,
      'mul',
      'int',
    ]);
    expect(templateReferences('exp(add_clean(ln a, ln b))', ids)).toEqual(['exp', 'add', 'ln']);
    expect(templateReferences('term ← add(term, term) on set bits', ids)).toEqual(['add']);
  });

  it('layers put every construction below everything it uses', () => {
    const layers = constructionLayers(graph);
    const at = new Map(layers.flatMap((row, i) => row.map((id) => [id, i] as const)));
    expect(layers[0]).toEqual([ONE_ID]);
    for (const [from, to] of graph.edges) expect(at.get(from)!).toBeLessThan(at.get(to)!);
  });
});
