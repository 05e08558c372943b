/**
 * The functions ordinary math may use: canonical names, arities, spellings (ours, `arcsin`-style aliases and the
 * paper's Mathematica names, docs/constructions.md#input-syntax), and how each prints. Names that are functions elsewhere
 * but have no EML construction (floor, max, …) are listed so the parser can refuse them by name.
 */

export type FnName =
  | 'exp'
  | 'ln'
  | 'log'
  | 'sqrt'
  | 'sin'
  | 'cos'
  | 'tan'
  | 'cot'
  | 'sec'
  | 'csc'
  | 'asin'
  | 'acos'
  | 'atan'
  | 'acot'
  | 'asec'
  | 'acsc'
  | 'sinh'
  | 'cosh'
  | 'tanh'
  | 'asinh'
  | 'acosh'
  | 'atanh'
  | 'sigmoid'
  | 'abs'
  | 'avg'
  | 'hypot';

export interface FnInfo {
  name: FnName;
  arity: number;
  /** How it is written in text output. */
  text: string;
  /** LaTeX head, e.g. `\sin`; null when printed specially (sqrt, abs, log base). */
  latex: string | null;
  description: string;
}

const F = (name: FnName, arity: number, latex: string | null, description: string, text: string = name): FnInfo => ({
  name,
  arity,
  text,
  latex,
  description,
});

export const FUNCTIONS: Readonly<Record<FnName, FnInfo>> = Object.freeze({
  exp: F('exp', 1, '\\exp', 'exponential e^x'),
  ln: F('ln', 1, '\\ln', 'natural logarithm (principal branch)'),
  log: F('log', 2, null, 'logarithm log(b, x) = ln x / ln b, base first as in the paper'),
  sqrt: F('sqrt', 1, null, 'principal square root'),
  sin: F('sin', 1, '\\sin', 'sine'),
  cos: F('cos', 1, '\\cos', 'cosine'),
  tan: F('tan', 1, '\\tan', 'tangent'),
  cot: F('cot', 1, '\\cot', 'cotangent cos/sin'),
  sec: F('sec', 1, '\\sec', 'secant 1/cos'),
  csc: F('csc', 1, '\\csc', 'cosecant 1/sin'),
  asin: F('asin', 1, '\\arcsin', 'inverse sine'),
  acos: F('acos', 1, '\\arccos', 'inverse cosine'),
  atan: F('atan', 1, '\\arctan', 'inverse tangent'),
  acot: F('acot', 1, '\\operatorname{arccot}', 'inverse cotangent atan(1/x)'),
  asec: F('asec', 1, '\\operatorname{arcsec}', 'inverse secant acos(1/x)'),
  acsc: F('acsc', 1, '\\operatorname{arccsc}', 'inverse cosecant asin(1/x)'),
  sinh: F('sinh', 1, '\\sinh', 'hyperbolic sine'),
  cosh: F('cosh', 1, '\\cosh', 'hyperbolic cosine'),
  tanh: F('tanh', 1, '\\tanh', 'hyperbolic tangent'),
  asinh: F('asinh', 1, '\\operatorname{arsinh}', 'inverse hyperbolic sine'),
  acosh: F('acosh', 1, '\\operatorname{arcosh}', 'inverse hyperbolic cosine'),
  atanh: F('atanh', 1, '\\operatorname{artanh}', 'inverse hyperbolic tangent'),
  sigmoid: F('sigmoid', 1, '\\sigma', 'logistic sigmoid 1/(1 + e^−x)'),
  abs: F('abs', 1, null, 'absolute value, as sqrt(x·x): |x| for real x (beyond the paper)'),
  avg: F('avg', 2, '\\operatorname{avg}', 'average (x + y)/2'),
  hypot: F('hypot', 2, '\\operatorname{hypot}', 'hypotenuse sqrt(x² + y²)'),
});

/**
 * Spellings that desugar at parse time into operators, as the paper's LOCALS define them (docs/constructions.md#input-syntax): Half[x] is x/2,
 * Minus[x] is −x, and so on. Variadic ones (Plus, Times) take two or more arguments.
 */
export type SugarName = 'half' | 'minus' | 'inv' | 'sqr' | 'plus' | 'times' | 'subtract' | 'divide' | 'power' | 'eml';

export interface Spelling {
  /** A real function, or sugar the parser expands. */
  target: { fn: FnName } | { sugar: SugarName };
  /** Accepted argument counts. */
  arities: readonly number[] | 'variadic';
}

const spellings = new Map<string, Spelling>();
function spell(names: string[], target: Spelling['target'], arities: Spelling['arities']) {
  for (const n of names) spellings.set(n, { target, arities });
}

spell(['exp', 'Exp'], { fn: 'exp' }, [1]);
spell(['ln', 'Ln'], { fn: 'ln' }, [1]);
// log(x) is ln x; log(b, x) is base first, like Mathematica's Log[b, z] and the paper's compiler.
spell(['log', 'Log'], { fn: 'log' }, [1, 2]);
spell(['sqrt', 'Sqrt'], { fn: 'sqrt' }, [1]);
for (const f of ['sin', 'cos', 'tan', 'cot', 'sec', 'csc', 'sinh', 'cosh', 'tanh'] as const) {
  spell([f, f[0].toUpperCase() + f.slice(1)], { fn: f }, [1]);
}
for (const f of ['sin', 'cos', 'tan', 'cot', 'sec', 'csc'] as const) {
  const inv = `a${f}` as FnName;
  const cap = f[0].toUpperCase() + f.slice(1);
  spell([inv, `arc${f}`, `Arc${cap}`], { fn: inv }, [1]);
}
for (const f of ['sinh', 'cosh', 'tanh'] as const) {
  const inv = `a${f}` as FnName;
  const cap = f[0].toUpperCase() + f.slice(1);
  spell([inv, `arc${f}`, `ar${f}`, `Arc${cap}`], { fn: inv }, [1]);
}
spell(['sigmoid', 'LogisticSigmoid', 'logistic'], { fn: 'sigmoid' }, [1]);
spell(['abs', 'Abs'], { fn: 'abs' }, [1]);
spell(['avg', 'Avg'], { fn: 'avg' }, [2]);
spell(['hypot', 'Hypot'], { fn: 'hypot' }, [2]);
spell(['Half', 'half'], { sugar: 'half' }, [1]);
spell(['Minus'], { sugar: 'minus' }, [1]);
spell(['Inv', 'inv'], { sugar: 'inv' }, [1]);
spell(['Sqr', 'sqr'], { sugar: 'sqr' }, [1]);
spell(['Plus'], { sugar: 'plus' }, 'variadic');
spell(['Times'], { sugar: 'times' }, 'variadic');
spell(['Subtract'], { sugar: 'subtract' }, [2]);
spell(['Divide'], { sugar: 'divide' }, [2]);
spell(['Power', 'pow'], { sugar: 'power' }, [2]);
// The tree view's block names (rules.ts ids), so what a reader sees on a collapsed block can be typed back.
spell(['add'], { sugar: 'plus' }, [2]);
spell(['sub'], { sugar: 'subtract' }, [2]);
spell(['mul'], { sugar: 'times' }, [2]);
spell(['div'], { sugar: 'divide' }, [2]);
spell(['neg'], { sugar: 'minus' }, [1]);
// Raw EML inside math, so a decompiled result with unexplained eml(·,·) parts reads back in.
spell(['eml', 'EML'], { sugar: 'eml' }, [2]);

export function lookupFunction(name: string): Spelling | undefined {
  return spellings.get(name);
}

/** Constant spellings. */
export const CONSTANT_NAMES: Readonly<Record<string, 'e' | 'pi' | 'i' | 'phi'>> = Object.freeze({
  e: 'e',
  E: 'e',
  pi: 'pi',
  Pi: 'pi',
  π: 'pi',
  i: 'i',
  I: 'i',
  phi: 'phi',
  GoldenRatio: 'phi',
  φ: 'phi',
});

/** Known functions with no EML construction here: refused by name with a reason, not read as variables. */
export const UNSUPPORTED: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(
    [
      'floor',
      'Floor',
      'ceil',
      'ceiling',
      'Ceiling',
      'round',
      'Round',
      'max',
      'Max',
      'min',
      'Min',
      'sign',
      'sgn',
      'Sign',
      'mod',
      'Mod',
      'gamma',
      'Gamma',
      'erf',
      'Erf',
      'factorial',
      'Factorial',
      're',
      'Re',
      'im',
      'Im',
      'arg',
      'Arg',
      'conj',
      'Conjugate',
      'heaviside',
      'HeavisideTheta',
      'if',
      'If',
      'Piecewise',
    ].map((n) => [
      n,
      `${n} is not supported: EML compiles only elementary functions built from exp and ln (no ` +
        `discontinuous or non-elementary functions)`,
    ]),
  ),
);
