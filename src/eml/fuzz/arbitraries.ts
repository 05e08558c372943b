/**
 * Generators of hostile input for the fuzz suite: random strings over a grammar-aware alphabet (numbers at the
 * edges of float64 and beyond, operators, function names in both spellings, brackets, Unicode look-alikes, long and
 * prototype-named identifiers), valid expressions mutated a little, grammar-built math, and random EML trees at
 * special points. Everything is a fast-check arbitrary, so a seed reproduces an input and failures shrink.
 */
import fc from 'fast-check';
import { eml, ONE, variable, type EmlNode } from '../ast.ts';
import type { Complex } from '../evaluate/complex.ts';
import { SEMANTICS, type Semantics } from '../evaluate/semantics.ts';
import { ALL_SUITE_ITEMS } from '../suites/grids.ts';

export const PROTOTYPE_NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

/** Numbers that break naive exact or float arithmetic (the issue's inputs among them). */
const EDGE_NUMBERS = [
  '0',
  '1',
  '2',
  '0.5',
  '.5',
  '10',
  '3/7',
  '1e999',
  '1e-400',
  '1.2e-500',
  '1e4096',
  '1e308',
  '5e-324',
  '123456789012345678901234567890',
  '0.000000000000000000001',
];

const TOKENS = [
  ...EDGE_NUMBERS,
  '7',
  '9',
  'x',
  'y',
  'z',
  't',
  'x1',
  '_',
  'e',
  'E',
  'eml',
  'EML',
  'pi',
  'π',
  'i',
  'phi',
  'sin',
  'cos',
  'tan',
  'asin',
  'acsc',
  'atanh',
  'exp',
  'ln',
  'log',
  'sqrt',
  'abs',
  'sigmoid',
  'hypot',
  'avg',
  'Sin',
  'Power',
  'Sqrt',
  'Log',
  'Exp',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  '+',
  '-',
  '*',
  '/',
  '^',
  '−',
  '×',
  '·',
  ' ',
  '  ',
  '\n',
  '\t',
  '.',
  '!',
  '=',
  '%',
  '"',
  "'",
  '0x',
  '0*x',
  'a'.repeat(257),
  'q'.repeat(300),
  'w'.repeat(1_500),
  'é',
  '😀',
  '\u0000',
  '\u200b',
  '\u00a0',
  '\ud800',
  ...PROTOTYPE_NAMES,
];

/** Random token soup: mostly nonsense, often almost an expression. */
export const tokenSoup: fc.Arbitrary<string> = fc
  .array(fc.constantFrom(...TOKENS), { maxLength: 24 })
  .map((a) => a.join(''));

/** Inputs users really type or paste, the issue's breaking inputs among them: the seeds for mutation. */
export const CORPUS: readonly string[] = [
  'eml(1, x)',
  'E(x, 1)',
  'EML[1,EML[EML[1,x],1]]',
  '1 x E',
  '{1, x, EML}',
  'EML[EML[1,EML[EML[1,x],1]],EML[y,1]]',
  'eml(eml(x, y), eml(1, eml(y, x)))',
  'x y EML 1 E',
  'x^2 + 1',
  'sin(x)',
  'Sqrt[x]',
  'log(2, x)',
  'Power[x, y]',
  '2x',
  'x*y',
  'LogisticSigmoid[x]',
  'asin(x)',
  'acsc(x)',
  'hypot(x, y)',
  'avg(x, y)',
  'abs(x)',
  'exp(-x)',
  '1/(1+exp(-x))',
  'e^(i*pi)',
  '0*x',
  'x*0',
  '0x',
  '0 sin(x)',
  'sqrt(1e999)',
  '2^(10^10)',
  '1e-400^1e-400',
  '1e4096',
  '1.2e-500^64',
  'sin(sin(sin(sin(x))))',
  'x/0',
  '0^-1',
  'ln(0)',
  'tan(pi/2)',
  '(x+1)^(1/3)',
  '-0',
  '1e309 - 1e309',
  'constructor + 1',
  'eml(constructor, 1)',
  '0 ^__proto__',
  'Tan[x]__proto__',
  'constructor*toString*valueOf',
  ...ALL_SUITE_ITEMS.map((item) => item.input),
];

interface Mutation {
  kind: 'insert' | 'delete' | 'duplicate' | 'replace';
  at: number;
  length: number;
  token: string;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('insert', 'delete', 'duplicate', 'replace'),
  at: fc.nat(),
  length: fc.integer({ min: 1, max: 8 }),
  token: fc.constantFrom(...TOKENS),
});

function mutate(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % (text.length + 1);
  const end = Math.min(text.length, at + m.length);
  switch (m.kind) {
    case 'insert':
      return text.slice(0, at) + m.token + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(end);
    case 'duplicate':
      return text.slice(0, end) + text.slice(at, end) + text.slice(end);
    case 'replace':
      return text.slice(0, at) + m.token + text.slice(end);
  }
}

/** A corpus entry with up to three small edits. */
export const mutated: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...CORPUS), fc.array(mutation, { maxLength: 3 }))
  .map(([text, edits]) => edits.reduce(mutate, text));

const mathLeaf = fc.constantFrom(...EDGE_NUMBERS, 'x', 'y', 'e', 'pi', 'i', 'phi', 'constructor');
const UNARY = [
  'sin',
  'cos',
  'tan',
  'cot',
  'sec',
  'csc',
  'asin',
  'acos',
  'atan',
  'acot',
  'asec',
  'acsc',
  'sinh',
  'cosh',
  'tanh',
  'asinh',
  'acosh',
  'atanh',
  'exp',
  'ln',
  'sqrt',
  'abs',
  'sigmoid',
  '-',
];

/** Well-formed ordinary math built from the grammar, with edge numbers at the leaves. */
export const mathExpression: fc.Arbitrary<string> = fc.letrec<{ m: string }>((tie) => ({
  m: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    mathLeaf,
    fc
      .tuple(tie('m'), fc.constantFrom('+', '-', '*', '/', '^', ' '), tie('m'))
      .map(([a, op, b]) => `(${a})${op}(${b})`),
    fc.tuple(fc.constantFrom(...UNARY), tie('m')).map(([f, a]) => (f === '-' ? `-(${a})` : `${f}(${a})`)),
    fc
      .tuple(fc.constantFrom('log', 'hypot', 'avg', 'Power'), tie('m'), tie('m'))
      .map(([f, a, b]) => (f === 'Power' ? `Power[${a}, ${b}]` : `${f}(${a}, ${b})`)),
  ),
})).m;

/** A function nested n deep, the shape that once made paper lowering exponential. */
export const nested: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('sin', 'cos', 'exp', 'ln', 'sqrt', 'tan', 'sigmoid'), fc.integer({ min: 1, max: 40 }))
  .map(([f, n]) => `${`${f}(`.repeat(n)}x${')'.repeat(n)}`);

const leaf = fc.constantFrom<EmlNode>(
  ONE,
  ONE,
  variable('x'),
  variable('y'),
  ...PROTOTYPE_NAMES.slice(0, 3).map((n) => variable(n)),
);

/** Random EML trees, small to medium, with prototype-named variables among the leaves. */
export const emlTree: fc.Arbitrary<EmlNode> = fc.letrec<{ t: EmlNode }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'medium', maxDepth: 12 },
    leaf,
    fc.tuple(tie('t'), tie('t')).map(([l, r]) => eml(l, r)),
  ),
})).t;

/** Random EML trees printed in a random syntax (sometimes with extra blanks). */
export const emlTreeText: fc.Arbitrary<string> = fc
  .tuple(emlTree, fc.constantFrom('functional', 'mathematica', 'rpn'))
  .map(([t, s]) => {
    const text = s === 'rpn' ? rpnOf(t) : s === 'functional' ? functionalOf(t) : mathematicaOf(t);
    return text;
  });

function walk(t: EmlNode, open: string, sep: string, close: string): string {
  if (t.kind === 'one') return '1';
  if (t.kind === 'var') return t.name;
  return `${open}${walk(t.left, open, sep, close)}${sep}${walk(t.right, open, sep, close)}${close}`;
}
// Generated trees are at most 12 deep, so the recursion here is bounded.
const functionalOf = (t: EmlNode) => walk(t, 'eml(', ', ', ')');
const mathematicaOf = (t: EmlNode) => walk(t, 'EML[', ',', ']');
function rpnOf(t: EmlNode): string {
  if (t.kind === 'one') return '1';
  if (t.kind === 'var') return t.name;
  return `${rpnOf(t.left)} ${rpnOf(t.right)} E`;
}

const SPECIAL = [
  0,
  -0,
  1,
  -1,
  0.5,
  2,
  Math.PI,
  1e-320,
  -1e-320,
  1e308,
  -1e308,
  Infinity,
  -Infinity,
  NaN,
  709.8,
  -745.2,
];
const coordinate = fc.oneof(fc.constantFrom(...SPECIAL), fc.double());

/** A point: real or complex, special values and signed zeros included. */
export const point: fc.Arbitrary<Complex> = fc.oneof(
  coordinate.map((re) => ({ re, im: 0 })),
  fc.tuple(coordinate, coordinate).map(([re, im]) => ({ re, im })),
);

export const semantics: fc.Arbitrary<Semantics> = fc.constantFrom(...SEMANTICS);

/** Text for the EML parsers: soup, mutated corpus, printed random trees. */
export const emlText: fc.Arbitrary<string> = fc.oneof(tokenSoup, mutated, emlTreeText);
/** Text for the math compiler: soup, mutated corpus, grammar-built expressions, deep nesting. */
export const mathText: fc.Arbitrary<string> = fc.oneof(tokenSoup, mutated, mathExpression, nested);
/** Tree JSON documents: printed from random trees, then possibly mutated. */
export const treeJsonText: fc.Arbitrary<string> = fc
  .tuple(emlTree, fc.array(mutation, { maxLength: 2 }))
  .map(([t, edits]) => edits.reduce(mutate, JSON.stringify({ format: 'eml-tree', version: 1, root: jsonOf(t) })));

function jsonOf(t: EmlNode): unknown {
  if (t.kind === 'one') return 1;
  if (t.kind === 'var') return t.name;
  return { eml: [jsonOf(t.left), jsonOf(t.right)] };
}
