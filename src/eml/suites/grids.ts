/**
 * The paper's numeric test suites (docs/semantics.md#numeric-grids): unary grids with their ranges and steps, the binary
 * [−8, 8]² grid with its out-of-domain filters, and the float64 reference of every item. Tolerances are the
 * issue's: 1e−12, except 1e−7 exactly at the square-root branch points (asin/acos at ±1, acosh at 1). Grid points are
 * `min + i·step` with the last point exactly `max`, as in run_unary_suite_*.py.
 */

export interface SuiteItem {
  /** The paper's name (FUNC_STRINGS / OP_STRINGS). */
  name: string;
  /** Input as the paper writes it (Mathematica names; our parser reads them). */
  input: string;
  arity: 1 | 2;
  reference: (x: number, y: number) => number;
  /** Sample points (x only for unary; x,y pairs for binary), already domain-filtered. */
  points: () => { x: Float64Array; y: Float64Array };
  /** Allowed error at a point (relative, absolute where |reference| < 1). */
  tolerance: (x: number, y: number) => number;
}

export const DEFAULT_TOLERANCE = 1e-12;
/** ArcSin/ArcCos at ±1: √(1 − x²) is exp(½ ln(…)), so O(ε) in 1 − x² becomes O(√ε) (docs/semantics.md#numeric-grids failure analysis a). */
export const BRANCH_POINT_TOLERANCE = 1e-7;

export function grid(min: number, max: number, step: number): number[] {
  const n = Math.round((max - min) / step);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(min + i * step);
  out.push(max);
  return out;
}

const unaryPoints = (min: number, max: number, step: number) => () => {
  const xs = grid(min, max, step);
  return { x: Float64Array.from(xs), y: new Float64Array(xs.length) };
};

const tol = (_x: number, _y?: number) => DEFAULT_TOLERANCE;
const unary = (
  name: string,
  reference: (x: number) => number,
  range: [number, number, number],
  tolerance: (x: number) => number = tol,
): SuiteItem => ({
  name,
  input: name === 'x' ? 'x' : `${name}[x]`,
  arity: 1,
  reference: (x) => reference(x),
  points: unaryPoints(...range),
  tolerance,
});

const atBranchPoint = (x: number) => (Math.abs(Math.abs(x) - 1) < 1e-12 ? BRANCH_POINT_TOLERANCE : DEFAULT_TOLERANCE);
/** ArcCosh at 1 has the same √ε effect through √(x − 1) once x − 1 carries rounding (clean-mode negation). */
const acoshBranch = (x: number) => (Math.abs(x - 1) < 1e-12 ? BRANCH_POINT_TOLERANCE : DEFAULT_TOLERANCE);
const W = [-4, 4, 0.125] as [number, number, number];
const W8 = [-8, 8, 0.125] as [number, number, number];
const POS = [0.125, 8, 0.125] as [number, number, number];

export const UNARY_SUITE: readonly SuiteItem[] = [
  unary('Half', (x) => x / 2, W),
  unary('Minus', (x) => -x, W),
  unary('Log', Math.log, POS),
  unary('Exp', Math.exp, W),
  unary('Inv', (x) => 1 / x, POS),
  unary('Sqrt', Math.sqrt, [0, 8, 0.125]),
  unary('Sqr', (x) => x * x, W),
  unary('Cosh', Math.cosh, W),
  unary('Cos', Math.cos, [-20, 20, 0.125]),
  unary('Sinh', Math.sinh, W),
  unary('Sin', Math.sin, [-20, 20, 0.125]),
  unary('Tanh', Math.tanh, W),
  unary('Tan', Math.tan, [-1.25, 1.25, 0.03125]),
  unary('ArcSinh', Math.asinh, W8),
  unary('ArcTanh', Math.atanh, [-0.95, 0.95, 0.01]),
  unary('ArcSin', Math.asin, [-1, 1, 0.01], atBranchPoint),
  unary('ArcCos', Math.acos, [-1, 1, 0.01], atBranchPoint),
  unary('ArcTan', Math.atan, W8),
  unary('ArcCosh', Math.acosh, [1, 9, 0.125], acoshBranch),
  unary('LogisticSigmoid', (x) => 1 / (1 + Math.exp(-x)), W8),
  unary('x', (x) => x, W8),
];

const isIntegerLike = (v: number) => Math.abs(v - Math.round(v)) < 1e-12;
const binaryPoints = (inDomain: (x: number, y: number) => boolean) => () => {
  const xs: number[] = [];
  const ys: number[] = [];
  const g = grid(-8, 8, 0.5);
  for (const x of g)
    for (const y of g)
      if (inDomain(x, y)) {
        xs.push(x);
        ys.push(y);
      }
  return { x: Float64Array.from(xs), y: Float64Array.from(ys) };
};
const binary = (
  name: string,
  reference: (x: number, y: number) => number,
  inDomain: (x: number, y: number) => boolean = () => true,
): SuiteItem => ({
  name,
  input: `${name}[x,y]`,
  arity: 2,
  reference,
  points: binaryPoints(inDomain),
  tolerance: tol,
});

export const BINARY_SUITE: readonly SuiteItem[] = [
  binary('Plus', (x, y) => x + y),
  binary('Times', (x, y) => x * y),
  binary('Subtract', (x, y) => x - y),
  binary(
    'Divide',
    (x, y) => x / y,
    (_x, y) => Math.abs(y) > 1e-12,
  ),
  binary('Power', Math.pow, (x, y) => x > 0 || (Math.abs(x) <= 1e-12 && y > 0) || (x < 0 && isIntegerLike(y))),
  binary(
    'Log',
    (x, y) => Math.log(y) / Math.log(x),
    (x, y) => x > 0 && y > 0 && Math.abs(x - 1) > 1e-12,
  ),
  binary('Avg', (x, y) => (x + y) / 2),
  binary('Hypot', Math.hypot),
];

export const ALL_SUITE_ITEMS: readonly SuiteItem[] = [...UNARY_SUITE, ...BINARY_SUITE];
