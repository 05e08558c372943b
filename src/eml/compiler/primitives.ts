/**
 * EML builders: the v4 compiler's primitive constructions (docs/constructions.md#primitives), their ln 0-free "clean"
 * variant (docs/semantics.md#ln-0-and-signed-zeros), and the shorter direct-search forms of docs/constructions.md#shortest-forms. Every builder returns hash-consed nodes, so the
 * same sub-construction used twice (e.g. e^{iz} in sin) is one shared node.
 *
 * The K arithmetic in comments is what rules.ts states and the tests check.
 */
import { eml, ONE, variable, type EmlNode } from '../ast.ts';

/** Minimal reader for the reference's `EML[a,b]` literals (constants below), independent of the UI syntaxes. */
export function tree(text: string): EmlNode {
  const stack: EmlNode[][] = [[]];
  const re = /EML\[|\]|,|1|[A-Za-z_][A-Za-z0-9_]*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const t = m[0];
    if (t === 'EML[') stack.push([]);
    else if (t === ']') {
      const [l, r] = stack.pop()!;
      stack[stack.length - 1].push(eml(l, r));
    } else if (t === '1') stack[stack.length - 1].push(ONE);
    else if (t !== ',') stack[stack.length - 1].push(variable(t));
  }
  return stack[0][0];
}

// ---- v4 primitives (docs/constructions.md#primitives) ----
/** e = EML[1,1], K=3. */
export const E = eml(ONE, ONE);
/** exp z = EML[z,1], K(z)+2. */
export const exp = (z: EmlNode) => eml(z, ONE);
/** ln z = EML[1,EML[EML[1,z],1]], K(z)+6. */
export const ln = (z: EmlNode) => eml(ONE, eml(eml(ONE, z), ONE));
/** 0 = ln 1, K=7. */
export const ZERO = ln(ONE);
/** a − b = EML[ln a, exp b], K(a)+K(b)+9. */
export const sub = (a: EmlNode, b: EmlNode) => eml(ln(a), exp(b));
/** v4 negation: sub(0, z) = EML[ln 0, exp z], K(z)+16 (passes through ln 0 = −∞). */
export const negV4 = (z: EmlNode) => sub(ZERO, z);
/** Clean negation (eml_compiler_clean_math_v0): 1 − (e − ((e − 1) − z)), K(z)+44, never ln 0. */
export const negClean = (z: EmlNode) => sub(ONE, sub(E, sub(sub(E, ONE), z)));

/** The v4 arithmetic, parameterised by the negation so the clean variant reuses every other formula. */
export interface PaperKit {
  neg(z: EmlNode): EmlNode;
  add(a: EmlNode, b: EmlNode): EmlNode;
  inv(z: EmlNode): EmlNode;
  mul(a: EmlNode, b: EmlNode): EmlNode;
  div(a: EmlNode, b: EmlNode): EmlNode;
  pow(a: EmlNode, b: EmlNode): EmlNode;
  double(z: EmlNode): EmlNode;
  int(n: bigint): EmlNode;
  rational(p: bigint, q: bigint): EmlNode;
  readonly I: EmlNode;
  readonly PI: EmlNode;
  readonly PHI: EmlNode;
  sinh(z: EmlNode): EmlNode;
  cosh(z: EmlNode): EmlNode;
  tanh(z: EmlNode): EmlNode;
  atan(z: EmlNode): EmlNode;
}

function makePaperKit(neg: (z: EmlNode) => EmlNode): PaperKit {
  const add = (a: EmlNode, b: EmlNode) => sub(a, neg(b));
  const inv = (z: EmlNode) => exp(neg(ln(z)));
  const mul = (a: EmlNode, b: EmlNode) => exp(add(ln(a), ln(b)));
  const div = (a: EmlNode, b: EmlNode) => mul(a, inv(b));
  const pow = (a: EmlNode, b: EmlNode) => exp(mul(b, ln(a)));
  const double = (z: EmlNode) => add(z, z);
  const intCache = new Map<bigint, EmlNode>();
  // eml_int: binary doubling, term ← add(term, term), acc ← add(acc, term) on set bits (2:27, 3:53, 10:235).
  const int = (n: bigint): EmlNode => {
    if (n === 0n) return ZERO;
    if (n === 1n) return ONE;
    if (n < 0n) return neg(int(-n));
    const hit = intCache.get(n);
    if (hit) return hit;
    let term: EmlNode = ONE;
    let acc: EmlNode | null = null;
    for (let b = n; b > 0n;) {
      if (b & 1n) acc = acc ? add(acc, term) : term;
      b >>= 1n;
      if (b > 0n) term = double(term);
    }
    intCache.set(n, acc!);
    return acc!;
  };
  // eml_rational: mul(int|p|, inv(int q)), then neg if p < 0 (1/2: 91, −1/2: 107).
  const rational = (p: bigint, q: bigint): EmlNode => {
    if (q === 1n) return int(p);
    const r = mul(int(p < 0n ? -p : p), inv(int(q)));
    return p < 0n ? neg(r) : r;
  };
  const lnMinus1 = ln(int(-1n));
  const two = int(2n);
  // I = −exp(ln(−1)/2): −i in float64, +i in exact lower-edge arithmetic (docs/semantics.md#branch-cut).
  const I = neg(exp(div(lnMinus1, two)));
  const PI = mul(I, lnMinus1);
  const PHI = div(add(ONE, pow(int(5n), rational(1n, 2n))), two);
  const exp2 = (z: EmlNode) => exp(double(z));
  return {
    neg,
    add,
    inv,
    mul,
    div,
    pow,
    double,
    int,
    rational,
    I,
    PI,
    PHI,
    sinh: (z) => div(sub(exp2(z), ONE), mul(two, exp(z))),
    cosh: (z) => div(add(exp2(z), ONE), mul(two, exp(z))),
    tanh: (z) => div(sub(exp2(z), ONE), add(exp2(z), ONE)),
    // (−i/2)·ln(−(z − i)/(z + i))
    atan: (z) => mul(div(neg(I), two), ln(neg(div(sub(z, I), add(z, I))))),
  };
}

let v4: PaperKit | undefined;
let v4clean: PaperKit | undefined;
export function paperKit(clean = false): PaperKit {
  if (clean) return (v4clean ??= makePaperKit(negClean));
  return (v4 ??= makePaperKit(negV4));
}

// ---- shortest known forms (docs/constructions.md#shortest-forms) and what they generalise to ----
/** −∞ = e − ln(e − ln 0), K=11: the recurring subtree of the "uses ∞" forms. */
export const NEG_INF = eml(ONE, eml(ONE, ZERO));
/** Fig. 2 −z = EML[−∞, exp z] = 0 − z, K(z)+14 (uses ∞). */
export const negInf = (z: EmlNode) => eml(NEG_INF, exp(z));
/** −z = (e − z) − e = EML[ln(e − z), e^e], K(z)+16, no infinity. */
export const negFin = (z: EmlNode) => eml(ln(eml(ONE, exp(z))), exp(E));
/** a + b = e − ((e − a) − b), K(a)+K(b)+17, finite (x+y K=19 "also" form). */
export const addShort = (a: EmlNode, b: EmlNode) => eml(ONE, exp(eml(ln(eml(ONE, exp(a))), exp(b))));
/** a·b = exp(e − ((e − ln a) − ln b)), K(a)+K(b)+15 (trainer-comment x·y, K=17). */
export const mulShort = (a: EmlNode, b: EmlNode) => exp(eml(ONE, exp(eml(ln(eml(ONE, a)), b))));
/** a/b = exp((e − ln b) − (e − ln a)), K(a)+K(b)+15 (x/y, K=17). */
export const divShort = (a: EmlNode, b: EmlNode) => exp(eml(ln(eml(ONE, b)), exp(eml(ONE, a))));
/** Fig. 2 1/z = exp(−∞ − ln z), K(z)+14 (uses ∞). */
export const invInf = (z: EmlNode) => exp(eml(NEG_INF, z));
/** 1/z = exp((e − ln z) − e), K(z)+16, no infinity. */
export const invFin = (z: EmlNode) => exp(eml(ln(eml(ONE, z)), exp(E)));
/** a^b = exp(b·ln a) with the short product, K(a)+K(b)+23 (y^x K=25). */
export const powShort = (a: EmlNode, b: EmlNode) => exp(mulShort(b, ln(a)));
/** ln(exp z) = z for |Im z| < π, K(z)+8 (the K=9 identity, used to push z down a level). */
export const identity = (z: EmlNode) => ln(exp(z));
/** Notebook x/2, 2K(z)+27 (uses ∞; overflows for 0 < z < e^e/709, so the compiler does not use it). */
export const hlf = (z: EmlNode) => exp(eml(ONE, eml(eml(ONE, z), exp(eml(NEG_INF, exp(exp(eml(ONE, z))))))));

/** Verbatim constants of docs/constructions.md#shortest-forms (compile.test.ts "rules table" checks their values and K). */
export const CONST = {
  /** e − 1, K=5. */
  E_MINUS_1: eml(ONE, E),
  /** −1 via −∞, K=15. */
  NEG1_INF: tree('EML[EML[1,EML[1,EML[1,EML[EML[1,1],1]]]],EML[1,1]]'),
  /** −1 without infinities, K=17 (negNoInf). */
  NEG1_FIN: tree('EML[EML[1,EML[EML[1,EML[1,EML[1,1]]],1]],EML[EML[1,1],1]]'),
  /** 2, K=19, finite. */
  TWO: tree('EML[1,EML[EML[EML[1,EML[EML[1,EML[1,EML[1,1]]],1]],EML[1,1]],1]]'),
  /** 3, K=29, finite. */
  THREE: tree('EML[1,EML[EML[EML[1,EML[EML[1,EML[EML[1,EML[EML[1,EML[1,EML[1,1]]],1]],EML[1,1]]],1]],EML[1,1]],1]]'),
  /** −2, K=27, finite. */
  NEG2: tree('EML[EML[1,EML[EML[1,EML[EML[1,EML[EML[1,EML[1,EML[1,1]]],1]],EML[1,1]]],1]],EML[EML[1,1],1]]'),
  /** 1/2 via −∞, K=29 (notebook half). */
  HALF_INF: tree('EML[EML[1,EML[EML[1,1],EML[EML[EML[1,EML[1,EML[1,EML[EML[1,1],1]]]],EML[EML[EML[1,1],1],1]],1]]],1]'),
  /** 1/2 in complex principal arithmetic without ln 0, K=31 (independent re-search, cplx). */
  HALF_CPLX: tree(
    'EML[EML[1,EML[1,EML[EML[EML[1,EML[EML[1,EML[1,EML[EML[EML[1,1],1],1]]],1]],EML[EML[EML[1,1],1],1]],1]]],1]',
  ),
  /** 1/2 with no infinities, K=35 (halfNoInf). */
  HALF_FIN: tree(
    'EML[EML[EML[1,EML[EML[1,EML[1,EML[1,EML[EML[EML[1,EML[EML[1,EML[1,EML[1,1]]],1]],EML[1,1]],1]]]],1]],EML[EML[1,1],1]],1]',
  ),
  /** −1/2 via −∞, K=31 (notebook "negtwo"). */
  NEG_HALF_INF: tree(
    'EML[EML[1,EML[EML[1,1],EML[EML[EML[1,EML[1,EML[1,EML[EML[1,1],1]]]],EML[EML[EML[1,1],1],1]],1]]],EML[1,1]]',
  ),
} as const;
