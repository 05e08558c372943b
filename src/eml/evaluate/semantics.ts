/**
 * The three named evaluation semantics. Which one is in force is always explicit: the same tree can be right
 * in one and wrong in another (docs/semantics.md#real-vs-complex: the K=17 multiply is right at 1024/1024 grid points in
 * complex, 254 in extended-real).
 */
import { expInto, logInto, type Complex } from './complex.ts';

export type Semantics = 'complex' | 'real-extended' | 'finite';

export const SEMANTICS: readonly Semantics[] = ['complex', 'real-extended', 'finite'];

export const SEMANTICS_INFO: Record<Semantics, { label: string; description: string; source: string }> = {
  complex: {
    label: 'complex (C99)',
    description:
      'Principal-branch complex float64 with C99 Annex G special values: signed zeros, ln 0 = −∞, exp(−∞) = 0. ' +
      'What makes the paper’s constructions work on the real axis.',
    source: 'docs/semantics.md#the-operator (C/NumPy harnesses), docs/semantics.md#ln-0-and-signed-zeros',
  },
  'real-extended': {
    label: 'real, extended',
    description:
      'Reals only, as the CUDA recognizer: NaN in → NaN, ln of a negative → NaN, ln 0 = −∞, ln ∞ = ∞, exp(−∞) = 0, ∞ − ∞ = NaN.',
    source: 'docs/semantics.md#ln-0-and-signed-zeros (eml_gpu_fp32_hybrid_const.cu)',
  },
  finite: {
    label: 'finite only',
    description:
      'Complex principal branch, but any ln 0, overflow, infinity or NaN at any node is an error naming the node.',
    source: 'docs/semantics.md#ln-0-and-signed-zeros (--disable-inf), docs/semantics.md#three-semantics',
  },
};

export function isSemantics(s: string): s is Semantics {
  return (SEMANTICS as readonly string[]).includes(s);
}

/** The two halves of one eml node, so callers can inspect exp(a) and ln(b) separately (flags, traces). */
export interface EmlParts {
  exp: Complex;
  ln: Complex;
  value: Complex;
}

export function newParts(): EmlParts {
  return { exp: { re: 0, im: 0 }, ln: { re: 0, im: 0 }, value: { re: 0, im: 0 } };
}

/** parts ← eml(a, b) under `semantics` ('finite' computes like 'complex'; its checks are the caller's). */
export function emlStep(a: Complex, b: Complex, semantics: Semantics, parts: EmlParts): EmlParts {
  if (semantics === 'real-extended') {
    const ar = a.im === 0 ? a.re : NaN;
    const br = b.im === 0 ? b.re : NaN;
    parts.exp.re = Math.exp(ar);
    parts.exp.im = 0;
    parts.ln.re = br < 0 ? NaN : Math.log(br);
    parts.ln.im = 0;
    parts.value.re = parts.exp.re - parts.ln.re;
    parts.value.im = 0;
    return parts;
  }
  expInto(a.re, a.im, parts.exp);
  logInto(b.re, b.im, parts.ln);
  parts.value.re = parts.exp.re - parts.ln.re;
  parts.value.im = parts.exp.im - parts.ln.im;
  return parts;
}
