/**
 * Code generation: self-contained JavaScript and Python/NumPy source that evaluates an EML tree.
 *
 * The tree is a hash-consed DAG, so common-subexpression elimination is free: a node referenced from more than one
 * parent becomes one temporary, computed once. A node used once is written inline in its parent's expression, up
 * to a small nesting depth (beyond which it also becomes a temporary), so the source stays readable and linear in
 * the number of distinct nodes, and a 100 000-deep tree never produces deeply nested source that would overflow a
 * parser. Everything walks `topoOrder` (iterative); nothing here recurses over the tree.
 *
 * Semantics: complex principal branch.
 * - JavaScript embeds a tiny complex exp/log faithful to C99 Annex G (signed zeros, ln 0 = −∞, exp(−∞) = 0, the
 *   sign of a zero imaginary part choosing the edge of the cut). It follows the algorithms of
 *   ../evaluate/complex.ts step for step, so the generated function agrees with the reference interpreter bit for
 *   bit (tests in code.test.ts).
 * - Python uses numpy.complex128 with np.exp / np.log under np.errstate(all='ignore'), vectorised over arrays
 *   of x, y (NumPy's complex exp/log also follow C99; agreement with the interpreter is to ~1e−15 relative).
 */
import { topoOrder, type EmlNode } from '../ast.ts';

export type CodeLanguage = 'javascript' | 'python';

export interface CodeOptions {
  /** Name of the generated function (default `f`). Must be an identifier. */
  functionName?: string;
  /** A one-line description put in the header comment, e.g. the source expression. */
  title?: string;
  /** Inline single-use nodes up to this nesting depth before naming them (default 4; 0 names every node). */
  maxInlineDepth?: number;
}

export interface GeneratedCode {
  language: CodeLanguage;
  source: string;
  functionName: string;
  /** The tree's variables, sorted: the function's parameters in order. */
  variables: string[];
  /** Parameter names as written in the source (a variable that is a keyword of the language gets a trailing _). */
  parameters: string[];
  /** Number of temporaries (named intermediate values) in the function body. */
  temporaries: number;
  /** Distinct eml nodes of the DAG (each is computed exactly once). */
  distinctNodes: number;
}

const JS_RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'implements import in instanceof interface let new null package private protected public return static super switch this ' +
    'throw true try typeof var void while with yield await arguments eval undefined NaN Infinity Math Object Number'
  ).split(' '),
);
const PY_RESERVED = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except finally for from global if import ' +
    'in is lambda nonlocal not or pass raise return try while with yield np numpy complex float'
  ).split(' '),
);
/** Names the function body refers to, which a parameter must not shadow. */
const BODY_NAMES: Record<CodeLanguage, readonly string[]> = {
  javascript: ['eml', 'ONE', 'toComplex'],
  python: ['eml', 'ONE', 'np'],
};

interface Program {
  variables: string[];
  parameters: string[];
  /** Temporaries in evaluation order. */
  lines: Array<{ name: string; expr: string }>;
  /** Expression of the root (a temporary, a parameter or the constant one). */
  result: string;
  distinctNodes: number;
}

/** The straight-line program shared by both languages: `eml(a, b)` calls over parameters, ONE and temporaries. */
function buildProgram(tree: EmlNode, language: CodeLanguage, maxInlineDepth: number): Program {
  const order = topoOrder(tree);
  const variables = order
    .filter((n) => n.kind === 'var')
    .map((n) => (n.kind === 'var' ? n.name : ''))
    .sort();
  const reserved = language === 'javascript' ? JS_RESERVED : PY_RESERVED;
  const taken = new Set<string>([...BODY_NAMES[language], ...variables]);
  const parameters = variables.map((name) => {
    if (!reserved.has(name) && !BODY_NAMES[language].includes(name)) return name;
    let safe = `${name}_`;
    while (taken.has(safe) || reserved.has(safe)) safe += '_';
    taken.add(safe);
    return safe;
  });
  const paramOf = new Map(variables.map((v, i) => [v, parameters[i]]));
  // Temporaries are <prefix><n>; pick a prefix no parameter can be confused with.
  let prefix = 't';
  while (parameters.some((p) => p.startsWith(prefix) && /^\d+$/.test(p.slice(prefix.length)))) prefix += '_';

  const uses = new Map<number, number>();
  for (const n of order) {
    if (n.kind !== 'eml') continue;
    uses.set(n.left.id, (uses.get(n.left.id) ?? 0) + 1);
    uses.set(n.right.id, (uses.get(n.right.id) ?? 0) + 1);
  }
  const text = new Map<number, string>();
  const nesting = new Map<number, number>();
  const lines: Program['lines'] = [];
  for (const n of order) {
    if (n.kind === 'one') {
      text.set(n.id, 'ONE');
      nesting.set(n.id, 0);
      continue;
    }
    if (n.kind === 'var') {
      text.set(n.id, paramOf.get(n.name)!);
      nesting.set(n.id, 0);
      continue;
    }
    const expr = `eml(${text.get(n.left.id)}, ${text.get(n.right.id)})`;
    const depth = 1 + Math.max(nesting.get(n.left.id)!, nesting.get(n.right.id)!);
    // Children's texts were used once (by this parent) and are no longer needed.
    if (uses.get(n.left.id) === 1) text.delete(n.left.id);
    if (uses.get(n.right.id) === 1) text.delete(n.right.id);
    const shared = (uses.get(n.id) ?? 0) > 1;
    if (n === tree || shared || depth > maxInlineDepth) {
      const name = `${prefix}${lines.length}`;
      lines.push({ name, expr });
      text.set(n.id, name);
      nesting.set(n.id, 0);
    } else {
      text.set(n.id, expr);
      nesting.set(n.id, depth);
    }
  }
  return {
    variables,
    parameters,
    lines,
    result: text.get(tree.id)!,
    distinctNodes: order.filter((n) => n.kind === 'eml').length,
  };
}

function checkFunctionName(name: string): void {
  if (
    !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ||
    JS_RESERVED.has(name) ||
    PY_RESERVED.has(name) ||
    ['eml', 'ONE', 'toComplex'].includes(name)
  ) {
    throw new Error(`"${name}" cannot be the generated function's name`);
  }
}

/** One line of comment text, safe inside a comment of either language. */
function commentSafe(s: string, language: CodeLanguage, max = 200): string {
  // Control characters (line breaks included) become spaces; the result is one line.
  const chars = Array.from(s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' '));
  let line = chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
  // Nothing may end the comment or docstring early.
  line = line.replace(/\*\//g, '* /').replace(/"""/g, '"" "');
  // In a Python docstring a backslash starts an escape (\N{…} would even be a syntax error).
  return language === 'python' ? line.replace(/\\/g, '\\\\') : line;
}

function summary(tree: EmlNode, program: Program, functionName: string): string[] {
  const sig = `${functionName}(${program.parameters.join(', ')})`;
  const renamed = program.variables
    .filter((v, i) => program.parameters[i] !== v)
    .map((v) => `${v} → ${program.parameters[program.variables.indexOf(v)]}`);
  return [
    `${sig}: an EML tree, eml(a, b) = exp(a) − ln(b) over the constant 1 and the variables.`,
    `K = ${tree.k} (leaves + eml nodes), depth ${tree.depth}, ${program.distinctNodes} distinct eml nodes, ${program.lines.length} temporaries.`,
    `Variables (parameters, sorted): ${program.variables.length > 0 ? program.variables.join(', ') : 'none'}.` +
      (renamed.length > 0 ? ` Renamed (language keywords): ${renamed.join(', ')}.` : ''),
    'Semantics: complex principal branch, C99 Annex G special values (signed zeros, ln 0 = −∞, exp(−∞) = 0).',
  ];
}

/**
 * The embedded complex helper of the JavaScript output. Mirrors src/eml/evaluate/complex.ts (expInto, logAbs,
 * logInto) operation for operation, so results are bit-identical.
 */
const JS_HELPER = `  const EXP_SPLIT = 709;
  const EXP_SPLIT_FACTOR = Math.exp(EXP_SPLIT);
  const TINY_ANGLE = 2 ** -27;
  const TINY_RATIO = 7e-9;
  // exp(re + i·im) into er, ei (C99 cexp special values).
  let er = 0, ei = 0;
  function cexp(re, im) {
    if (im === 0) { er = Math.exp(re); ei = im; return; }
    if (!Number.isFinite(im)) {
      if (re === -Infinity) { er = 0; ei = 0; } else if (re === Infinity) { er = Infinity; ei = NaN; } else { er = NaN; ei = NaN; }
      return;
    }
    if (Number.isNaN(re)) { er = NaN; ei = NaN; return; }
    const tiny = im < TINY_ANGLE && im > -TINY_ANGLE;
    let c = tiny ? 1 : Math.cos(im);
    let s = tiny ? im : Math.sin(im);
    if (re === -Infinity) { er = 0 * c; ei = 0 * s; return; }
    let x = re;
    if (x > EXP_SPLIT) {
      c *= EXP_SPLIT_FACTOR; s *= EXP_SPLIT_FACTOR; x -= EXP_SPLIT;
      if (x > EXP_SPLIT) { c *= EXP_SPLIT_FACTOR; s *= EXP_SPLIT_FACTOR; x -= EXP_SPLIT; }
    }
    const e = Math.exp(x);
    er = e * c; ei = e * s;
  }
  // [p, e] with p = fl(a·a) and p + e = a·a exactly (Dekker's split).
  const SPLITTER = 134217729;
  function exactSquare(a) {
    const p = a * a;
    const t = SPLITTER * a;
    const hi = t - (t - a);
    const lo = a - hi;
    return [p, hi * hi - p + 2 * hi * lo + lo * lo];
  }
  // a² + b² − 1 near |z| = 1, accurate where it cancels: exact squares, then Knuth's two-sum.
  function squaresMinusOne(a, b) {
    const [pa, ea] = exactSquare(a);
    const [pb, eb] = exactSquare(b);
    const x = pa - 1;
    const s = x + pb;
    const bv = s - x;
    const t = (x - (s - bv)) + (pb - bv);
    return s + (t + ea + eb);
  }
  // log|x + iy| for finite nonzero input, without overflow or underflow of |z|².
  function logAbs(x, y) {
    let a = Math.abs(x), b = Math.abs(y);
    if (b === 0) return Math.log(a);
    if (a === 0) return Math.log(b);
    if (a < b) { const t = a; a = b; b = t; }
    if (a >= 0.5 && a <= 2) return 0.5 * Math.log1p(squaresMinusOne(a, b));
    const r = b / a;
    return Math.log(a) + (r < TINY_RATIO ? 0.5 * (r * r) : 0.5 * Math.log1p(r * r));
  }
  // Principal log(re + i·im) into lr, li: Arg in [−π, π], the sign of a zero choosing the edge of the cut.
  let lr = 0, li = 0;
  function clog(re, im) {
    if (Number.isNaN(re) || Number.isNaN(im)) {
      lr = re === Infinity || re === -Infinity || im === Infinity || im === -Infinity ? Infinity : NaN; li = NaN; return;
    }
    li = Math.atan2(im, re);
    if (re === 0 && im === 0) lr = -Infinity;
    else if (!Number.isFinite(re) || !Number.isFinite(im)) lr = Infinity;
    else lr = logAbs(re, im);
  }
  // eml(a, b) = exp(a) − ln(b), componentwise subtraction.
  function eml(a, b) {
    cexp(a.re, a.im);
    clog(b.re, b.im);
    return { re: er - lr, im: ei - li };
  }
  const ONE = Object.freeze({ re: 1, im: 0 });
  // A number is the real x + 0i; otherwise { re, im }.
  function toComplex(v) {
    return typeof v === 'number' ? { re: v, im: 0 } : { re: Number(v.re), im: Number(v.im ?? 0) };
  }`;

/** JavaScript source defining `f` (a script; also `module.exports = f` under CommonJS). */
export function generateJavaScript(tree: EmlNode, options: CodeOptions = {}): GeneratedCode {
  const functionName = options.functionName ?? 'f';
  checkFunctionName(functionName);
  const program = buildProgram(tree, 'javascript', options.maxInlineDepth ?? 4);
  const out: string[] = [];
  out.push('/*');
  out.push(' * Generated by EML Playground: self-contained, no dependencies.');
  if (options.title) out.push(` * ${commentSafe(options.title, 'javascript')}`);
  for (const line of summary(tree, program, functionName)) out.push(` * ${line}`);
  out.push(' * Arguments: numbers (reals, imaginary part +0) or { re, im } objects. Returns { re, im }.');
  out.push(` * Usage: ${functionName}(${program.parameters.map(() => '2').join(', ')}).re`);
  out.push(' */');
  out.push(`const ${functionName} = (() => {`);
  out.push("  'use strict';");
  out.push(JS_HELPER);
  out.push(`  return function ${functionName}(${program.parameters.join(', ')}) {`);
  for (const p of program.parameters) out.push(`    ${p} = toComplex(${p});`);
  for (const { name, expr } of program.lines) out.push(`    const ${name} = ${expr};`);
  out.push(`    return { re: ${program.result}.re, im: ${program.result}.im };`);
  out.push('  };');
  out.push('})();');
  out.push(`if (typeof module !== 'undefined' && module.exports) module.exports = ${functionName};`);
  out.push('');
  return {
    language: 'javascript',
    source: out.join('\n'),
    functionName,
    variables: program.variables,
    parameters: program.parameters,
    temporaries: program.lines.length,
    distinctNodes: program.distinctNodes,
  };
}

/** Python source defining `f` over numpy.complex128, vectorised over arrays (broadcasting like NumPy). */
export function generatePython(tree: EmlNode, options: CodeOptions = {}): GeneratedCode {
  const functionName = options.functionName ?? 'f';
  checkFunctionName(functionName);
  const program = buildProgram(tree, 'python', options.maxInlineDepth ?? 4);
  const out: string[] = [];
  out.push('"""Generated by EML Playground: needs only NumPy.');
  out.push('');
  if (options.title) out.push(commentSafe(options.title, 'python'), '');
  for (const line of summary(tree, program, functionName)) out.push(line);
  out.push('Arguments: numbers or NumPy arrays (real or complex; reals get imaginary part +0), broadcast together.');
  out.push('Returns numpy.complex128 values of the same shape.');
  out.push('"""');
  out.push('import numpy as np');
  out.push('');
  out.push('ONE = np.complex128(1)');
  out.push('');
  out.push('');
  out.push('def eml(a, b):');
  out.push('    """exp(a) - ln(b), principal branch (NumPy follows C99: ln 0 = -inf, exp(-inf) = 0)."""');
  out.push('    return np.exp(a) - np.log(b)');
  out.push('');
  out.push('');
  out.push(`def ${functionName}(${program.parameters.join(', ')}):`);
  out.push(`    """K = ${tree.k}, depth ${tree.depth}; see the module docstring."""`);
  for (const p of program.parameters) out.push(`    ${p} = np.asarray(${p}, dtype=np.complex128)`);
  out.push("    with np.errstate(all='ignore'):");
  for (const { name, expr } of program.lines) out.push(`        ${name} = ${expr}`);
  out.push(
    `        return ${program.result === 'ONE' ? 'ONE' : program.lines.length === 0 ? `${program.result}.copy()` : program.result}`,
  );
  out.push('');
  out.push('');
  out.push("if __name__ == '__main__':");
  out.push(`    print(${functionName}(${program.parameters.map(() => '2.0').join(', ')}))`);
  out.push('');
  return {
    language: 'python',
    source: out.join('\n'),
    functionName,
    variables: program.variables,
    parameters: program.parameters,
    temporaries: program.lines.length,
    distinctNodes: program.distinctNodes,
  };
}
