/**
 * The compiler's entry point: ordinary math (text or AST) → pure EML tree, in one of three modes named for what
 * they promise:
 *
 * - `robust` (default): short constructions chosen per node to be right on the real line in float64 at least as far
 *   as paper mode's (compact.ts robustAdd; robust.test.ts checks it on the suites and compositions to |x| = 710).
 * - `shortest`: the shortest valid constructions (compact.ts), whose sums break for large operands (1 + x² at
 *   x ≥ 27.4, cosh at x > 5.9); each result's measured `domain` says where it is right. `compact` is its old name,
 *   still accepted (saved documents, links, scripts).
 * - `paper` reproduces eml_compiler_v4.py (docs/constructions.md#lowering, docs/constructions.md#primitives, docs/constructions.md#small-trees, docs/constructions.md#k-table), `clean` switching its negation to the
 *   ln 0-free one of eml_compiler_clean_math_v0.py (the "clean K" column).
 *
 * robust and shortest are never larger than paper where the paper tree is cheap to get (within PAPER_CHEAP_BUDGET
 * work units, which every docs/constructions.md#k-table item is): when the paper tree is smaller (it never has been on the suites) that tree
 * is returned.
 *
 * Bounded work: the input is at most COMPILE_LIMITS.maxMathNodes nodes, paper lowering has a work budget, and the
 * result's K must be countable exactly (≤ 2^53 − 1). The paper tree of a compact compilation (`paperK`) is computed
 * only when it is read. Every refusal is a CompileError positioned in the input text.
 */
import type { EmlNode } from '../ast.ts';
import type { MathNode } from '../math/ast.ts';
import { mathSize, mathVariables } from '../math/ast.ts';
import { CompileError } from '../math/errors.ts';
import { parseMath } from '../math/parser.ts';
import { printMathText } from '../math/print.ts';
import { spanIn } from '../math/spans.ts';
import { checkedK, MAX_K } from './budget.ts';
import { compileCompact } from './compact.ts';
import { knownDefects, type KnownDefect } from './defects.ts';
import { conditionTexts } from './wrapConditions.ts';
import { type ValidityDomain } from './domains.ts';
import { treeDomain } from './treeDomain.ts';
import { compilePaper, PAPER_WORK_BUDGET } from './paper.ts';
import { chooseRobust, type RobustChoice } from './robust.ts';

/** 'compact' is the old name of 'shortest', accepted everywhere a mode is read. */
export type CompileMode = 'robust' | 'shortest' | 'paper' | 'compact';
/** The modes offered (the alias 'compact' is accepted but not listed). */
export const COMPILE_MODES: readonly CompileMode[] = ['robust', 'shortest', 'paper'];
export const DEFAULT_COMPILE_MODE: CompileMode = 'robust';
export const COMPILE_MODE_LABELS: Readonly<Record<CompileMode, string>> = {
  robust: 'robust (right wherever paper mode is)',
  shortest: 'shortest (smallest K; see its domain)',
  compact: 'shortest (smallest K; see its domain)',
  paper: 'paper (eml_compiler_v4)',
};

/** Whether `s` names a mode, the alias 'compact' included (for validating saved state and links). */
export const isCompileMode = (s: unknown): s is CompileMode =>
  s === 'compact' || (COMPILE_MODES as readonly unknown[]).includes(s);
/** The mode a name stands for: 'compact' → 'shortest'. */
export const canonicalMode = (m: CompileMode): Exclude<CompileMode, 'compact'> => (m === 'compact' ? 'shortest' : m);

export interface CompileOptions {
  mode?: CompileMode;
  /** Avoid every construction that passes through ln 0 = −∞ (docs/semantics.md#ln-0-and-signed-zeros "NoInf"/clean forms). */
  clean?: boolean;
}

export const COMPILE_LIMITS = Object.freeze({
  /** Input size, checked before parsing (a positioned 'input-too-large' error at the first byte past it). */
  maxInputBytes: 200_000,
  /** Math AST nodes (a 1 MB input of `x+x+…` is 500 000; compact mode does ~10⁵ nodes in well under a second). */
  maxMathNodes: 100_000,
  /** Largest K (budget.ts): beyond 2^53 − 1 the RPN length can no longer be counted exactly in a double. */
  maxK: MAX_K,
});

/**
 * Work units a compact compilation spends on the paper tree it compares with: the docs/constructions.md#k-table items need under 50, and
 * 10 000 units cost at most about 25 ms.
 */
export const PAPER_CHEAP_BUDGET = 10_000;

export interface CompileResult {
  tree: EmlNode;
  /** RPN length (leaves + eml nodes) of the tree. */
  k: number;
  depth: number;
  /** The mode it was compiled in ('compact' reads as 'shortest'). */
  mode: Exclude<CompileMode, 'compact'>;
  clean: boolean;
  /**
   * Where the tree equals the input on the real line in float64, measured on a log-spaced scan to |x| = 710
   * (domains.ts); null (not measured) for more than two variables, K over MAX_SCANNED_K, or a scan over its work
   * budget (SCAN_WORK_BUDGET). Computed on first read (a getter).
   */
  readonly domain: ValidityDomain | null;
  /**
   * Defects the tree inherits, with their reason (defects.ts): paper mode's i evaluates to −i in float64, so a tree
   * with an i the user wrote computes its conjugate. Empty for almost every tree. Computed on first read (a getter).
   */
  readonly knownDefects: readonly KnownDefect[];
  /** The parsed input. */
  math: MathNode;
  /** The input as the math printer writes it. */
  text: string;
  variables: string[];
  /**
   * K of the paper-mode tree for the same input and clean setting; null when paper mode refuses it (e.g. abs) or it
   * is over the paper work budget. Computed on first read (a getter), so compact compilations do not pay for it.
   */
  readonly paperK: number | null;
  /** robust/shortest only: true when the paper construction was returned (smaller, or in robust mode the only one right everywhere paper is). */
  fromPaper: boolean;
  /**
   * Robust mode only (null otherwise): which construction was chosen (robust.ts) and whether it was checked against
   * paper mode on the real line (false where that check cannot run: paper refuses the input, > 2 variables, huge K,
   * or the check is over the scan work budget).
   */
  robust: { source: 'shortest' | 'robust' | 'paper'; checked: boolean } | null;
}

/** K of the paper-mode tree, or null when paper mode refuses the input or it is over budget. */
export function paperKOf(input: string | MathNode, clean = false): number | null {
  try {
    const math = typeof input === 'string' ? parseMath(input) : input;
    return checkedK(compilePaper(math, clean, PAPER_WORK_BUDGET)).k;
  } catch (e) {
    if (e instanceof CompileError || (e instanceof Error && e.name === 'MathSyntaxError')) return null;
    throw e;
  }
}

/** Turns a compiler error into one positioned in `source`: at the node it was raised for, else the whole input. */
function located(e: CompileError, source: string): CompileError {
  const span = spanIn(e.node, source);
  return span ? e.locate(source, span.offset, span.length) : e.locate(source, 0, Math.max(1, source.length));
}

export function compile(input: string | MathNode, options: CompileOptions = {}): CompileResult {
  const source = typeof input === 'string' ? input : '';
  try {
    return compileUnlocated(input, options);
  } catch (e) {
    if (e instanceof CompileError) throw located(e, source);
    throw e;
  }
}

function compileUnlocated(input: string | MathNode, options: CompileOptions): CompileResult {
  const mode = canonicalMode(options.mode ?? DEFAULT_COMPILE_MODE);
  const clean = options.clean ?? false;
  const math =
    typeof input === 'string' ? parseMath(input, { limits: { maxInputBytes: COMPILE_LIMITS.maxInputBytes } }) : input;
  const size = mathSize(math);
  if (size > COMPILE_LIMITS.maxMathNodes) {
    throw new CompileError(
      `the expression has ${size} parts, over the compiler's limit of ${COMPILE_LIMITS.maxMathNodes}`,
      'too-large',
      {
        hint: 'split it into smaller expressions',
      },
    );
  }
  let tree: EmlNode;
  let fromPaper = false;
  // undefined: not computed yet; null: paper mode refuses it or it is over budget.
  let paperK: number | null | undefined;
  let robustSource: RobustChoice | null = null;
  if (mode === 'paper') {
    tree = checkedK(compilePaper(math, clean, PAPER_WORK_BUDGET));
    paperK = tree.k;
  } else if (mode === 'robust') {
    const paper = cheapPaper(math, clean);
    if (paper) paperK = paper.k <= COMPILE_LIMITS.maxK ? paper.k : null;
    const choice = chooseRobust(math, mathVariables(math), {
      shortest: compileCompact(math, clean),
      robust: [compileCompact(math, clean, 'a'), compileCompact(math, clean, 'b')],
      paper,
    });
    tree = checkedK(choice.tree);
    fromPaper = choice.source === 'paper';
    robustSource = choice;
  } else {
    tree = compileCompact(math, clean);
    const paper = cheapPaper(math, clean);
    if (paper) {
      paperK = paper.k <= COMPILE_LIMITS.maxK ? paper.k : null;
      if (paper.k < tree.k) {
        tree = paper;
        fromPaper = true;
      }
    }
    checkedK(tree);
  }
  const result: Omit<CompileResult, 'paperK' | 'domain' | 'knownDefects'> = {
    tree,
    k: tree.k,
    depth: tree.depth,
    mode,
    clean,
    math,
    text: printMathText(math),
    variables: mathVariables(math),
    fromPaper,
    robust: robustSource && { source: robustSource.source, checked: robustSource.checked },
  };
  let domain: ValidityDomain | null | undefined;
  let defects: readonly KnownDefect[] | undefined;
  const variables = result.variables;
  return Object.defineProperties(result, {
    paperK: { enumerable: true, get: () => (paperK === undefined ? (paperK = paperKOf(math, clean)) : paperK) },
    domain: {
      enumerable: true,
      get: () =>
        domain === undefined ? (domain = treeDomain(tree, math, variables, result.text, conditionTexts(tree))) : domain,
    },
    knownDefects: { enumerable: true, get: () => (defects ??= Object.freeze(knownDefects(tree, math, variables))) },
  }) as CompileResult;
}

/** The paper tree when it is cheap to get; null when paper mode refuses the input or it is over the small budget. */
function cheapPaper(math: MathNode, clean: boolean): EmlNode | null {
  try {
    return compilePaper(math, clean, PAPER_CHEAP_BUDGET);
  } catch (e) {
    if (e instanceof CompileError) return null;
    throw e;
  }
}
