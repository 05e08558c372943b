/**
 * Tour steps 1–9: from the constant 1 to addition, in the order the paper's bootstrapping finds them
 * (docs/constructions.md#primitives, docs/constructions.md#small-trees, docs/constructions.md#k-table, docs/constructions.md#shortest-forms). Trees come from the compiler's builders, so the tour shows what the compiler emits.
 */
import { eml, ONE, variable } from '../eml/ast.ts';
import * as P from '../eml/compiler/primitives.ts';
import { evaluate } from '../eml/evaluate/interpreter.ts';
import type { EmlNode } from '../eml/ast.ts';
import { printFunctional } from '../eml/syntax/index.ts';
import { re, type Point, type TourStep } from './types.ts';

const X = variable('x');
const Y = variable('y');
const v4 = P.paperKit(false);
/** The core's value of a tree at a point (the left side of a derivation check). */
export const at = (t: EmlNode, p: Required<Point>) => evaluate(t, { x: p.x, y: p.y });
const E = Math.E;

export const BASIC_STEPS: TourStep[] = [
  {
    id: 'e',
    title: 'From 1 to e',
    body: [
      'Everything starts from one constant and one operator, $\\operatorname{eml}(x, y) = e^x - \\ln y$.',
      'Feed it 1 twice: $e^1 - \\ln 1 = e - 0$.',
    ],
    identity: 'e = \\operatorname{eml}(1, 1)',
    derivation: [{ latex: '\\operatorname{eml}(1,1) = e^1 - \\ln 1 = e', check: (p) => [at(P.E, p), re(E)] }],
    tree: P.E,
    blocks: [],
    k: 3,
    sizes: { math: 'e', own: ['paper', 'robust', 'shortest'], k: { paper: 3, robust: 3, shortest: 3 } },
    depth: 1,
    expected: () => re(E),
    samples: [{}],
    exercise: {
      prompt: 'Build e − 1 (one more eml).',
      starter: 'eml(1, 1)',
      target: () => re(E - 1),
      points: [{}],
      hint: 'e − ln(e) = e − 1: put e on the ln side.',
      answer: 'eml(1, eml(1, 1))',
    },
    source: 'docs/constructions.md#small-trees, docs/constructions.md#reference-values (case 1)',
  },
  {
    id: 'exp',
    title: 'The exponential',
    body: ['Because $\\ln 1 = 0$, a 1 on the ln side leaves only the exponential.'],
    identity: 'e^x = \\operatorname{eml}(x, 1)',
    derivation: [
      { latex: '\\operatorname{eml}(x, 1) = e^x - \\ln 1 = e^x', check: (p) => [at(P.exp(X), p), re(Math.exp(p.x))] },
    ],
    tree: P.exp(X),
    blocks: [],
    k: 3,
    sizes: { math: 'exp(x)', own: ['paper', 'robust', 'shortest'], k: { paper: 3, robust: 3, shortest: 3 } },
    depth: 1,
    expected: (p) => re(Math.exp(p.x)),
    samples: [{ x: -1 }, { x: 0 }, { x: 2 }],
    slider: { variable: 'x', min: -3, max: 3, step: 0.01, initial: 2 },
    exercise: {
      prompt: 'Build e^e.',
      starter: 'eml(x, 1)',
      target: () => re(Math.exp(E)),
      points: [{}],
      hint: 'Exponentiate e = eml(1, 1).',
      answer: 'eml(eml(1, 1), 1)',
    },
    source: 'docs/constructions.md#primitives, docs/constructions.md#reference-values (case 2)',
  },
  {
    id: 'ln',
    title: 'The logarithm, in three lines',
    body: [
      'The logarithm needs three eml nodes. Read it from the inside out:',
      'The inner node gives $e - \\ln x$; exponentiating gives $e^e/x$; and $e$ minus the log of that is $\\ln x$.',
      'It relies on $\\ln(e^w) = w$, true while $|\\operatorname{Im} w| < \\pi$. For negative x, exact arithmetic lands on the lower edge of the cut ($\\ln|x| - i\\pi$), but floating point lands on the principal value $\\ln|x| + i\\pi$ (docs/semantics.md#branch-cut).',
    ],
    identity: '\\ln x = \\operatorname{eml}(1, \\operatorname{eml}(\\operatorname{eml}(1, x), 1))',
    derivation: [
      { latex: '\\operatorname{eml}(1, x) = e - \\ln x', check: (p) => [at(eml(ONE, X), p), re(E - Math.log(p.x))] },
      {
        latex: '\\operatorname{eml}(e - \\ln x, 1) = e^{e - \\ln x} = e^e / x',
        check: (p) => [at(eml(eml(ONE, X), ONE), p), re(Math.exp(E) / p.x)],
      },
      {
        latex: '\\operatorname{eml}(1, e^e/x) = e - (e - \\ln x) = \\ln x',
        check: (p) => [at(P.ln(X), p), re(Math.log(p.x))],
      },
    ],
    tree: P.ln(X),
    blocks: [],
    k: 7,
    sizes: { math: 'ln(x)', own: ['paper', 'robust', 'shortest'], k: { paper: 7, robust: 7, shortest: 7 } },
    depth: 3,
    expected: (p) => re(Math.log(p.x)),
    samples: [{ x: 0.5 }, { x: 2 }, { x: 10 }],
    slider: { variable: 'x', min: 0.05, max: 10, step: 0.01, initial: 2 },
    exercise: {
      prompt: 'Build ln(exp x), which is x again (K = 9).',
      starter: 'eml(1, eml(eml(1, x), 1))',
      target: (p) => re(p.x),
      points: [{ x: 0.3 }, { x: 1.5 }, { x: -2 }],
      hint: 'Replace x inside the logarithm by eml(x, 1).',
      answer: 'eml(1, eml(eml(1, eml(x, 1)), 1))',
    },
    source: 'docs/constructions.md#small-trees (reading aid), docs/constructions.md#reference-values (cases 3–4)',
  },
  {
    id: 'zero',
    title: 'Zero is ln 1',
    body: ['Apply the logarithm to the constant 1.'],
    identity: '0 = \\ln 1',
    derivation: [{ latex: '\\ln 1 = e - \\ln(e^e) = e - e = 0', check: (p) => [at(P.ZERO, p), re(0)] }],
    tree: P.ZERO,
    blocks: ['ln'],
    k: 7,
    sizes: { math: '0', own: ['paper', 'robust', 'shortest'], k: { paper: 7, robust: 7, shortest: 7 } },
    depth: 3,
    expected: () => re(0),
    samples: [{}],
    exercise: {
      prompt: 'Use 0 to build exp(0) = 1 the long way.',
      starter: 'eml(1, eml(eml(1, 1), 1))',
      target: () => re(1),
      points: [{}],
      hint: 'Exponentiate: eml(0, 1).',
      answer: 'eml(eml(1, eml(eml(1, 1), 1)), 1)',
    },
    source: 'docs/constructions.md#primitives, docs/constructions.md#reference-values (case 5)',
  },
  {
    id: 'sub',
    title: 'Subtraction',
    body: [
      'Put $\\ln x$ on the exp side and $e^y$ on the ln side: the exp undoes the ln and the ln undoes the exp.',
      'It needs $e^y$ to be finite: for $y > 709.78$ it overflows (docs/semantics.md#overflow).',
    ],
    identity: 'x - y = \\operatorname{eml}(\\ln x, e^y)',
    derivation: [
      { latex: 'e^{\\ln x} = x', check: (p) => [at(P.exp(P.ln(X)), p), re(p.x)] },
      { latex: '\\ln(e^y) = y', check: (p) => [at(P.ln(P.exp(Y)), p), re(p.y)] },
      { latex: '\\operatorname{eml}(\\ln x, e^y) = x - y', check: (p) => [at(P.sub(X, Y), p), re(p.x - p.y)] },
    ],
    tree: P.sub(X, Y),
    blocks: ['ln', 'exp'],
    k: 11,
    sizes: { math: 'x - y', own: ['robust', 'shortest'], k: { paper: 83, robust: 11, shortest: 11 } },
    depth: 4,
    expected: (p) => re(p.x - p.y),
    samples: [
      { x: 3, y: 1 },
      { x: 0.5772156649015329, y: 0.915965594177219 },
      { x: -2, y: 5 },
    ],
    slider: { variable: 'x', min: -5, max: 5, step: 0.01, initial: 3 },
    exercise: {
      prompt: 'Build x − 1 (K = 11).',
      starter: 'eml(eml(1, eml(eml(1, x), 1)), eml(y, 1))',
      target: (p) => re(p.x - 1),
      points: [{ x: 2 }, { x: -0.5 }, { x: 7 }],
      hint: 'Replace y by 1: e^1 = eml(1, 1).',
      answer: 'eml(eml(1, eml(eml(1, x), 1)), eml(1, 1))',
    },
    source: 'docs/constructions.md#small-trees, docs/constructions.md#reference-values (case 12)',
  },
  {
    id: 'infinity',
    title: '−∞ and ln 0: the extended-real step',
    body: [
      '$\\ln 0 = -\\infty$ and $e^{-\\infty} = 0$ are the IEEE/C99 rules the paper’s compiler relies on: every compiled negation, and so every +, ×, / and ^, passes through them.',
      'Feed 0 to the ln side: $\\operatorname{eml}(1, 0) = e - \\ln 0 = +\\infty$, and once more: $e - \\ln(+\\infty) = -\\infty$.',
      'The “clean” constructions avoid this entirely (the Clean switch in the playground): negation becomes $1 - (e - ((e - 1) - z))$, 28 more K per negation, and never touches ∞.',
    ],
    identity: '-\\infty = \\operatorname{eml}(1, \\operatorname{eml}(1, 0))',
    derivation: [
      {
        latex: '\\operatorname{eml}(1, 0) = e - \\ln 0 = +\\infty',
        check: (p) => [at(eml(ONE, P.ZERO), p), re(Infinity)],
      },
      {
        latex: '\\operatorname{eml}(1, +\\infty) = e - \\ln(+\\infty) = -\\infty',
        check: (p) => [at(P.NEG_INF, p), re(-Infinity)],
      },
      {
        latex: '\\operatorname{eml}(-\\infty, w) = e^{-\\infty} - \\ln w = -\\ln w',
        check: (p) => [at(eml(P.NEG_INF, P.E), p), re(-1)],
      },
    ],
    tree: P.NEG_INF,
    blocks: ['zero'],
    k: 11,
    depth: 5,
    expected: () => re(-Infinity),
    samples: [{}],
    exercise: {
      prompt: 'Build +∞.',
      starter: 'eml(1, eml(1, eml(1, eml(eml(1, 1), 1))))',
      target: () => re(Infinity),
      points: [{}],
      hint: 'Stop one step earlier: eml(1, 0).',
      answer: 'eml(1, eml(1, eml(eml(1, 1), 1)))',
    },
    source: 'docs/semantics.md#ln-0-and-signed-zeros, docs/constructions.md#shortest-forms',
  },
  {
    id: 'minus-one',
    title: '−1, with and without infinity',
    body: [
      'With −∞ on the exp side the exponential vanishes: $\\operatorname{eml}(-\\infty, e) = 0 - \\ln e = -1$ (K = 15).',
      'Without any infinity it takes K = 17: $(e - 1) - e$, written $\\operatorname{eml}(\\ln(e-1), e^e)$.',
    ],
    identity: '-1 = \\operatorname{eml}(-\\infty, e)',
    derivation: [
      { latex: '\\operatorname{eml}(-\\infty, e) = 0 - 1', check: (p) => [at(P.CONST.NEG1_INF, p), re(-1)] },
      {
        latex: '\\operatorname{eml}(\\ln(e - 1), e^e) = (e - 1) - e = -1',
        check: (p) => [at(P.CONST.NEG1_FIN, p), re(-1)],
      },
    ],
    tree: P.CONST.NEG1_INF,
    blocks: [],
    k: 15,
    sizes: { math: '-1', own: ['robust', 'shortest'], k: { paper: 17, robust: 15, shortest: 15 } },
    depth: 6,
    expected: () => re(-1),
    samples: [{}],
    alternative: {
      label: '−1 with no infinity (K = 17)',
      tree: P.CONST.NEG1_FIN,
      k: 17,
      note: 'Finite at every node, so it also works in finite-only semantics.',
    },
    exercise: {
      prompt: 'Build −e.',
      starter: 'eml(eml(1, eml(1, eml(1, eml(eml(1, 1), 1)))), eml(1, 1))',
      target: () => re(-E),
      points: [{}],
      hint: 'eml(−∞, w) = −ln w; choose w = e^e.',
      answer: 'eml(eml(1, eml(1, eml(1, eml(eml(1, 1), 1)))), eml(eml(1, 1), 1))',
    },
    source: 'docs/constructions.md#shortest-forms (neg, negNoInf), docs/constructions.md#reference-values (cases 6–8)',
  },
  {
    id: 'neg',
    title: 'Negation',
    body: [
      'The v4 compiler negates by subtracting from 0: $\\operatorname{eml}(\\ln 0, e^x) = -\\infty$ on the exp side, so $0 - x$.',
    ],
    identity: '-x = \\operatorname{sub}(0, x) = \\operatorname{eml}(\\ln 0, e^x)',
    derivation: [
      {
        latex: '\\operatorname{eml}(\\ln 0, e^x) = e^{-\\infty} - \\ln e^x = -x',
        check: (p) => [at(v4.neg(X), p), re(-p.x)],
      },
    ],
    tree: v4.neg(X),
    blocks: ['ln', 'exp', 'zero'],
    k: 17,
    sizes: { math: '-x', own: [], k: { paper: 57, robust: 31, shortest: 15 } },
    depth: 7,
    expected: (p) => re(-p.x),
    samples: [{ x: 2.5 }, { x: -1 }, { x: 0.1 }],
    slider: { variable: 'x', min: -5, max: 5, step: 0.01, initial: 2.5 },
    exercise: {
      prompt: 'Build −y.',
      starter: 'eml(eml(1, eml(eml(1, eml(1, eml(eml(1, 1), 1))), 1)), eml(x, 1))',
      target: (p) => re(-p.y),
      points: [{ y: 2 }, { y: -3 }],
      hint: 'Swap the variable on the ln side.',
      answer: 'eml(eml(1, eml(eml(1, eml(1, eml(eml(1, 1), 1))), 1)), eml(y, 1))',
    },
    source: 'docs/constructions.md#primitives, docs/constructions.md#small-trees',
  },
  {
    id: 'add',
    title: 'Addition',
    body: [
      'Adding is subtracting a negation: $x + y = x - (-y)$. K = 27 in the v4 compiler; the shortest known form has K = 19.',
    ],
    identity: 'x + y = \\operatorname{sub}(x, -y)',
    derivation: [{ latex: 'x - (-y) = x + y', check: (p) => [at(v4.add(X, Y), p), re(p.x + p.y)] }],
    tree: v4.add(X, Y),
    blocks: ['sub', 'neg'],
    k: 27,
    sizes: { math: 'x + y', own: ['paper'], k: { paper: 27, robust: 25, shortest: 19 } },
    depth: 9,
    expected: (p) => re(p.x + p.y),
    samples: [
      { x: 1, y: 2 },
      { x: -3, y: 0.5 },
    ],
    slider: { variable: 'x', min: -5, max: 5, step: 0.01, initial: 1 },
    exercise: {
      prompt: 'Build x + 1.',
      starter: printFunctional(v4.add(X, Y)),
      target: (p) => re(p.x + 1),
      points: [{ x: 2 }, { x: -0.5 }],
      hint: 'Use the addition tree with 1 in place of y.',
      answer:
        'eml(eml(1, eml(eml(1, x), 1)), eml(eml(eml(1, eml(eml(1, eml(1, eml(eml(1, 1), 1))), 1)), eml(1, 1)), 1))',
    },
    source: 'docs/constructions.md#primitives, docs/constructions.md#small-trees, docs/constructions.md#shortest-forms',
  },
];
