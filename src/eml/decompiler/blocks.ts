/**
 * Named blocks for the tree view: a thin adapter over the decompiler's recognition (its pattern library, matched
 * by structural identity). The UI only asks "which construction is this node, and where are its arguments?";
 * what a construction means stays the decompiler's business.
 */
import type { EmlNode } from '../ast.ts';
import { candidates, match, patternLibrary, type Pattern } from './patterns.ts';
import { children, type MathNode } from '../math/ast.ts';
import { printMathText } from '../math/print.ts';

export interface BlockArg {
  /** Path of the argument relative to the block's root ('L'/'R' steps), at its first occurrence. */
  readonly path: string;
  readonly node: EmlNode;
  /** Edge label in the tree. */
  readonly label: string;
}

export interface BlockInfo {
  /** Short name drawn on the collapsed node: "sub", "ln", "π", "−1". */
  readonly name: string;
  /** Where the recognition comes from (pattern source), for the details panel. */
  readonly source: string;
  readonly args: readonly BlockArg[];
  /** Relative paths of the block's own eml nodes (not inside arguments): their flags are the block's flags. */
  readonly inner: readonly string[];
}

export type Recognise = (node: EmlNode) => BlockInfo | null;

const CONST_NAMES: Record<string, string> = { pi: 'π', phi: 'φ', e: 'e', i: 'i' };
const OP_NAMES: Record<string, string> = { add: 'add', sub: 'sub', mul: 'mul', div: 'div', pow: 'pow', neg: 'neg' };

/**
 * The construction's name from its math: an operator or function applied to bare arguments by its name (x − y →
 * "sub", sin(x) → "sin"), a constant by its value (−1, π), and a construction with fixed parts by its short printed
 * form with "·" for the argument (1/x → "1/·", x² → "·^2"), so a block never claims more than it is.
 */
export function nameOfMath(m: MathNode): string | null {
  switch (m.kind) {
    case 'num':
      return printMathText(m).replace(/^-/, '−');
    case 'const':
      return CONST_NAMES[m.name] ?? m.name;
    case 'var':
      return 'id';
    case 'eml':
      return null;
  }
  const operands = children(m);
  const bare = operands.every((c) => c.kind === 'var');
  if (bare) return m.kind === 'call' ? m.fn : (OP_NAMES[m.kind] ?? null);
  const text = printMathText(m)
    .replace(/\bpi\b/g, 'π')
    .replace(/\bphi\b/g, 'φ')
    .replace(/-/g, '−')
    .replace(/\s+/g, '');
  if (!hasVariable(m)) return text.length <= 8 ? text : (OP_NAMES[m.kind] ?? null);
  const vars = new Set(text.match(/\b[xy]\b/g) ?? []);
  if (vars.size === 1 && text.length <= 9) return text.replace(/\b[xy]\b/g, '·');
  return m.kind === 'call' ? m.fn : (OP_NAMES[m.kind] ?? null);
}

function hasVariable(m: MathNode): boolean {
  const stack = [m];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.kind === 'var') return true;
    stack.push(...children(n));
  }
  return false;
}

/** Relative paths of a pattern's holes (first occurrence in pre-order per name) and of its own eml nodes. */
export function shapeOf(pattern: EmlNode): { holes: Map<string, string>; inner: string[] } {
  const holes = new Map<string, string>();
  const inner: string[] = [];
  const stack: Array<[EmlNode, string]> = [[pattern, '']];
  // Popping left before right visits in pre-order, so the first path seen per hole is its first occurrence.
  while (stack.length > 0) {
    const [n, path] = stack.pop()!;
    if (n.kind === 'var') {
      if (!holes.has(n.name)) holes.set(n.name, path);
    } else if (n.kind === 'eml') {
      inner.push(path);
      stack.push([n.right, path + 'R'], [n.left, path + 'L']);
    }
  }
  return { holes, inner };
}

const shapes = new WeakMap<EmlNode, ReturnType<typeof shapeOf>>();

/**
 * nameOfMath per pattern, once: a node tries ~50 candidates, and printing each one's math anew made recognising
 * the 600 nodes drawn of a K 200 001 chain take ~65 ms of a single main-thread task.
 */
const patternNames = new WeakMap<Pattern, string | null>();
function nameOfPattern(p: Pattern): string | null {
  let name = patternNames.get(p);
  if (name === undefined) patternNames.set(p, (name = nameOfMath(p.math)));
  return name;
}

function argLabels(count: number): string[] {
  return count === 1 ? ['arg'] : Array.from({ length: count }, (_, i) => `arg ${i + 1}`);
}

/**
 * A recogniser with its own cache (nodes are hash-consed and immutable, so a node's block never changes). The
 * largest matching construction wins: a collapsed block should hide as much as it can explain.
 */
export function createRecogniser(): Recognise {
  const cache = new WeakMap<EmlNode, BlockInfo | null>();
  return (node) => {
    if (node.kind !== 'eml') return null;
    const hit = cache.get(node);
    if (hit !== undefined) return hit;
    const result = recognise(node);
    cache.set(node, result);
    return result;
  };
}

function recognise(node: EmlNode): BlockInfo | null {
  const lib = patternLibrary();
  const constant = lib.constants.get(node.id);
  if (constant) {
    const name = nameOfMath(constant);
    if (name) return { name, source: 'constant', args: [], inner: innerOfClosed(node) };
  }
  let best: { p: Pattern; name: string; bindings: Map<string, EmlNode> } | null = null;
  for (const p of candidates(lib, node)) {
    if (best && p.tree.k <= best.p.tree.k) continue;
    const name = nameOfPattern(p);
    if (!name) continue;
    const bindings = match(p.tree, node);
    if (bindings) best = { p, name, bindings };
  }
  if (!best) return null;
  const { p, name, bindings } = best;
  let shape = shapes.get(p.tree);
  if (!shape) shapes.set(p.tree, (shape = shapeOf(p.tree)));
  const labels = argLabels(p.holes.length);
  const holes = shape.holes;
  const args = p.holes.map((hole, i) => ({ path: holes.get(hole)!, node: bindings.get(hole)!, label: labels[i] }));
  return { name, source: p.source, args, inner: shape.inner };
}

/** All eml nodes of a closed constant are the block's own. */
function innerOfClosed(node: EmlNode): string[] {
  const out: string[] = [];
  const stack: Array<[EmlNode, string]> = [[node, '']];
  // Library constants are small, but cap anyway: the list only feeds flag badges.
  while (stack.length > 0 && out.length < 2000) {
    const [n, path] = stack.pop()!;
    if (n.kind !== 'eml') continue;
    out.push(path);
    stack.push([n.right, path + 'R'], [n.left, path + 'L']);
  }
  return out;
}
