/**
 * The map of constructions: which construction of the rules table is built from which, derived from the table
 * itself (each rule's `formula`, the template written in docs/constructions.md#primitives notation), so that a rule
 * added to the table appears on the map with its edges and the map cannot drift from the compiler.
 *
 * A template names earlier rules by id (`sub`, `mul_short` for `mul-short`, `neg_clean` for the clean variant of
 * `neg`) and a few by symbol (I is the rule `i`, −∞ is ln 0, integers are built by `int` in the paper's rules).
 * The leaf 1 is a node of its own: the constructions that use nothing but EML and 1 hang from it. The functions
 * without a rule (sin, cos, …) are nodes too, read off the compiler's exp/log lowering table
 * (constructionGraphLowerings.ts): their edges are the constructions their lowered forms use.
 */
import { ONE, variable, type EmlNode } from '../ast.ts';
import { compile } from './compile.ts';
import type { KByMode, SizeMode } from './kWording.ts';
import { LOWERINGS, loweredFunctions, type LoweringTable } from './constructionGraphLowerings.ts';
import { RULES, type Rule } from './rules.ts';

/** The fields of a rule the map reads (a fixture can supply just these). */
export type GraphRule = Pick<Rule, 'id' | 'title' | 'modes' | 'operands' | 'formula' | 'math' | 'k' | 'build'>;

/** The id of the leaf 1 on the map (no rule has it: rule ids are words). */
export const ONE_ID = '1';

export interface ConstructionNode {
  id: string;
  title: string;
  /** A rule of the table (or the leaf 1), or a function lowered through its exp/log form (no rule of its own). */
  kind: 'rule' | 'lowering';
  /** The template, as the table writes it ('' for the leaf 1); a lowering's exp/log form over x. */
  formula: string;
  /** Which compiler modes emit the rule (the decompiler recognises all). */
  modes: readonly string[];
  /** Ids this construction's template uses, in the order first mentioned. */
  dependsOn: string[];
  /** Ids whose templates use this one. */
  usedBy: string[];
  /** The construction over the variables x (and y): its operands are variables; a lowering's paper tree of f(x). */
  tree: EmlNode;
  /** K of `tree`: the construction itself with variable operands. */
  k: number;
  /**
   * The same value (`math` over x, y) compiled in each mode (a mode's K is null where it refuses it); null when the
   * graph was built without sizes (`kByModeOf(math)` computes them, a few ms each).
   */
  kByMode: KByMode | null;
  /** The ordinary-math value over x and y, e.g. 'x - y' ('1' for the leaf, 'sin(x)' for a lowering). */
  math: string;
}

export interface ConstructionGraph {
  nodes: ConstructionNode[];
  byId: ReadonlyMap<string, ConstructionNode>;
  /** [from, to]: `to`'s template uses `from` (edges point from the simpler construction). */
  edges: Array<[string, string]>;
}

/** Symbols of the templates that stand for a rule without naming it. */
const SYMBOLS: Readonly<Record<string, string>> = {
  I: 'i',
  '−∞': 'zero', // −∞ = ln 0 (docs/constructions.md#primitives)
  '0': 'zero',
  '−1': 'neg', // −1 = neg(1) in the paper's rules
  '2z': 'double',
  '1/2': 'rational',
  '1': ONE_ID,
};

/** Identifiers, −∞, −1, p/q, 2z and integers, in the order they appear. */
const TOKEN = /−∞|−\d+|\d+\/\d+|\d+z\b|\d+|[A-Za-z_][\w]*/g;

/** The rule ids (and 1) a template mentions; integer literals other than 0 and 1 are built by `int`. */
export function templateReferences(formula: string, ids: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const add = (id: string | undefined) => {
    if (id !== undefined && (ids.has(id) || id === ONE_ID) && !out.includes(id)) out.push(id);
  };
  for (const [tok] of formula.matchAll(TOKEN)) {
    if (tok in SYMBOLS) add(SYMBOLS[tok]);
    else if (/^\d+$/.test(tok)) add('int');
    else if (/^[A-Za-z_]/.test(tok)) {
      const id = tok.replace(/_clean$/, '').replace(/_/g, '-');
      if (ids.has(id)) add(id);
    }
  }
  return out;
}

/** The operand names a, b, z read as the variables x, y, x. */
function overVariables(math: string): string {
  return math.replace(/\b([abz])\b/g, (_, v: string) => (v === 'b' ? 'y' : 'x'));
}

const MODES: readonly SizeMode[] = ['paper', 'robust', 'shortest'];

/** K of `math` in each compile mode; null where the mode refuses it (e.g. a function paper mode lacks). */
export function kByModeOf(math: string): KByMode {
  const out: Record<SizeMode, number | null> = { paper: null, robust: null, shortest: null };
  for (const mode of MODES) {
    try {
      out[mode] = compile(math, { mode }).k;
    } catch {
      out[mode] = null;
    }
  }
  return out;
}

function ruleTree(rule: GraphRule): EmlNode {
  const vars = rule.operands.map((name) => variable(name === 'b' ? 'y' : 'x'));
  return rule.build(...vars);
}

/**
 * The dependency graph of `rules` (default: the compiler's table) and of the functions of `lowerings` (default: the
 * compiler's exp/log lowering table) that have no rule. Throws if a template refers to a rule that refers back to
 * it (the table would not be a construction order), naming the cycle.
 */
export function constructionGraph(
  rules: readonly GraphRule[] = RULES,
  options: { sizes?: boolean; lowerings?: LoweringTable } = {},
): ConstructionGraph {
  const sizes = options.sizes ?? true;
  const ids = new Set(rules.map((r) => r.id));
  if (ids.size !== rules.length) throw new Error('constructionGraph: two rules share an id');
  const nodes: ConstructionNode[] = [
    {
      id: ONE_ID,
      kind: 'rule',
      title: 'the constant 1',
      formula: '',
      modes: ['paper', 'compact'],
      dependsOn: [],
      usedBy: [],
      tree: ONE,
      k: 1,
      kByMode: { paper: 1, robust: 1, shortest: 1 },
      math: '1',
    },
  ];
  for (const rule of rules) {
    const tree = ruleTree(rule);
    const math = overVariables(rule.math);
    nodes.push({
      id: rule.id,
      kind: 'rule',
      title: rule.title,
      formula: rule.formula,
      modes: rule.modes,
      dependsOn: templateReferences(rule.formula, ids).filter((d) => d !== rule.id),
      usedBy: [],
      tree,
      k: tree.k,
      kByMode: sizes ? kByModeOf(math) : null,
      math,
    });
  }
  const lowered = loweredFunctions(options.lowerings ?? LOWERINGS, ids, ONE_ID);
  const known = new Set([ONE_ID, ...ids, ...lowered.map((f) => f.name)]);
  for (const f of lowered) {
    const math = `${f.name}(x)`;
    nodes.push({
      id: f.name,
      kind: 'lowering',
      title: `${f.name} (exp/log form)`,
      formula: f.formula,
      modes: ['paper'],
      dependsOn: f.references.filter((id) => known.has(id)),
      usedBy: [],
      tree: f.tree,
      k: f.tree.k,
      kByMode: sizes ? kByModeOf(math) : null,
      math,
    });
  }
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges: Array<[string, string]> = [];
  for (const n of nodes)
    for (const d of n.dependsOn) {
      byId.get(d)!.usedBy.push(n.id);
      edges.push([d, n.id]);
    }
  const cycle = findCycle(nodes, byId);
  if (cycle) throw new Error(`constructionGraph: the rules refer to each other in a cycle: ${cycle.join(' → ')}`);
  return { nodes, byId, edges };
}

/** A cycle of dependsOn edges, as ids, or null (depth-first search with colours). */
export function findCycle(
  nodes: readonly ConstructionNode[],
  byId: ReadonlyMap<string, ConstructionNode>,
): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    const s = state.get(id);
    if (s === 'done') return null;
    if (s === 'open') return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, 'open');
    stack.push(id);
    for (const d of byId.get(id)?.dependsOn ?? []) {
      const c = visit(d);
      if (c) return c;
    }
    stack.pop();
    state.set(id, 'done');
    return null;
  };
  for (const n of nodes) {
    const c = visit(n.id);
    if (c) return c;
  }
  return null;
}

/**
 * Layers for drawing: each node one below the deepest construction it uses (longest path from 1), so every edge
 * points downwards. Within a layer the nodes are ordered by the mean position of what they use (one barycentre
 * pass), which keeps the edges from crossing much.
 */
export function constructionLayers(graph: ConstructionGraph): string[][] {
  const layer = new Map<string, number>();
  const depth = (id: string): number => {
    const known = layer.get(id);
    if (known !== undefined) return known;
    const deps = graph.byId.get(id)!.dependsOn;
    const l = deps.length === 0 ? 0 : 1 + Math.max(...deps.map(depth));
    layer.set(id, l);
    return l;
  };
  const layers: string[][] = [];
  for (const n of graph.nodes) (layers[depth(n.id)] ??= []).push(n.id);
  const position = new Map<string, number>();
  for (const row of layers) {
    const bary = (id: string) => {
      const deps = graph.byId.get(id)!.dependsOn;
      return deps.length === 0 ? 0 : deps.reduce((s, d) => s + (position.get(d) ?? 0), 0) / deps.length;
    };
    const keyed = row.map((id, i) => ({ id, b: bary(id), i }));
    keyed.sort((p, q) => p.b - q.b || p.i - q.i);
    row.splice(0, row.length, ...keyed.map((k) => k.id));
    row.forEach((id, i) => position.set(id, row.length === 1 ? 0.5 : i / (row.length - 1)));
  }
  return layers;
}
