/**
 * A search candidate as a pure EML tree: lowered to ordinary math and compiled (compact mode) with each fitted
 * constant as a variable leaf `_c0`, `_c1`, … — the EML AST holds only 1 and variables, so a decimal constant is
 * a leaf of K 1 that is printed as its value ("eml(x, 0.5413)"). Closed-form constants (2, 3/2, π) are compiled
 * into their EML subtrees. Also the readable formula and LaTeX, decompiled from that tree.
 */
import type { EmlNode } from '../../eml/ast.ts';
import { compile } from '../../eml/compiler/compile.ts';
import { decompile } from '../../eml/decompiler/decompile.ts';
import * as M from '../../eml/math/ast.ts';
import type { MathNode } from '../../eml/math/ast.ts';
import { printMathLatex, printMathText } from '../../eml/math/print.ts';
import { parseDecimal } from '../../eml/math/rational.ts';
import { parseFunctional } from '../../eml/syntax/functional.ts';
import { printFunctional } from '../../eml/syntax/print.ts';
import { key, toMath, type Expr } from './expr.ts';
import { shortenTree } from './shorten.ts';

export const paramName = (i: number) => `_c${i}`;
const PARAM = /\b_c(\d+)\b/g;

export interface EmlForm {
  tree: EmlNode;
  k: number;
  depth: number;
  /** The compiler's own tree before shortening (its decompiled reading may compile shorter than this one's). */
  compiled: EmlNode;
}

/** The compiled tree with the compiler's block joints rewritten to raw eml readings (shorten.ts). */
function shortForm(tree: EmlNode): EmlForm {
  const t = shortenTree(tree);
  return { tree: t, k: t.k, depth: t.depth, compiled: tree };
}

const cache = new Map<string, EmlForm | null>();

/**
 * The compiled EML tree (constants as `_c<i>` leaves), shortened, memoised by structure; null if the compiler
 * refuses it. The Pareto front orders by this K, so equal functions met in different forms rank by their
 * shortest tree (x − ln x as eml(ln x, x), K 9, not the compiler's K 17).
 */
export function emlOf(e: Expr, vars: readonly string[]): EmlForm | null {
  const id = `${vars.join(',')}|${key(e)}`;
  if (cache.has(id)) return cache.get(id)!;
  let form: EmlForm | null;
  try {
    form = shortForm(compile(toMath(e, vars, paramName), { mode: 'compact' }).tree);
  } catch {
    form = null;
  }
  if (cache.size > 200_000) cache.clear();
  cache.set(id, form);
  return form;
}

/** Shortest decimal text of a constant. */
export const constantText = (v: number) => String(v);

/** The tree in eml(a, b) syntax with every constant leaf printed as its value. */
export function treeText(tree: EmlNode, params: ArrayLike<number>): string {
  return printFunctional(tree).replace(PARAM, (_, i) => constantText(params[Number(i)]));
}

/** A decimal as `treeText` prints it, not inside a name (x1) and not the leaf 1. */
const DECIMAL_LEAF = /(?<![\w.])-?\d+(?:\.\d+)?(?:e[+-]?\d+)?(?![\w.])/g;

export interface ParsedResultTree {
  /** The tree with each decimal constant leaf as a variable leaf named in `constants`. */
  tree: EmlNode;
  constants: Array<{ name: string; value: number }>;
}

/**
 * A result's tree text (`treeText`: decimal constants printed as leaves) read back as an EML tree, for drawing
 * and evaluating it: the EML syntax has only 1 and names as leaves, so each decimal becomes a variable leaf
 * `_c0`, `_c1`, … (more underscores if the text already uses such a name) whose value is listed. Throws the
 * parser's error (with its position) if the text is not an EML tree.
 */
export function parseResultTree(text: string): ParsedResultTree {
  let prefix = '_c';
  while (text.includes(prefix)) prefix = `_${prefix}`;
  const constants: ParsedResultTree['constants'] = [];
  const named = text.replace(DECIMAL_LEAF, (m) => {
    if (m === '1') return m;
    const name = `${prefix}${constants.length}`;
    constants.push({ name, value: Number(m) });
    return name;
  });
  return { tree: parseFunctional(named), constants };
}

function constantMath(v: number): MathNode {
  const r = parseDecimal(constantText(Math.abs(v)));
  const n: MathNode = r ? M.num(r) : M.mvar('c');
  return v < 0 ? M.neg(n) : n;
}

/** `math` with every `_c<i>` variable replaced by its decimal value. */
export function withConstants(math: MathNode, params: ArrayLike<number>): MathNode {
  return M.mapBottomUp(math, (n) => {
    if (n.kind !== 'var') return n;
    const m = /^_c(\d+)$/.exec(n.name);
    return m ? constantMath(params[Number(m[1])]) : n;
  });
}

export interface Readable {
  /** Decompiled from the EML tree (so it says what the tree computes), constants as decimals. */
  math: MathNode;
  text: string;
  latex: string;
  /** eml(·,·) nodes the decompiler could not name. */
  unexplained: number;
  /** The reading with constants still as `_c<i>` leaves (compiles back to an EML tree). */
  symbolic: MathNode;
}

/**
 * The formula a scientist reads. The decompiler reads the EML tree back; when it leaves raw eml nodes, the
 * candidate's own block form is used instead if it is no larger (it is the same function: both are checked
 * against the tree at fresh points in finish.ts).
 */
export function readable(e: Expr, form: EmlForm, vars: readonly string[], params: ArrayLike<number>): Readable {
  const own = toMath(e, vars, paramName);
  let symbolic = own;
  let unexplained = 0;
  // Both trees are read: the shortened joints can read worse (101.3·exp(e)/exp(e + 0.117h) for 101.3·exp(−0.117h))
  // than the compiler's blocks. The smallest reading without raw eml nodes wins, else the smallest no larger than
  // the block form.
  let bestSize = Infinity;
  let bestClean = false;
  for (const tree of form.compiled === form.tree ? [form.tree] : [form.tree, form.compiled]) {
    try {
      const d = decompile(tree);
      const size = M.mathSize(d.math);
      const clean = d.unexplained === 0;
      if (!clean && (bestClean || size > M.mathSize(own))) continue;
      if ((clean && !bestClean) || size < bestSize) {
        symbolic = d.math;
        unexplained = d.unexplained;
        bestSize = size;
        bestClean = clean;
      }
    } catch {
      // The decompiler refuses very large trees; the block form is still a correct reading.
    }
  }
  // Decimal constants are printed as decimals (the math printer would write 3867.3 as 38673/10).
  const value = (i: string, latex: boolean) => {
    const v = params[Number(i)];
    const t = latex ? constantText(v).replace(/e([+-]?\d+)$/, ' \\times 10^{$1}') : constantText(v);
    return v < 0 ? `(${t})` : t;
  };
  return {
    math: withConstants(symbolic, params),
    text: printMathText(symbolic).replace(PARAM, (_, i) => value(i, false)),
    latex: printMathLatex(symbolic).replace(/\\mathit\{\\_c(\d+)\}|\\_c(\d+)/g, (_, i, j) => value(i ?? j, true)),
    unexplained,
    symbolic,
  };
}

/**
 * The reading compiled afresh: the decompiler often finds a shorter way to say the same function (exp(x)·(1/e)
 * reads as exp(x − 1), K 35 → 13). The compiler's unshortened tree is read too, since the decompiler may name
 * its blocks better than the shortened joints (a^(3/2): K 59 from that reading, 87 from the other). Null when
 * no reading compiles smaller than `form`; the caller checks the tree against the candidate's values.
 */
export function smallerTree(r: Readable, form: EmlForm): EmlForm | null {
  const readings = [r.symbolic];
  if (form.compiled !== form.tree) {
    try {
      const d = decompile(form.compiled);
      if (d.unexplained === 0) readings.push(d.math);
    } catch {
      // Too large for the decompiler: the first reading still stands.
    }
  }
  let best: EmlForm | null = null;
  for (const m of readings) {
    try {
      const c = shortForm(compile(m, { mode: 'compact' }).tree);
      if (c.k < (best ?? form).k) best = c;
    } catch {
      // The compiler refuses this reading; another may do.
    }
  }
  return best;
}
