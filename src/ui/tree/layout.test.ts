import { describe, expect, it } from 'vitest';
import { eml, nodeAt, ONE, variable, type EmlNode } from '../../eml/ast.ts';
import { trace } from '../../eml/evaluate/interpreter.ts';
import { readInput } from '../../eml/input.ts';
import { parseEml } from '../../eml/syntax/index.ts';
import { createRecogniser } from '../../eml/decompiler/blocks.ts';
import { layoutTree, move, visibleAncestor, visibleFlags, visibleTree, type TreeLayout } from './layout.ts';

const X = variable('x');
const parse = (t: string) => parseEml(t).tree;
const recognise = createRecogniser();
const all = (tree: EmlNode, expanded = true): TreeLayout => layoutTree(tree, { recognise, isExpanded: () => expanded });

describe('layoutTree', () => {
  it('draws every node of a small tree, in pre-order, with exp/ln roles', () => {
    const tree = parse('EML[1,EML[EML[1,x],1]]');
    const l = layoutTree(tree, { recognise: null, isExpanded: () => true });
    expect(l.nodes.length).toBe(tree.k);
    expect(l.nodes.map((n) => n.datum.path)).toEqual(['', 'L', 'R', 'RL', 'RLL', 'RLR', 'RR']);
    expect(l.nodes.map((n) => n.datum.role)).toEqual([null, 'exp', 'ln', 'exp', 'exp', 'ln', 'ln']);
    expect(l.nodes.map((n) => n.datum.kind)).toEqual(['eml', 'one', 'eml', 'eml', 'one', 'var', 'one']);
    for (const n of l.nodes) expect(nodeAt(tree, n.datum.path)).toBe(n.datum.node);
  });

  it('puts the exp side left of the ln side, children one level below, without overlaps', () => {
    const tree = parse('eml(eml(x, 1), eml(1, eml(x, x)))');
    const l = all(tree);
    for (const n of l.nodes) {
      if (n.children.length === 2) expect(n.children[0].x).toBeLessThan(n.children[1].x);
      for (const c of n.children) expect(c.y).toBeGreaterThan(n.y);
    }
    const levels = new Map<number, typeof l.nodes>();
    for (const n of l.nodes) levels.set(n.depth, [...(levels.get(n.depth) ?? []), n]);
    for (const row of levels.values()) {
      const sorted = [...row].sort((a, b) => a.x - b.x);
      for (let i = 1; i < sorted.length; i++)
        expect(sorted[i].x - sorted[i - 1].x).toBeGreaterThanOrEqual(sorted[i].halfWidth + sorted[i - 1].halfWidth);
    }
    expect(l.bounds.x0).toBeLessThan(Math.min(...l.nodes.map((n) => n.x)));
  });

  it('collapses a recognised block into one node with its arguments as children', () => {
    const tree = parse('EML[1,EML[EML[1,x],1]]'); // ln(x)
    const collapsed = all(tree, false);
    expect(collapsed.nodes.length).toBe(2);
    const [block, arg] = collapsed.nodes;
    expect(block.datum.kind).toBe('block');
    expect(block.datum.block?.name).toBe('ln');
    expect(arg.datum.path).toBe('RLR'); // the argument keeps its real path
    expect(arg.datum.node).toBe(X);
    expect(arg.datum.role).toBe('arg');
    const expanded = all(tree, true);
    expect(expanded.nodes[0].datum.kind).toBe('eml');
    expect(expanded.nodes[0].datum.block?.name).toBe('ln');
    expect(expanded.nodes[0].datum.expanded).toBe(true);
  });

  it('follows per-path expansion, so a block inside an expanded block can stay collapsed', () => {
    const tree = parse('eml(EML[1,EML[EML[1,x],1]], 1)'); // exp(ln x)
    const l = layoutTree(tree, { recognise, isExpanded: (p) => p === '' });
    const inner = l.byPath.get('L');
    expect(l.nodes[0].datum.kind).not.toBe('block');
    expect(inner?.datum.kind).toBe('block');
    expect(inner?.datum.block?.name).toBe('ln');
  });

  it('starts the K=1183 paper-mode tan(x) collapsed into a handful of nodes, and lays it out whole when expanded', () => {
    const r = readInput('tan(x)', { kind: 'math', compileMode: 'paper', clean: false });
    if (!r.ok) throw r.error;
    expect(r.tree.k).toBe(1183);
    const small = all(r.tree, false);
    expect(small.nodes.length).toBeLessThan(10);
    expect(small.nodes[0].datum.block?.name).toBe('tan');
    // Its time is measured on the page by npm run perf:playground (tan(x) input → drawn).
    const big = all(r.tree, true);
    expect(big.nodes.length).toBe(1183);
    expect(new Set(big.nodes.map((n) => n.datum.path)).size).toBe(1183);
  });

  it('elides subtrees beyond the node cap instead of building millions of nodes', () => {
    let t: EmlNode = X;
    for (let i = 0; i < 40; i++) t = eml(t, t); // K = 2^41 − 1 thanks to sharing
    const v = visibleTree(t, { recognise: null, isExpanded: () => true, maxNodes: 300 });
    const l = layoutTree(t, { recognise: null, isExpanded: () => true, maxNodes: 300 });
    expect(v.elided).toBeGreaterThan(0);
    expect(l.nodes.length).toBeLessThanOrEqual(300 + v.elided);
    expect(l.nodes.some((n) => n.datum.kind === 'elided')).toBe(true);
  });

  it('handles a 20 000-deep chain without recursion limits', () => {
    let t: EmlNode = X;
    for (let i = 0; i < 20_000; i++) t = eml(t, ONE);
    const l = layoutTree(t, { recognise: null, isExpanded: () => true, maxNodes: 5000 });
    expect(l.nodes.length).toBeGreaterThan(4000);
  });
});

describe('navigation and bookkeeping', () => {
  const tree = parse('eml(eml(x, 1), eml(1, x))');
  const l = all(tree);
  const at = (p: string) => l.byPath.get(p)!;
  it('moves to parent, children and siblings, staying put at the edges', () => {
    expect(move(l, at(''), 'first-child').datum.path).toBe('L');
    expect(move(l, at('L'), 'next-sibling').datum.path).toBe('R');
    expect(move(l, at('R'), 'next-sibling').datum.path).toBe('R');
    expect(move(l, at('R'), 'prev-sibling').datum.path).toBe('L');
    expect(move(l, at('RL'), 'parent').datum.path).toBe('R');
    expect(move(l, at(''), 'parent').datum.path).toBe('');
    expect(move(l, at('RR'), 'root').datum.path).toBe('');
    expect(move(l, at('LR'), 'first-child').datum.path).toBe('LR');
    expect(at('R').index).toBe(1);
    expect(at('R').siblings).toBe(2);
  });

  it('maps a path hidden in a collapsed block to the block', () => {
    const ln = parse('EML[1,EML[EML[1,x],1]]');
    const c = all(ln, false);
    expect(visibleAncestor(c, 'RL')?.datum.path).toBe('');
    expect(visibleAncestor(c, 'RLR')?.datum.path).toBe('RLR');
  });

  it('shows flags on nodes, and a collapsed block shows the flags of what it hides', () => {
    // eml(1, eml(x, 1)) at x = −∞ … simpler: ln 0 inside: eml(1, 0) where 0 = eml(1, eml(eml(1,1),1)).
    const zeroLn = eml(ONE, eml(eml(ONE, ONE), ONE)); // e − ln(e^e) = 0
    const tree = eml(ONE, zeroLn); // ln side is 0 → ln0 at the root
    const tr = trace(tree, { x: 1 });
    const flags = visibleFlags(all(tree), tr);
    expect(flags.get('')).toContain('ln0');
  });
});
