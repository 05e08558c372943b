/**
 * Printers from the EML AST to text. Every printer walks with an explicit stack, because trees 100 000 levels
 * deep are ordinary here (iterated compositions) and would overflow the JS call stack, and builds its output
 * as an array of parts joined once, so the cost stays linear in the output length.
 */

import type { EmlNode } from '../ast.ts';

/** Syntaxes the parsers read. */
export type EmlSyntax = 'functional' | 'mathematica' | 'rpn';
/** Syntaxes the printers write. */
export type PrintSyntax = EmlSyntax | 'tree' | 'latex';

/**
 * Printing expands shared subtrees, so a small DAG can denote an astronomically long text; K (leaves + nodes)
 * is cached on every node and bounds the token count, so we can refuse up front instead of running out of memory.
 */
export const MAX_PRINT_K = 20_000_000;

/**
 * A tree refused by a printer or exporter for its expanded size. A RangeError (as before) that says how large the
 * tree is and what the limit was, so callers can show "too large to print; here are its metrics" instead of a crash.
 */
export class TooLargeToPrintError extends RangeError {
  constructor(
    readonly k: number,
    readonly limit: number,
    what = 'printing',
  ) {
    super(`tree has K=${k} once shared subtrees are expanded; ${what} is limited to K ≤ ${limit}`);
    this.name = 'TooLargeToPrintError';
  }
}

function checkPrintable(t: EmlNode): void {
  if (t.k > MAX_PRINT_K) throw new TooLargeToPrintError(t.k, MAX_PRINT_K);
}

/** Walks `t` emitting `open`, left, `sep`, right, `close` around every eml node. */
function printNested(t: EmlNode, open: string, sep: string, close: string, varText = (name: string) => name): string {
  checkPrintable(t);
  const parts: string[] = [];
  // Strings on the stack are literal output; nodes are still to be expanded. Pushed in reverse order.
  const stack: (EmlNode | string)[] = [t];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item === 'string') parts.push(item);
    else if (item.kind === 'one') parts.push('1');
    else if (item.kind === 'var') parts.push(varText(item.name));
    else {
      parts.push(open);
      stack.push(close, item.right, sep, item.left);
    }
  }
  return parts.join('');
}

export interface FunctionalPrintOptions {
  /** Operator name: the lower-case word or the one-letter form. */
  name?: 'eml' | 'E';
}

/** `eml(1, x)` style. */
export function printFunctional(t: EmlNode, options: FunctionalPrintOptions = {}): string {
  return printNested(t, `${options.name ?? 'eml'}(`, ', ', ')');
}

/** The paper's Mathematica style, no spaces: `EML[1,EML[EML[1,x],1]]`. */
export function printMathematica(t: EmlNode): string {
  return printNested(t, 'EML[', ',', ']');
}

export interface RpnPrintOptions {
  op?: 'E' | 'EML';
}

/** Postfix: `1 x E` is eml(1, x). */
export function printRpn(t: EmlNode, options: RpnPrintOptions = {}): string {
  checkPrintable(t);
  const op = options.op ?? 'E';
  const tokens: string[] = [];
  const stack: (EmlNode | string)[] = [t];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item === 'string') tokens.push(item);
    else if (item.kind === 'one') tokens.push('1');
    else if (item.kind === 'var') tokens.push(item.name);
    else stack.push(op, item.right, item.left);
  }
  return tokens.join(' ');
}

export interface TreePrintOptions {
  /**
   * Subtrees below this depth are summarised on one line. Indentation grows with depth, so a fully printed
   * 100 000-deep tree would be gigabytes of spaces; the summary keeps the output proportional to what a reader sees.
   */
  maxDepth?: number;
  /** Output stops after this many lines, with a closing note. */
  maxLines?: number;
}

export const DEFAULT_TREE_MAX_DEPTH = 200;
export const DEFAULT_TREE_MAX_LINES = 10_000;

function leafLabel(n: EmlNode): string {
  return n.kind === 'one' ? '1' : n.kind === 'var' ? n.name : 'eml';
}

/**
 * Indented tree with box drawing. `L` marks the exp side (first argument), `R` the ln side (second):
 *
 *     eml
 *     ├─ L 1
 *     └─ R x
 */
export function printTree(t: EmlNode, options: TreePrintOptions = {}): string {
  const maxDepth = options.maxDepth ?? DEFAULT_TREE_MAX_DEPTH;
  const maxLines = options.maxLines ?? DEFAULT_TREE_MAX_LINES;
  const lines: string[] = [];
  interface Item {
    node: EmlNode;
    /** Box-drawing columns inherited from the ancestors. */
    indent: string;
    /** '' for the root, otherwise the branch drawing plus side letter. */
    branch: string;
    depth: number;
  }
  const stack: Item[] = [{ node: t, indent: '', branch: '', depth: 0 }];
  while (stack.length > 0) {
    if (lines.length >= maxLines) {
      lines.push(`… (output stopped at ${maxLines} lines; the tree has K=${t.k}, depth ${t.depth})`);
      break;
    }
    const { node, indent, branch, depth } = stack.pop()!;
    const head = indent + branch;
    if (node.kind !== 'eml') {
      lines.push(head + leafLabel(node));
      continue;
    }
    if (depth >= maxDepth) {
      lines.push(`${head}eml(…) K=${node.k}, depth ${node.depth}`);
      continue;
    }
    lines.push(head + 'eml');
    // The root's children start at the left margin; deeper ones continue the parent's vertical rule.
    const childIndent = branch === '' ? indent : indent + (branch.startsWith('└') ? '   ' : '│  ');
    stack.push({ node: node.right, indent: childIndent, branch: '└─ R ', depth: depth + 1 });
    stack.push({ node: node.left, indent: childIndent, branch: '├─ L ', depth: depth + 1 });
  }
  return lines.join('\n');
}

/** A variable as LaTeX: one letter stays math italic; longer names are upright words with `_` escaped. */
function latexVariable(name: string): string {
  if (/^[A-Za-z]$/.test(name)) return name;
  return `\\mathrm{${name.replace(/_/g, '\\_')}}`;
}

/** `\operatorname{eml}\left(1, x\right)`. */
export function printLatex(t: EmlNode): string {
  return printNested(t, '\\operatorname{eml}\\left(', ', ', '\\right)', latexVariable);
}

export type PrintOptions = FunctionalPrintOptions & RpnPrintOptions & TreePrintOptions;

export function print(t: EmlNode, syntax: PrintSyntax, options: PrintOptions = {}): string {
  switch (syntax) {
    case 'functional':
      return printFunctional(t, options);
    case 'mathematica':
      return printMathematica(t);
    case 'rpn':
      return printRpn(t, options);
    case 'tree':
      return printTree(t, options);
    case 'latex':
      return printLatex(t);
  }
}
