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
import { formReferences, LOWERINGS, type LoweringTable } from './constructionGraphLowerings.ts';
import { RULES } from './rules.ts';
import { HALF, sAdd, sMul, sPow, sSym, S_I, type S } from './sexpr.ts';
import { sExp, sFn } from './sfunctions.ts';

const graph = constructionGraph();

describe('the map of constructions is derived from the rules table', () => {
  it('has every construction of the table, the leaf 1, and each function of the lowering table without a rule', () => {
    const ruleIds = new Set(RULES.map((r) => r.id));
    const lowered = Object.keys(LOWERINGS).filter((f) => !ruleIds.has(f));
    expect(lowered).toEqual(expect.arrayContaining(['sin', 'cos', 'tan', 'asin', 'acos']));
    expect(graph.nodes.map((n) => n.id).sort()).toEqual([ONE_ID, ...ruleIds, ...lowered].sort());
    // sinh, cosh, tanh are in the table but paper mode builds them with their rules: they stay rule nodes.
    expect(graph.byId.get('sinh')!.kind).toBe('rule');
    expect(graph.byId.get('sin')!.kind).toBe('lowering');
  });

  it('sin and cos depend on what their exp/log forms use: i, exp, mul, add, the numbers', () => {
    for (const f of ['sin', 'cos']) {
      const n = graph.byId.get(f)!;
      expect(n.dependsOn).toEqual(expect.arrayContaining(['i', 'exp', 'mul', 'add', 'neg', 'rational']));
      expect(n.dependsOn).not.toContain('ln');
      for (const d of n.dependsOn) expect(graph.byId.get(d)!.usedBy).toContain(f);
    }
    expect(graph.byId.get('tan')!.dependsOn).toContain('pow'); // the 1/(…) of its quotient
    expect(graph.byId.get('acos')!.dependsOn).toEqual(expect.arrayContaining(['pi', 'i', 'ln', 'pow']));
    expect(graph.byId.get('i')!.usedBy).toEqual(expect.arrayContaining(['sin', 'cos', 'tan']));
  });

  it("gives a lowered function paper mode's tree of f(x) and its K per mode", () => {
    const sin = graph.byId.get('sin')!;
    expect(sin.math).toBe('sin(x)');
    expect(sin.k).toBe(799); // docs/constructions.md#k-table
    expect(sin.kByMode!.paper).toBe(799);
    expect(sin.kByMode!.shortest).toBeLessThan(799);
    expect(graph.byId.get('cos')!.k).toBe(687);
  });

  it('a function added to a copy of the lowering table appears with the edges its form uses', () => {
    // sec z = 2/(e^{iz} + e^{−iz}), a form the compiler's table does not have.
    const sec = (z: S) => sMul(sPow(HALF, sPow(HALF, HALF)), sPow(sAdd(sExp(sMul(S_I, z)), sExp(z)), sPow(HALF, HALF)));
    const table: LoweringTable = { ...LOWERINGS, sec };
    const g = constructionGraph(RULES, { sizes: false, lowerings: table });
    const node = g.byId.get('sec')!;
    expect(g.nodes).toHaveLength(graph.nodes.length + 1);
    expect(node.kind).toBe('lowering');
    expect(node.dependsOn).toEqual(expect.arrayContaining(['pow', 'rational', 'add', 'exp', 'mul', 'i']));
    expect(g.edges).toContainEqual(['i', 'sec']);
    expect(node.k).toBe(node.tree.k);
    expect(constructionLayers(g).flat()).toContain('sec');
    // And without sin in the table, sin is gone and i no longer lists it.
    const { sin: _sin, ...withoutSin } = LOWERINGS;
    const h = constructionGraph(RULES, { sizes: false, lowerings: withoutSin });
    expect(h.byId.has('sin')).toBe(false);
    expect(h.byId.get('i')!.usedBy).not.toContain('sin');
  });

  it('reads a form: numbers are int, rational and neg, I is i, log is ln, a function of the table is its node', () => {
    const form = sMul(S_I, sAdd(sExp(S_I), sPow(S_I, HALF)));
    expect(formReferences(form, ONE_ID).sort()).toEqual(['add', 'exp', 'i', 'mul', 'pow', 'rational']);
    const asin = formReferences(LOWERINGS.asin!(sSym('x')), ONE_ID);
    expect(asin).toEqual(expect.arrayContaining(['ln', 'int', 'neg', ONE_ID]));
    expect(asin).not.toContain('exp');
    expect(formReferences(sFn('acos', sSym('x')), ONE_ID)).toEqual(['acos']);
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
    // sin is below i (and so below π's layer's inputs), as the chain 1 → e → … → π, i, sin reads.
    expect(at.get('sin')!).toBeGreaterThan(at.get('i')!);
  });
});
