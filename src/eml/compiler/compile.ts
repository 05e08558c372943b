/**
 * The compiler's entry point: ordinary math (text or AST) → pure EML tree, in one of two modes.
 *
 * - `paper` reproduces eml_compiler_v4.py (eml-reference.md §2.2–2.5), `clean` switching its negation to the
 *   ln 0-free one of eml_compiler_clean_math_v0.py (the "clean K" column).
 * - `compact` (default) uses the shortest valid constructions (compact.ts), and is never larger than paper:
 *   when the paper tree is smaller (it never has been on the suites) that tree is returned.
 */
import type { EmlNode } from '../ast.ts';
import type { MathNode } from '../math/ast.ts';
import { mathVariables } from '../math/ast.ts';
import { CompileError } from '../math/errors.ts';
import { parseMath } from '../math/parser.ts';
import { printMathText } from '../math/print.ts';
import { compileCompact } from './compact.ts';
import { compilePaper } from './paper.ts';

export type CompileMode = 'compact' | 'paper';
export const COMPILE_MODES: readonly CompileMode[] = ['compact', 'paper'];

export interface CompileOptions {
  mode?: CompileMode;
  /** Avoid every construction that passes through ln 0 = −∞ (§1.3 "NoInf"/clean forms). */
  clean?: boolean;
}

export interface CompileResult {
  tree: EmlNode;
  /** RPN length (leaves + eml nodes) of the tree. */
  k: number;
  depth: number;
  mode: CompileMode;
  clean: boolean;
  /** The parsed input. */
  math: MathNode;
  /** The input as the math printer writes it. */
  text: string;
  variables: string[];
  /** K of the paper-mode tree for the same input and clean setting (null when paper mode refuses it, e.g. abs). */
  paperK: number | null;
  /** Compact mode only: true when the paper construction was the smaller one and was returned. */
  fromPaper: boolean;
}

export function compile(input: string | MathNode, options: CompileOptions = {}): CompileResult {
  const mode = options.mode ?? 'compact';
  const clean = options.clean ?? false;
  const math = typeof input === 'string' ? parseMath(input) : input;
  let paper: EmlNode | null = null;
  let paperError: unknown = null;
  try {
    paper = compilePaper(math, clean);
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    paperError = e;
  }
  let tree: EmlNode;
  let fromPaper = false;
  if (mode === 'paper') {
    if (!paper) throw paperError;
    tree = paper;
  } else {
    tree = compileCompact(math, clean);
    if (paper && paper.k < tree.k) {
      tree = paper;
      fromPaper = true;
    }
  }
  return {
    tree,
    k: tree.k,
    depth: tree.depth,
    mode,
    clean,
    math,
    text: printMathText(math),
    variables: mathVariables(math),
    paperK: paper ? paper.k : null,
    fromPaper,
  };
}
