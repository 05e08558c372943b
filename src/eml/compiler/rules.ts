/**
 * THE rules table: every construction the compiler uses (and the decompiler recognises), one data record each,
 * in docs/constructions.md#primitives notation. The UI's tour and "how was this built" view read it; the tests check each
 * record's K formula against its build function and its identity numerically.
 *
 * Operand names are a, b (or z for one operand); `build` takes EML subtrees for them.
 */
import type { EmlNode } from '../ast.ts';
import * as P from './primitives.ts';

export type RuleMode = 'paper' | 'compact';

/** ln(DBL_MAX) = 709.78: exp of anything larger overflows float64 (docs/semantics.md#overflow). */
export const LN_MAX = Math.log(Number.MAX_VALUE);
/**
 * ln 2^−1050 = −727.8: exp of anything smaller is a subnormal with fewer than 24 significant bits, so ln of it is off
 * by more than 1e−10 of a value near 730 (the short sum reads its result back as e − ln(exp(e − a − b))).
 */
export const LN_ACCURATE_MIN = -1050 * Math.LN2;
/**
 * The short sum reads a + b back as e − ln(exp(e − a − b)), to within half an ulp of e (2.2e−16) whatever its size:
 * relatively right to 1e−11 (the domains' measuring strictness, domains.ts DOMAIN_MARGIN) only for |a + b| ≥ 2.2e−5.
 * This is the short sum's cancellation threshold (shortest cosh's 2eˣ below x ≈ −11).
 */
export const SHORT_SUM_ACCURATE_MIN = 2 ** -52 / 1e-11;
/** e^e / DBL_MAX = 8.5e−308: below it, e^e/u overflows (the short product and quotient compute e^{e − ln u}). */
export const TINY_FOR_E_E = Math.exp(Math.E - LN_MAX);

/**
 * A real-line limit of a construction, analysed from its formula: `on` (ordinary math over the operand names) must
 * stay within [atLeast, atMost] for the construction to be right in float64 wherever its operands are. limits.ts
 * propagates them through a composed tree. Only limits narrower than the function's own domain are listed; an
 * empty list says the construction is right wherever its value is finite.
 */
export interface RuleLimit {
  on: string;
  atLeast?: number;
  atMost?: number;
  why: string;
}

export interface Rule {
  /** Stable id, e.g. 'sub', 'neg-clean', 'mul-short'. */
  id: string;
  title: string;
  /** Which compiler mode uses it (the decompiler recognises all). */
  modes: readonly RuleMode[];
  operands: readonly string[];
  /** The construction, docs/constructions.md#primitives notation: EML[·,·], exp, ln and earlier rules. */
  formula: string;
  /** LaTeX of the identity it implements. */
  latex: string;
  /** The ordinary-math value, over the operand names (what the decompiler prints). */
  math: string;
  description: string;
  /** K of the result in terms of the operands' K, as the reference states it. */
  kFormula: string;
  k: (...ks: number[]) => number;
  build: (...args: EmlNode[]) => EmlNode;
  /** Passes through ln 0 = −∞ by construction (not merely for some inputs). */
  usesInfinity: boolean;
  /** The ln 0-free variant of this rule, if it has one. */
  clean?: { formula: string; kFormula: string; k: (...ks: number[]) => number; build: (...args: EmlNode[]) => EmlNode };
  /** Where it holds, when narrower than "everywhere the value is defined". */
  validity?: string;
  /** Its analysed real-line limits in float64 (required: [] states that there are none). */
  limits: readonly RuleLimit[];
  source: string;
}

const v4 = P.paperKit(false);
const v4c = P.paperKit(true);
const cleanOf = (formula: string, kFormula: string, k: Rule['k'], build: Rule['build']) => ({
  formula,
  kFormula,
  k,
  build,
});

export const RULES: readonly Rule[] = [
  {
    id: 'exp',
    title: 'exponential',
    modes: ['paper', 'compact'],
    operands: ['z'],
    formula: 'EML[z, 1]',
    latex: 'e^{z} = \\operatorname{eml}(z, 1)',
    math: 'exp(z)',
    description: 'ln 1 = 0, so eml(z, 1) = e^z.',
    kFormula: 'K(z)+2',
    k: (z) => z + 2,
    build: P.exp,
    usesInfinity: false,
    limits: [{ on: 'z', atMost: LN_MAX, why: 'e^z overflows past ln(DBL_MAX)' }],
    source: 'docs/constructions.md#primitives',
  },
  {
    id: 'ln',
    title: 'natural logarithm',
    modes: ['paper', 'compact'],
    operands: ['z'],
    formula: 'EML[1, EML[EML[1, z], 1]]',
    latex: '\\ln z = \\operatorname{eml}(1, \\operatorname{eml}(\\operatorname{eml}(1, z), 1))',
    math: 'ln(z)',
    description:
      'e − ln(exp(e − ln z)) = ln z: the inner eml(1, z) = e − ln z, its exp is e^e/z, and e minus its log is ln z.',
    kFormula: 'K(z)+6',
    k: (z) => z + 6,
    build: P.ln,
    usesInfinity: false,
    limits: [],
    source: 'docs/constructions.md#primitives, docs/semantics.md#branch-cut',
  },
  {
    id: 'e',
    title: 'e',
    modes: ['paper', 'compact'],
    operands: [],
    formula: 'EML[1, 1]',
    latex: 'e = \\operatorname{eml}(1, 1)',
    math: 'e',
    description: 'exp(1) − ln 1.',
    kFormula: '3',
    k: () => 3,
    build: () => P.E,
    usesInfinity: false,
    limits: [],
    source: 'docs/constructions.md#primitives',
  },
  {
    id: 'zero',
    title: '0',
    modes: ['paper', 'compact'],
    operands: [],
    formula: 'ln(1) = EML[1, EML[EML[1, 1], 1]]',
    latex: '0 = \\ln 1',
    math: '0',
    description: 'The logarithm construction applied to 1.',
    kFormula: '7',
    k: () => 7,
    build: () => P.ZERO,
    usesInfinity: false,
    limits: [],
    source: 'docs/constructions.md#primitives',
  },
  {
    id: 'sub',
    title: 'subtraction',
    modes: ['paper', 'compact'],
    operands: ['a', 'b'],
    formula: 'EML[ln a, exp b]',
    latex: 'a - b = \\operatorname{eml}(\\ln a, e^{b})',
    math: 'a - b',
    description: 'exp(ln a) − ln(exp b) = a − b.',
    kFormula: 'K(a)+K(b)+9',
    k: (a, b) => a + b + 9,
    build: P.sub,
    usesInfinity: false,
    limits: [{ on: 'b', atMost: LN_MAX, why: 'exp b overflows' }],
    validity: '|Im b| < π and Re b < 709.78 (exp b finite)',
    source: 'docs/constructions.md#primitives, docs/semantics.md#overflow',
  },
  {
    id: 'neg',
    title: 'negation (v4)',
    modes: ['paper'],
    operands: ['z'],
    formula: 'sub(0, z) = EML[ln 0, exp z]',
    latex: '-z = \\operatorname{eml}(\\ln 0, e^{z})',
    math: '-z',
    description: 'ln 0 = −∞ and exp(−∞) = 0, so this is 0 − z. Every v4 +, ×, /, ^ and integer ≥ 2 goes through it.',
    kFormula: 'K(z)+16',
    k: (z) => z + 16,
    build: P.negV4,
    usesInfinity: true,
    limits: [{ on: 'z', atMost: LN_MAX, why: 'exp z overflows' }],
    clean: cleanOf('sub(1, sub(e, sub(sub(e, 1), z)))', 'K(z)+44', (z) => z + 44, P.negClean),
    source: 'docs/constructions.md#primitives, docs/semantics.md#ln-0-and-signed-zeros',
  },
  {
    id: 'add',
    title: 'addition (v4)',
    modes: ['paper'],
    operands: ['a', 'b'],
    formula: 'sub(a, neg b)',
    latex: 'a + b = a - (-b)',
    math: 'a + b',
    description: 'Subtract the negation.',
    kFormula: 'K(a)+K(b)+25',
    k: (a, b) => a + b + 25,
    build: v4.add,
    usesInfinity: true,
    limits: [
      { on: 'b', atMost: LN_MAX, why: 'neg b takes exp b' },
      { on: 'b', atLeast: -LN_MAX, why: 'the subtraction takes exp(−b)' },
    ],
    clean: cleanOf('sub(a, neg_clean b)', 'K(a)+K(b)+53', (a, b) => a + b + 53, v4c.add),
    source: 'docs/constructions.md#primitives',
  },
  {
    id: 'inv',
    title: 'reciprocal (v4)',
    modes: ['paper'],
    operands: ['z'],
    formula: 'exp(neg(ln z))',
    latex: '\\frac{1}{z} = e^{-\\ln z}',
    math: '1/z',
    description: 'exp of minus the logarithm.',
    kFormula: 'K(z)+24',
    k: (z) => z + 24,
    build: v4.inv,
    usesInfinity: true,
    limits: [],
    clean: cleanOf('exp(neg_clean(ln z))', 'K(z)+52', (z) => z + 52, v4c.inv),
    source: 'docs/constructions.md#primitives',
  },
  {
    id: 'mul',
    title: 'multiplication (v4)',
    modes: ['paper'],
    operands: ['a', 'b'],
    formula: 'exp(add(ln a, ln b))',
    latex: 'a b = e^{\\ln a + \\ln b}',
    math: 'a*b',
    description: 'Add the logarithms.',
    kFormula: 'K(a)+K(b)+39',
    k: (a, b) => a + b + 39,
    build: v4.mul,
    usesInfinity: true,
    limits: [],
    clean: cleanOf('exp(add_clean(ln a, ln b))', 'K(a)+K(b)+67', (a, b) => a + b + 67, v4c.mul),
    source: 'docs/constructions.md#primitives',
  },
  {
    id: 'div',
    title: 'division (v4)',
    modes: ['paper'],
    operands: ['a', 'b'],
    formula: 'mul(a, inv b)',
    latex: '\\frac{a}{b} = a \\cdot \\frac{1}{b}',
    math: 'a/b',
    description: 'Multiply by the reciprocal.',
    kFormula: 'K(a)+K(b)+63',
    k: (a, b) => a + b + 63,
    build: v4.div,
    usesInfinity: true,
    limits: [{ on: 'abs(b)', atMost: 1 / TINY_FOR_E_E, why: 'ln(1/b) takes e^e·b, which overflows' }],
    clean: cleanOf('mul_clean(a, inv_clean b)', 'K(a)+K(b)+119', (a, b) => a + b + 119, v4c.div),
    source: 'docs/constructions.md#primitives',
  },
  {
    id: 'pow',
    title: 'power (v4)',
    modes: ['paper'],
    operands: ['a', 'b'],
    formula: 'exp(mul(b, ln a))',
    latex: 'a^{b} = e^{b \\ln a}',
    math: 'a^b',
    description: 'Principal power. Also √z = pow(z, 1/2), 1/x = pow(x, −1), x² = pow(x, 2) in the paper.',
    kFormula: 'K(a)+K(b)+47',
    k: (a, b) => a + b + 47,
    build: v4.pow,
    usesInfinity: true,
    limits: [],
    clean: cleanOf('exp(mul_clean(b, ln a))', 'K(a)+K(b)+75', (a, b) => a + b + 75, v4c.pow),
    source: 'docs/constructions.md#primitives',
  },
  {
    id: 'double',
    title: 'doubling (v4)',
    modes: ['paper'],
    operands: ['z'],
    formula: 'add(z, z)',
    latex: '2z = z + z',
    math: '2*z',
    description: 'Used by integers and by exp(2z) in sinh, cosh, tanh.',
    kFormula: '2K(z)+25',
    k: (z) => 2 * z + 25,
    build: v4.double,
    usesInfinity: true,
    limits: [
      { on: 'z', atMost: LN_MAX, why: 'add(z, z) takes exp z' },
      { on: 'z', atLeast: -LN_MAX, why: 'add(z, z) takes exp(−z)' },
    ],
    clean: cleanOf('add_clean(z, z)', '2K(z)+53', (z) => 2 * z + 53, v4c.double),
    source: 'docs/constructions.md#primitives',
  },
  {
    id: 'int',
    title: 'integers by doubling (v4)',
    modes: ['paper'],
    operands: [],
    formula: 'term ← add(term, term); acc ← add(acc, term) on set bits',
    latex: 'n = \\sum_{k:\\,b_k=1} 2^k',
    math: '10',
    description: 'Binary expansion: 2 K27, 3 K53, 4 K79, 5 K105, 10 K235; −n = neg(n).',
    kFormula: '2:27, 3:53, 10:235 (−n: K(n)+16)',
    k: () => 235,
    build: () => v4.int(10n),
    usesInfinity: true,
    limits: [],
    clean: cleanOf(
      'the same with add_clean',
      '2:55, 3:109, 10:487',
      () => 487,
      () => v4c.int(10n),
    ),
    source: 'docs/constructions.md#primitives',
  },
  {
    id: 'rational',
    title: 'rationals (v4)',
    modes: ['paper'],
    operands: [],
    formula: 'mul(int |p|, inv(int q)), then neg if p < 0',
    latex: '\\frac{p}{q} = p \\cdot \\frac{1}{q}',
    math: '1/2',
    description: '1/2 K91 (also 0.5), −1/2 K107, 1/3 K117, 2/3 K143.',
    kFormula: 'K(|p|)+K(q)+63 (+16 if p<0)',
    k: () => 91,
    build: () => v4.rational(1n, 2n),
    usesInfinity: true,
    limits: [],
    clean: cleanOf(
      'the same with the clean rules',
      '1/2: 175',
      () => 175,
      () => v4c.rational(1n, 2n),
    ),
    source: 'docs/constructions.md#primitives',
  },
  {
    id: 'i',
    title: 'imaginary unit (v4)',
    modes: ['paper'],
    operands: [],
    formula: 'neg(exp(div(ln(−1), 2)))',
    latex: 'i = -e^{\\ln(-1)/2}',
    math: 'i',
    description:
      'With the lower-edge ln(−1) = −iπ of exact EML this is +i; float64 lands on +iπ and gives −i (docs/semantics.md#branch-cut).',
    kFormula: '131',
    k: () => 131,
    build: () => v4.I,
    usesInfinity: true,
    limits: [],
    clean: cleanOf(
      'the same with the clean rules',
      '271',
      () => 271,
      () => v4c.I,
    ),
    validity: 'sign depends on precision',
    source: 'docs/constructions.md#primitives, docs/semantics.md#branch-cut',
  },
  {
    id: 'pi',
    title: 'π (v4)',
    modes: ['paper'],
    operands: [],
    formula: 'mul(I, ln(−1))',
    latex: '\\pi = i \\ln(-1)',
    math: 'pi',
    description: 'The two sign flips of I and ln(−1) cancel: +π at every precision.',
    kFormula: '193',
    k: () => 193,
    build: () => v4.PI,
    usesInfinity: true,
    limits: [],
    clean: cleanOf(
      'the same with the clean rules',
      '389',
      () => 389,
      () => v4c.PI,
    ),
    source: 'docs/constructions.md#primitives',
  },
  {
    id: 'phi',
    title: 'golden ratio (v4)',
    modes: ['paper'],
    operands: [],
    formula: 'div(add(1, pow(5, 1/2)), 2)',
    latex: '\\varphi = \\frac{1 + \\sqrt{5}}{2}',
    math: 'phi',
    description: 'Straight from the definition.',
    kFormula: '359',
    k: () => 359,
    build: () => v4.PHI,
    usesInfinity: true,
    limits: [],
    clean: cleanOf(
      'the same with the clean rules',
      '695',
      () => 695,
      () => v4c.PHI,
    ),
    source: 'docs/constructions.md#primitives',
  },
  {
    id: 'sinh',
    title: 'sinh (v4)',
    modes: ['paper'],
    operands: ['z'],
    formula: 'div(sub(exp(2z), 1), mul(2, exp z))',
    latex: '\\sinh z = \\frac{e^{2z} - 1}{2 e^{z}}',
    math: 'sinh(z)',
    description: 'exp(2z) uses double(z).',
    kFormula: '3K(z)+168',
    k: (z) => 3 * z + 168,
    build: v4.sinh,
    usesInfinity: true,
    limits: [
      { on: '2*z', atMost: LN_MAX, why: 'e^{2z} overflows' },
      { on: 'z', atLeast: -LN_MAX, why: 'double(z) takes exp(−z)' },
    ],
    clean: cleanOf('the same with the clean rules', '3K(z)+308', (z) => 3 * z + 308, v4c.sinh),
    source: 'docs/constructions.md#primitives',
  },
  {
    id: 'cosh',
    title: 'cosh (v4)',
    modes: ['paper'],
    operands: ['z'],
    formula: 'div(add(exp(2z), 1), mul(2, exp z))',
    latex: '\\cosh z = \\frac{e^{2z} + 1}{2 e^{z}}',
    math: 'cosh(z)',
    description: 'As sinh with add.',
    kFormula: '3K(z)+184',
    k: (z) => 3 * z + 184,
    build: v4.cosh,
    usesInfinity: true,
    limits: [
      { on: '2*z', atMost: LN_MAX, why: 'e^{2z} overflows' },
      { on: 'z', atLeast: -LN_MAX, why: 'double(z) takes exp(−z)' },
    ],
    clean: cleanOf('the same with the clean rules', '3K(z)+352', (z) => 3 * z + 352, v4c.cosh),
    source: 'docs/constructions.md#primitives',
  },
  {
    id: 'tanh',
    title: 'tanh (v4)',
    modes: ['paper'],
    operands: ['z'],
    formula: 'div(sub(exp(2z), 1), add(exp(2z), 1))',
    latex: '\\tanh z = \\frac{e^{2z} - 1}{e^{2z} + 1}',
    math: 'tanh(z)',
    description: 'NaN beyond |z| ≈ 355 (∞/∞).',
    kFormula: '4K(z)+153',
    k: (z) => 4 * z + 153,
    build: v4.tanh,
    usesInfinity: true,
    limits: [
      { on: '2*z', atMost: LN_MAX - Math.E, why: 'div takes ln(1/(e^{2z} ± 1)), i.e. e^e·e^{2z}' },
      { on: '2*z', atMost: LN_MAX, why: 'e^{2z} overflows (∞/∞)' },
      { on: 'z', atLeast: -LN_MAX, why: 'double(z) takes exp(−z)' },
    ],
    clean: cleanOf('the same with the clean rules', '4K(z)+293', (z) => 4 * z + 293, v4c.tanh),
    source: 'docs/constructions.md#primitives, docs/semantics.md#overflow',
  },
  {
    id: 'atan',
    title: 'arctan (v4)',
    modes: ['paper'],
    operands: ['z'],
    formula: 'mul(div(neg I, 2), ln(neg(div(sub(z, I), add(z, I)))))',
    latex: '\\arctan z = -\\frac{i}{2} \\ln\\frac{i - z}{i + z}',
    math: 'atan(z)',
    description: 'The quotient-log identity.',
    kFormula: '2K(z)+657',
    k: (z) => 2 * z + 657,
    build: v4.atan,
    usesInfinity: true,
    limits: [],
    clean: cleanOf('the same with the clean rules', '2K(z)+1329', (z) => 2 * z + 1329, v4c.atan),
    source: 'docs/constructions.md#primitives',
  },
  // ---- shortest known forms (docs/constructions.md#shortest-forms), as compact mode generalises them ----
  {
    id: 'neg-inf',
    title: 'negation via −∞ (Fig. 2)',
    modes: ['compact'],
    operands: ['z'],
    formula: 'EML[−∞, exp z], −∞ = EML[1, EML[1, 0]]',
    latex: '-z = e^{-\\infty} - \\ln e^{z}',
    math: '-z',
    description: 'The K=11 −∞ subtree, then exp(−∞) = 0.',
    kFormula: 'K(z)+14',
    k: (z) => z + 14,
    build: P.negInf,
    usesInfinity: true,
    limits: [{ on: 'z', atMost: LN_MAX, why: 'exp z overflows' }],
    clean: cleanOf('EML[ln(e − z), e^e] = (e − z) − e', 'K(z)+16', (z) => z + 16, P.negFin),
    source: 'docs/constructions.md#shortest-forms (Fig. 2, fin/cplx −x)',
  },
  {
    id: 'add-short',
    title: 'addition, short',
    modes: ['compact'],
    operands: ['a', 'b'],
    formula: 'EML[1, exp(EML[ln(EML[1, exp a]), exp b])]',
    latex: 'a + b = e - ((e - a) - b)',
    math: 'a + b',
    description: 'e − a, minus b, subtracted from e. Finite.',
    kFormula: 'K(a)+K(b)+17',
    k: (a, b) => a + b + 17,
    build: P.addShort,
    usesInfinity: false,
    limits: [
      { on: 'a', atMost: LN_MAX, why: 'e − a takes exp a' },
      { on: 'b', atMost: LN_MAX, why: '(e − a) − b takes exp b' },
      { on: 'a + b', atLeast: Math.E - LN_MAX, why: 'exp(e − a − b) overflows' },
      { on: 'a + b', atMost: Math.E - LN_ACCURATE_MIN, why: 'exp(e − a − b) sinks into the subnormals' },
      {
        on: 'abs(a + b)',
        atLeast: SHORT_SUM_ACCURATE_MIN,
        why: 'a + b is read back next to e, to within half an ulp of e',
      },
    ],
    source: 'docs/constructions.md#shortest-forms (x+y K=19, second form)',
  },
  {
    id: 'mul-short',
    title: 'multiplication, short',
    modes: ['compact'],
    operands: ['a', 'b'],
    formula: 'exp(EML[1, exp(EML[ln(EML[1, a]), b])])',
    latex: 'a b = e^{e - ((e - \\ln a) - \\ln b)}',
    math: 'a*b',
    description: 'ln a + ln b without a negation; no double exponential.',
    kFormula: 'K(a)+K(b)+15',
    k: (a, b) => a + b + 15,
    build: P.mulShort,
    usesInfinity: false,
    limits: [{ on: 'abs(a*b)', atLeast: TINY_FOR_E_E, why: 'e^e/(ab) overflows' }],
    source: 'docs/constructions.md#shortest-forms (trainer-comment x·y, K=17)',
  },
  {
    id: 'div-short',
    title: 'division, short',
    modes: ['compact'],
    operands: ['a', 'b'],
    formula: 'exp(EML[ln(EML[1, b]), exp(EML[1, a])])',
    latex: '\\frac{a}{b} = e^{(e - \\ln b) - (e - \\ln a)}',
    math: 'a/b',
    description: 'ln a − ln b, exponentiated.',
    kFormula: 'K(a)+K(b)+15',
    k: (a, b) => a + b + 15,
    build: P.divShort,
    usesInfinity: false,
    limits: [{ on: 'abs(a)', atLeast: TINY_FOR_E_E, why: 'e^e/a overflows' }],
    source: 'docs/constructions.md#shortest-forms (x/y, K=17)',
  },
  {
    id: 'inv-inf',
    title: 'reciprocal via −∞ (Fig. 2)',
    modes: ['compact'],
    operands: ['z'],
    formula: 'exp(EML[−∞, z])',
    latex: '\\frac{1}{z} = e^{0 - \\ln z}',
    math: '1/z',
    description: 'exp(−∞) − ln z = −ln z.',
    kFormula: 'K(z)+14',
    k: (z) => z + 14,
    build: P.invInf,
    usesInfinity: true,
    limits: [],
    clean: cleanOf('exp(EML[ln(EML[1, z]), e^e])', 'K(z)+16', (z) => z + 16, P.invFin),
    source: 'docs/constructions.md#shortest-forms (Fig. 2, fin/cplx 1/x)',
  },
  {
    id: 'pow-short',
    title: 'power, short',
    modes: ['compact'],
    operands: ['a', 'b'],
    formula: 'exp(mul_short(b, ln a))',
    latex: 'a^{b} = e^{b \\ln a}',
    math: 'a^b',
    description: 'Principal power with the short product (y^x K=25).',
    kFormula: 'K(a)+K(b)+23',
    k: (a, b) => a + b + 23,
    build: P.powShort,
    usesInfinity: false,
    limits: [],
    source: 'docs/constructions.md#shortest-forms (power)',
  },
  {
    id: 'identity',
    title: 'identity ln(exp z)',
    modes: [],
    operands: ['z'],
    formula: 'EML[1, EML[EML[1, EML[z, 1]], 1]]',
    latex: '\\ln e^{z} = z',
    math: 'z',
    description: 'Pushes z one level down (Fig. 2, trainer).',
    kFormula: 'K(z)+8',
    k: (z) => z + 8,
    build: P.identity,
    usesInfinity: false,
    limits: [{ on: 'z', atMost: LN_MAX, why: 'exp z overflows' }],
    validity: '|Im z| < π',
    source: 'docs/constructions.md#small-trees',
  },
  {
    id: 'half-nb',
    title: 'half, notebook form',
    modes: [],
    operands: ['z'],
    formula: 'exp(EML[1, EML[EML[1, z], exp(EML[−∞, exp(exp(EML[1, z]))])]])',
    latex: '\\frac{z}{2}',
    math: 'z/2',
    description: 'The notebook x/2 (K=29); recognised, not emitted: e^{e^e/z} overflows for 0 < z < 0.0213.',
    kFormula: '2K(z)+27',
    k: (z) => 2 * z + 27,
    build: P.hlf,
    usesInfinity: true,
    limits: [{ on: 'abs(z)', atLeast: Math.exp(Math.E) / LN_MAX, why: 'e^{e^e/z} overflows for 0 < z < 0.0213' }],
    validity: 'real z outside (0, 0.0213)',
    source: 'docs/constructions.md#shortest-forms (hlf)',
  },
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));

/** Forms the shortest-form search found, with their provenance (searchForms.ts; shortest mode uses them). */
export { SEARCH_FORMS as RULES_SEARCH_FORMS } from './searchForms.ts';

/** The compact-mode constants and their K, for the tour (values are exact identities, verified in tests). */
export const COMPACT_CONSTANTS: ReadonlyArray<{
  id: string;
  math: string;
  tree: EmlNode;
  usesInfinity: boolean;
  source: string;
}> = [
  {
    id: 'e-1',
    math: 'e - 1',
    tree: P.CONST.E_MINUS_1,
    usesInfinity: false,
    source: 'docs/constructions.md#shortest-forms',
  },
  {
    id: '-1-inf',
    math: '-1',
    tree: P.CONST.NEG1_INF,
    usesInfinity: true,
    source: 'docs/constructions.md#shortest-forms neg',
  },
  {
    id: '-1',
    math: '-1',
    tree: P.CONST.NEG1_FIN,
    usesInfinity: false,
    source: 'docs/constructions.md#shortest-forms negNoInf',
  },
  { id: '2', math: '2', tree: P.CONST.TWO, usesInfinity: false, source: 'docs/constructions.md#shortest-forms two' },
  {
    id: '3',
    math: '3',
    tree: P.CONST.THREE,
    usesInfinity: false,
    source: 'docs/constructions.md#shortest-forms re-search',
  },
  {
    id: '-2',
    math: '-2',
    tree: P.CONST.NEG2,
    usesInfinity: false,
    source: 'docs/constructions.md#shortest-forms re-search',
  },
  {
    id: '1/2-inf',
    math: '1/2',
    tree: P.CONST.HALF_INF,
    usesInfinity: true,
    source: 'docs/constructions.md#shortest-forms half',
  },
  {
    id: '1/2',
    math: '1/2',
    tree: P.CONST.HALF_CPLX,
    usesInfinity: false,
    source: 'docs/constructions.md#shortest-forms re-search (cplx)',
  },
  {
    id: '1/2-fin',
    math: '1/2',
    tree: P.CONST.HALF_FIN,
    usesInfinity: false,
    source: 'docs/constructions.md#shortest-forms halfNoInf',
  },
  {
    id: '-1/2-inf',
    math: '-1/2',
    tree: P.CONST.NEG_HALF_INF,
    usesInfinity: true,
    source: 'docs/constructions.md#shortest-forms "negtwo"',
  },
  { id: '-inf', math: '-oo', tree: P.NEG_INF, usesInfinity: true, source: 'docs/constructions.md#shortest-forms' },
];
