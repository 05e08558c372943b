/**
 * The decompiler's pattern library, generated from the compiler itself so the two cannot drift apart:
 * - every structural rule of rules.ts (v4 and clean variants, the docs/constructions.md#shortest-forms short forms, the identity ln(exp z));
 * - every supported function and operator compiled with pattern-variable arguments, in all four settings
 *   (paper, paper+clean, compact, compact+clean);
 * - closed constants (integers, small rationals, e, π, i, φ) compiled in all settings: hash-consing makes a
 *   closed subtree that equals one of them the very same node, so those are found by identity.
 *
 * Pattern variables are x and y (so paper-mode argument ordering, which sorts by name, matches the common
 * case); inside a pattern any variable leaf binds to a subtree, every occurrence to the same one (=== thanks to
 * hash-consing). Patterns are indexed by their closed children so most nodes try only a few.
 */
import { topoOrder, variable, type EmlNode } from '../ast.ts';
import * as M from '../math/ast.ts';
import type { MathNode } from '../math/ast.ts';
import { parseMath } from '../math/parser.ts';
import { evaluateMath } from '../math/evaluate.ts';
import { evaluate } from '../evaluate/interpreter.ts';
import { compile } from '../compiler/compile.ts';
import { COMPACT_CONSTANTS, RULES } from '../compiler/rules.ts';
import { simplify } from '../math/simplify.ts';

export interface Pattern {
  tree: EmlNode;
  /** Pattern-variable names in binding order (x, then y). */
  holes: readonly string[];
  /** Math over the pattern variables. */
  math: MathNode;
  /** Where it comes from, for "how was this recognised". */
  source: string;
}

const PX = variable('x');
const PY = variable('y');

const FUNCTION_INPUTS = [
  'exp(x)',
  'ln(x)',
  'sqrt(x)',
  'sin(x)',
  'cos(x)',
  'tan(x)',
  'cot(x)',
  'sec(x)',
  'csc(x)',
  'asin(x)',
  'acos(x)',
  'atan(x)',
  'acot(x)',
  'asec(x)',
  'acsc(x)',
  'sinh(x)',
  'cosh(x)',
  'tanh(x)',
  'asinh(x)',
  'acosh(x)',
  'atanh(x)',
  'sigmoid(x)',
  'abs(x)',
  '-x',
  '1/x',
  'x^2',
  'x^3',
  'x/2',
  'x+y',
  'x-y',
  'x*y',
  'x/y',
  'x^y',
  'log(x, y)',
  'avg(x, y)',
  'hypot(x, y)',
  'x+1',
  'x-1',
  '2*x',
  'exp(-x)',
  '1-x',
];
const SETTINGS = [
  { mode: 'paper', clean: false },
  { mode: 'paper', clean: true },
  { mode: 'compact', clean: false },
  { mode: 'compact', clean: true },
] as const;

export interface PatternLibrary {
  /** Closed constant trees by node id → their value. */
  constants: Map<number, MathNode>;
  /** Index key (see sideKey) → patterns. */
  index: Map<string, Pattern[]>;
  size: number;
}

let library: PatternLibrary | undefined;

export function patternLibrary(): PatternLibrary {
  if (library) return library;
  const constants = new Map<number, MathNode>();
  const index = new Map<string, Pattern[]>();
  let size = 0;
  const add = (tree: EmlNode, math: MathNode, source: string) => {
    if (tree.kind !== 'eml' || !agreesNumerically(tree, math)) return;
    const holes = holesOf(tree);
    if (holes.length === 0) {
      if (!constants.has(tree.id)) constants.set(tree.id, math);
      return;
    }
    const key = `${sideKey(tree.left)}|${sideKey(tree.right)}`;
    const list = index.get(key) ?? [];
    if (list.some((p) => p.tree === tree)) return;
    list.push({ tree, holes, math, source });
    index.set(key, list);
    size++;
  };
  for (const { mode, clean } of SETTINGS) {
    const tag = `${mode}${clean ? '+clean' : ''}`;
    for (const text of FUNCTION_INPUTS) {
      if (mode === 'paper' && text.startsWith('abs')) continue; // the paper's compiler refuses Abs
      const math = parseMath(text);
      add(compile(math, { mode, clean }).tree, simplify(math), `${tag}: ${text}`);
    }
    const constantsText = ['e', 'pi', 'i', '-i', 'phi', 'pi/2', 'i/2', '-i/2', '2*i', 'ln(-1)'];
    // Exact identity lookups for the common constants; others are found numerically (constants.ts).
    for (let n = -10; n <= 32; n++) constantsText.push(String(n));
    for (let q = 2; q <= 6; q++) for (let p = -6; p <= 6; p++) if (p !== 0) constantsText.push(`${p}/${q}`);
    for (const text of constantsText) {
      const math = simplify(parseMath(text));
      add(compile(math, { mode, clean }).tree, math, `${tag}: ${text}`);
    }
  }
  for (const c of COMPACT_CONSTANTS) if (c.id !== '-inf') add(c.tree, simplify(parseMath(c.math)), `constant ${c.id}`);
  for (const rule of RULES) {
    if (rule.operands.length === 0) continue;
    const args = rule.operands.length === 1 ? [PX] : [PX, PY];
    const names: Record<string, string> = rule.operands.length === 1 ? { z: 'x' } : { a: 'x', b: 'y' };
    const math = parseMath(rule.math.replace(/\b[abz]\b/g, (m) => names[m] ?? m));
    add(rule.build(...args), simplify(math), `rule ${rule.id}`);
    if (rule.clean) add(rule.clean.build(...args), simplify(math), `rule ${rule.id} (clean)`);
  }
  library = { constants, index, size };
  return library;
}

const SAMPLE = { x: 0.37, y: 1.3 };
/**
 * A pattern is only registered if the tree's float value is its label's value. This drops the paper's I, which
 * means +i but evaluates to −i in float64 (docs/semantics.md#branch-cut): labelling it `i` would make decompiled expressions that mix it
 * with float-derived readings wrong. Such trees are then read structurally (−√(−1)) or numerically (−i).
 */
function agreesNumerically(tree: EmlNode, math: MathNode): boolean {
  const a = evaluate(tree, SAMPLE);
  const b = evaluateMath(math, SAMPLE);
  const scale = Math.max(1, Math.hypot(b.re, b.im));
  return Math.abs(a.re - b.re) <= 1e-9 * scale && Math.abs(a.im - b.im) <= 1e-9 * scale;
}

/** Closedness by node id; a node whose children are known costs O(1) (the decompiler asks at every node). */
const closedCache = new WeakMap<EmlNode, boolean>();
export function isClosed(n: EmlNode): boolean {
  if (n.kind === 'one') return true;
  if (n.kind === 'var') return false;
  const hit = closedCache.get(n);
  if (hit !== undefined) return hit;
  // Iterative over the part of the DAG not seen before: compiled trees can be deep.
  const stack: EmlNode[] = [n];
  while (stack.length > 0) {
    const m = stack[stack.length - 1];
    if (m.kind !== 'eml' || closedCache.has(m)) {
      stack.pop();
      continue;
    }
    const l = m.left.kind === 'eml' ? closedCache.get(m.left) : m.left.kind === 'one';
    const r = m.right.kind === 'eml' ? closedCache.get(m.right) : m.right.kind === 'one';
    if (l === undefined || r === undefined) {
      if (l === undefined) stack.push(m.left);
      if (r === undefined) stack.push(m.right);
      continue;
    }
    closedCache.set(m, l && r);
    stack.pop();
  }
  return closedCache.get(n)!;
}

function holesOf(tree: EmlNode): string[] {
  const names = new Set<string>();
  for (const n of topoOrder(tree)) if (n.kind === 'var') names.add(n.name);
  return [...names].sort();
}

/** Binds pattern variables to subtrees of `node`; null when the shapes differ. */
export function match(
  pattern: EmlNode,
  node: EmlNode,
  bindings: Map<string, EmlNode> = new Map(),
): Map<string, EmlNode> | null {
  const stack: Array<[EmlNode, EmlNode]> = [[pattern, node]];
  while (stack.length > 0) {
    const [p, n] = stack.pop()!;
    if (p.kind === 'var') {
      const bound = bindings.get(p.name);
      if (bound === undefined) bindings.set(p.name, n);
      else if (bound !== n) return null;
      continue;
    }
    // A closed pattern part must be the identical (hash-consed) node.
    if (isClosed(p)) {
      if (p === n) continue;
      return null;
    }
    if (n.kind !== 'eml' || p.kind !== 'eml') return null;
    stack.push([p.right, n.right], [p.left, n.left]);
  }
  return bindings;
}

/**
 * Two-level index key of a pattern side: a closed child by identity, a pattern variable as 'v', an open eml child by
 * its own children (closed ones by identity). Most nodes then try only the few patterns that can match.
 */
function sideKey(c: EmlNode): string {
  if (isClosed(c)) return `#${c.id}`;
  if (c.kind !== 'eml') return 'v';
  return `${isClosed(c.left) ? c.left.id : '*'}/${isClosed(c.right) ? c.right.id : '*'}`;
}
function sideOptions(c: EmlNode): string[] {
  const out = [`#${c.id}`, 'v'];
  if (c.kind === 'eml') out.push(`${c.left.id}/${c.right.id}`, `${c.left.id}/*`, `*/${c.right.id}`, '*/*');
  return out;
}

/** Patterns that might match at `node`, found by its children's and grandchildren's identities. */
export function candidates(lib: PatternLibrary, node: EmlNode): Pattern[] {
  if (node.kind !== 'eml') return [];
  const out: Pattern[] = [];
  const rights = sideOptions(node.right);
  for (const l of sideOptions(node.left)) {
    for (const r of rights) {
      const list = lib.index.get(`${l}|${r}`);
      if (list) for (const p of list) if (p.tree.k <= node.k && p.tree.depth <= node.depth) out.push(p);
    }
  }
  return out;
}

/** Substitutes bound math for the pattern variables of a pattern's math. */
export function instantiate(p: Pattern, values: ReadonlyMap<string, MathNode>): MathNode {
  return M.mapBottomUp(p.math, (n) => (n.kind === 'var' && values.has(n.name) ? values.get(n.name)! : n));
}
