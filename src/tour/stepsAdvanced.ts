/**
 * Tour steps 10–18: reciprocal, product, numbers, powers, roots, i, π, sine and cosine, and what size means.
 * i is where float64 and exact arithmetic disagree (docs/semantics.md#branch-cut); the tour shows both.
 */
import { variable } from '../eml/ast.ts';
import { compile } from '../eml/compiler/compile.ts';
import * as P from '../eml/compiler/primitives.ts';
import { printFunctional } from '../eml/syntax/index.ts';
import { clog, type Complex } from '../eml/evaluate/complex.ts';
import { at } from './stepsBasics.ts';
import { re, type TourStep } from './types.ts';

const X = variable('x');
const Y = variable('y');
const v4 = P.paperKit(false);
const paper = (text: string) => compile(text, { mode: 'paper' }).tree;
// Complex references for lines that also hold off the positive axis (principal logs).
const neg = (z: Complex): Complex => ({ re: -z.re, im: -z.im });
const sum = (a: Complex, b: Complex): Complex => ({ re: a.re + b.re, im: a.im + b.im });

const SIN = paper('sin(x)');
const COS = paper('cos(x)');
/** The notebook's K=17 product (docs/constructions.md#reference-values (case 13)): it computes e^{e^x} inside, so it overflows past x ≈ 6.565. */
const MUL17 = P.tree('EML[EML[x,EML[EML[EML[1,EML[EML[1,EML[x,y]],1]],x],1]],1]');

export const ADVANCED_STEPS: TourStep[] = [
  {
    id: 'inv',
    title: 'The reciprocal',
    body: ['$1/x = e^{-\\ln x}$: take the log, negate it, exponentiate.'],
    identity: '\\frac{1}{x} = \\exp(-\\ln x)',
    derivation: [
      { latex: '-\\ln x', check: (p) => [at(v4.neg(P.ln(X)), p), neg(clog(re(p.x)))] },
      { latex: 'e^{-\\ln x} = 1/x', check: (p) => [at(v4.inv(X), p), re(1 / p.x)] },
    ],
    tree: v4.inv(X),
    blocks: ['neg', 'ln', 'exp'],
    k: 25,
    sizes: { math: '1/x', own: [], k: { paper: 65, robust: 15, shortest: 15 } },
    depth: 8,
    expected: (p) => re(1 / p.x),
    samples: [{ x: 4 }, { x: 0.5 }, { x: -2 }],
    slider: { variable: 'x', min: 0.1, max: 5, step: 0.01, initial: 4 },
    exercise: {
      prompt: 'Build 1/y.',
      starter: printFunctional(v4.inv(X)),
      target: (p) => re(1 / p.y),
      points: [{ y: 4 }, { y: 0.25 }],
      hint: 'Change the variable.',
      answer: printFunctional(v4.inv(Y)),
    },
    source: 'docs/constructions.md#primitives, docs/constructions.md#small-trees',
  },
  {
    id: 'mul',
    title: 'Multiplication',
    body: [
      'Logs turn products into sums: $x y = e^{\\ln x + \\ln y}$. K = 41 from the compiler; the shortest known tree has K = 17.',
    ],
    identity: 'x \\cdot y = \\exp(\\ln x + \\ln y)',
    derivation: [
      { latex: '\\ln x + \\ln y', check: (p) => [at(v4.add(P.ln(X), P.ln(Y)), p), sum(clog(re(p.x)), clog(re(p.y)))] },
      { latex: '\\exp(\\ln x + \\ln y) = x y', check: (p) => [at(v4.mul(X, Y), p), re(p.x * p.y)] },
    ],
    tree: v4.mul(X, Y),
    blocks: ['add', 'ln', 'exp'],
    k: 41,
    sizes: { math: 'x*y', own: ['paper'], k: { paper: 41, robust: 17, shortest: 17 } },
    depth: 10,
    expected: (p) => re(p.x * p.y),
    samples: [
      { x: 2, y: 3 },
      { x: -1.5, y: 4 },
      { x: 0.5772156649015329, y: 0.915965594177219 },
    ],
    slider: { variable: 'x', min: -4, max: 4, step: 0.01, initial: 2 },
    exercise: {
      prompt: 'Build x².',
      starter: printFunctional(v4.mul(X, Y)),
      target: (p) => re(p.x * p.x),
      points: [{ x: 3 }, { x: -1.5 }],
      hint: 'Multiply x by itself.',
      answer: printFunctional(v4.mul(X, X)),
    },
    source:
      'docs/constructions.md#primitives, docs/constructions.md#small-trees, docs/constructions.md#reference-values (case 21)',
  },
  {
    id: 'numbers',
    title: '2, the integers and 1/2',
    body: [
      '2 = 1 + 1 (K = 27). Integers follow by binary doubling (3: K = 53, 10: K = 235), and fractions as products with reciprocals (1/2: K = 91). Direct search finds a 2 with K = 19.',
    ],
    identity: '2 = 1 + 1,\\quad 3 = 2 + 1,\\quad \\tfrac{1}{2} = 1 \\cdot 2^{-1}',
    derivation: [
      { latex: '1 + 1 = 2', check: (p) => [at(v4.int(2n), p), re(2)] },
      { latex: '2 + 1 = 3', check: (p) => [at(v4.int(3n), p), re(3)] },
      { latex: '1 \\cdot 2^{-1} = \\tfrac{1}{2}', check: (p) => [at(v4.rational(1n, 2n), p), re(0.5)] },
    ],
    tree: v4.int(2n),
    blocks: ['add'],
    k: 27,
    sizes: { math: '2', own: ['paper'], k: { paper: 27, robust: 19, shortest: 19 } },
    depth: 9,
    expected: () => re(2),
    samples: [{}],
    alternative: {
      label: '2 from direct search (K = 19)',
      tree: P.CONST.TWO,
      k: 19,
      note: 'Shorter and finite everywhere (docs/constructions.md#shortest-forms, "two").',
    },
    exercise: {
      prompt: 'Build 3.',
      starter: printFunctional(v4.int(2n)),
      target: () => re(3),
      points: [{}],
      hint: 'Add 1 to the 2 you have.',
      answer: printFunctional(v4.add(v4.int(2n), v4.int(1n))),
    },
    source: 'docs/constructions.md#primitives, docs/constructions.md#k-table',
  },
  {
    id: 'pow',
    title: 'Powers',
    body: [
      '$x^y = e^{y \\ln x}$, defined for x > 0 on the real line (K = 49 as the paper compiles it, 25 in the shortest form).',
    ],
    identity: 'x^y = \\exp(y \\ln x)',
    derivation: [{ latex: '\\exp(y \\ln x) = x^y', check: (p) => [at(v4.pow(X, Y), p), re(p.x ** p.y)] }],
    tree: v4.pow(X, Y),
    blocks: ['mul', 'ln', 'exp'],
    k: 49,
    sizes: { math: 'x^y', own: ['paper'], k: { paper: 49, robust: 25, shortest: 25 } },
    depth: 12,
    expected: (p) => re(p.x ** p.y),
    samples: [
      { x: 2, y: 10 },
      { x: 0.5, y: 3 },
    ],
    slider: { variable: 'x', min: 0.1, max: 4, step: 0.01, initial: 2 },
    exercise: {
      prompt: 'Build x^x.',
      starter: printFunctional(v4.pow(X, Y)),
      target: (p) => re(p.x ** p.x),
      points: [{ x: 2 }, { x: 0.5 }],
      hint: 'Use x for both operands.',
      answer: printFunctional(v4.pow(X, X)),
    },
    source: 'docs/constructions.md#primitives, docs/constructions.md#reference-values (case 28)',
  },
  {
    id: 'sqrt',
    title: 'Square roots',
    body: [
      '$\\sqrt{x} = x^{1/2}$ (K = 139 as the paper compiles it, 43 in the shortest form). At x = 0 it is a finite 0 only because C99 keeps the sign of zero: $\\ln(-0 - 0i) = -\\infty - i\\pi$ (docs/semantics.md#ln-0-and-signed-zeros).',
    ],
    identity: '\\sqrt{x} = x^{1/2}',
    derivation: [{ latex: 'x^{1/2} = \\sqrt{x}', check: (p) => [at(paper('sqrt(x)'), p), re(Math.sqrt(p.x))] }],
    tree: paper('sqrt(x)'),
    blocks: ['pow', 'rational'],
    k: 139,
    sizes: { math: 'sqrt(x)', own: ['paper'], k: { paper: 139, robust: 43, shortest: 43 } },
    depth: 32,
    expected: (p) => re(Math.sqrt(p.x)),
    samples: [{ x: 0 }, { x: 2 }, { x: 6.125 }],
    slider: { variable: 'x', min: 0, max: 9, step: 0.01, initial: 2 },
    exercise: {
      prompt: 'Build √y.',
      starter: printFunctional(paper('sqrt(x)')),
      target: (p) => re(Math.sqrt(p.y)),
      points: [{ y: 4 }, { y: 2 }],
      hint: 'Replace x by y.',
      answer: printFunctional(paper('sqrt(y)')),
    },
    source: 'docs/constructions.md#k-table, docs/constructions.md#reference-values (case 25)',
  },
  {
    id: 'i',
    title: 'i, and the edge of the branch cut',
    body: [
      'The compiler writes $i = -\\exp(\\ln(-1)/2)$ (K = 131; the shortest form has K = 57). Which sign comes out depends on which edge of the negative real axis $\\ln(-1)$ lands on.',
      'Exact arithmetic: the EML logarithm lands on the lower edge, $\\ln(-1) = -i\\pi$, so the tree is $-e^{-i\\pi/2} = +i$.',
      'Floating point: $e^{-i\\pi}$ has imaginary part $-1.22\\times 10^{-16}$, just below the cut, so $\\ln(-1) = +i\\pi$ and the tree evaluates to $-i$ (as NumPy does). Real results such as sin and cos do not care: every i in them flips together.',
    ],
    identity: 'i = -\\exp\\!\\left(\\tfrac{1}{2}\\ln(-1)\\right)',
    derivation: [
      {
        latex: '\\ln(-1) \\text{ (float64)} = +i\\pi',
        check: (p) => [at(P.ln(v4.int(-1n)), p), { re: 0, im: Math.PI }],
      },
      {
        latex: 'i_{\\text{tree}} \\text{ (float64)} = -i \\quad(\\text{exact: } +i)',
        check: (p) => [at(v4.I, p), { re: 0, im: -1 }],
      },
    ],
    tree: v4.I,
    blocks: ['neg', 'exp', 'div', 'ln'],
    k: 131,
    sizes: { math: 'i', own: ['paper'], k: { paper: 131, robust: 57, shortest: 57 } },
    depth: 26,
    expected: () => ({ re: 0, im: -1 }),
    samples: [{}],
    exercise: {
      prompt: 'Build i·i = −1 from the tree for i.',
      starter: printFunctional(v4.I),
      target: () => re(-1),
      points: [{}],
      hint: 'Multiply the i tree by itself; the signs cancel.',
      answer: printFunctional(v4.mul(v4.I, v4.I)),
    },
    source:
      'docs/semantics.md#branch-cut, docs/constructions.md#primitives, docs/constructions.md#reference-values (case 24)',
  },
  {
    id: 'pi',
    title: 'π = i · ln(−1)',
    body: [
      '$\\pi = i \\ln(-1)$ (K = 193 as the paper compiles it; 93 in the shortest form). Here the two sign flips cancel: the value is +π at every precision.',
    ],
    identity: '\\pi = i \\ln(-1)',
    derivation: [{ latex: 'i \\ln(-1) = (-i)(i\\pi) = \\pi', check: (p) => [at(v4.PI, p), re(Math.PI)] }],
    tree: v4.PI,
    blocks: ['mul', 'i', 'ln'],
    k: 193,
    sizes: { math: 'pi', own: ['paper'], k: { paper: 193, robust: 93, shortest: 93 } },
    depth: 34,
    expected: () => re(Math.PI),
    samples: [{}],
    exercise: {
      prompt: 'Build 2π.',
      starter: printFunctional(v4.PI),
      target: () => re(2 * Math.PI),
      points: [{}],
      hint: 'Add π to itself.',
      answer: printFunctional(v4.add(v4.PI, v4.PI)),
    },
    source: 'docs/constructions.md#primitives, docs/constructions.md#reference-values (case 23)',
  },
  {
    id: 'sin-cos',
    title: 'Sine and cosine',
    body: [
      'From exponentials of imaginary arguments: $\\sin x = \\frac{e^{ix} - e^{-ix}}{2i}$ and $\\cos x = \\frac{e^{ix} + e^{-ix}}{2}$. As the paper compiles them the sine has K = 799 and the cosine K = 687 (279 and 215 in the shortest form).',
    ],
    identity: '\\sin x = \\frac{e^{ix} - e^{-ix}}{2i}',
    derivation: [
      { latex: '\\frac{e^{ix} - e^{-ix}}{2i} = \\sin x', check: (p) => [at(SIN, p), re(Math.sin(p.x))] },
      { latex: '\\frac{e^{ix} + e^{-ix}}{2} = \\cos x', check: (p) => [at(COS, p), re(Math.cos(p.x))] },
    ],
    tree: SIN,
    blocks: ['exp', 'mul', 'div', 'sub', 'i'],
    k: 799,
    sizes: { math: 'sin(x)', own: ['paper'], k: { paper: 799, robust: 279, shortest: 279 } },
    depth: 63,
    expected: (p) => re(Math.sin(p.x)),
    samples: [{ x: 0 }, { x: 1 }, { x: -19.625 }],
    slider: { variable: 'x', min: -10, max: 10, step: 0.01, initial: 1 },
    alternative: {
      label: 'cos x (K = 687, as the paper compiles it)',
      tree: COS,
      k: 687,
      note: 'Same ingredients, a sum instead of a difference.',
    },
    exercise: {
      prompt: 'Build sin(y).',
      starter: printFunctional(SIN),
      target: (p) => re(Math.sin(p.y)),
      points: [{ y: 0.5 }, { y: 2 }],
      hint: 'Replace every x by y.',
      answer: printFunctional(paper('sin(y)')),
    },
    source: 'docs/constructions.md#k-table, docs/semantics.md#numeric-grids',
  },
  {
    id: 'size',
    title: 'What compiled size means',
    body: [
      'The compiler’s x·y has K = 41; direct search found one with K = 17. Shorter is not always better: the K = 17 form computes $e^{e^x}$ inside, which overflows for $x > \\ln 709.78 \\approx 6.565$.',
      'Move the slider past 6.565: at x = 6.6 the short product silently returns 0 (the tree view flags the overflow). The compiled K = 41 form stays right because it goes through logarithms.',
    ],
    identity: 'x \\cdot y:\\ K_{\\text{compiler}} = 41,\\ K_{\\text{shortest}} = 17',
    derivation: [
      { latex: 'K{=}17 \\text{ at } (2, 3) = 6', check: () => [at(MUL17, { x: 2, y: 3 }), re(6)] },
      { latex: 'K{=}17 \\text{ at } (6.6, 2) = 0 \\ne 13.2', check: () => [at(MUL17, { x: 6.6, y: 2 }), re(0)] },
      { latex: 'K{=}41 \\text{ at } (6.6, 2) = 13.2', check: () => [at(v4.mul(X, Y), { x: 6.6, y: 2 }), re(13.2)] },
    ],
    tree: MUL17,
    blocks: [],
    k: 17,
    sizes: { math: 'x*y', own: [], k: { paper: 41, robust: 17, shortest: 17 } },
    depth: 8,
    expected: (p) => re(p.x * p.y),
    samples: [
      { x: 2, y: 3 },
      { x: 6.5, y: 2 },
    ],
    slider: { variable: 'x', min: 0, max: 8, step: 0.01, initial: 2 },
    alternative: {
      label: 'compiler’s x·y (K = 41)',
      tree: v4.mul(X, Y),
      k: 41,
      note: 'Valid wherever the logs are finite.',
    },
    exercise: {
      prompt:
        'At (7, 2) the short product returns 0. Rebuild it (still K = 17) so it is right there: the double exponential has to act on the small factor.',
      starter: printFunctional(MUL17),
      target: (p) => re(p.x * p.y),
      points: [
        { x: 7, y: 2 },
        { x: 6.8, y: 1.5 },
      ],
      hint: 'Swap the roles of x and y everywhere in the tree.',
      answer: printFunctional(P.tree('EML[EML[y,EML[EML[EML[1,EML[EML[1,EML[y,x]],1]],y],1]],1]')),
    },
    source:
      'docs/semantics.md#overflow, docs/constructions.md#shortest-forms, docs/constructions.md#reference-values (cases 13–14)',
  },
];
