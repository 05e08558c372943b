/**
 * Diagnostics attached to an evaluated eml node. They make silent failures visible: the K=17 multiply returns a
 * finite 0 at x = 6.6 because e^{e^x} overflowed inside (docs/semantics.md#overflow), and "fake" constants come from
 * absorption (docs/semantics.md#pitfalls).
 */
import type { Complex } from './complex.ts';
import type { EmlParts } from './semantics.ts';

export type NodeFlag = 'ln0' | 'overflow' | 'absorption' | 'branch-cut' | 'nan';

export const FLAG_INFO: Record<NodeFlag, { label: string; explanation: string }> = {
  ln0: {
    label: 'ln 0',
    explanation:
      'The ln side is exactly 0, so ln gives −∞. Correct under C99 rules, and what compiled negation relies on, but an error in finite-only semantics.',
  },
  overflow: {
    label: 'overflow',
    explanation:
      'A finite input produced ±∞ (exp of an argument above ≈709.78, or a sum past 1.8e308). Results downstream may be silently wrong.',
  },
  absorption: {
    label: 'absorption',
    explanation:
      'exp(a) − ln(b) subtracted numbers more than 10¹³ apart in size: the smaller one was lost to rounding.',
  },
  'branch-cut': {
    label: 'branch cut',
    explanation:
      'ln was taken of a (nearly) negative real: the result’s imaginary part ±π depends on the sign of a tiny or zero imaginary part.',
  },
  nan: {
    label: 'NaN',
    explanation:
      'This node produced NaN from inputs that were not NaN (for example ∞ − ∞, or ln of a negative in real semantics).',
  },
};

export const ABSORPTION_RATIO = 1e-13;
const CUT_RATIO = 1e-12;

const finite = (z: Complex) => Number.isFinite(z.re) && Number.isFinite(z.im);
const anyNaN = (z: Complex) => Number.isNaN(z.re) || Number.isNaN(z.im);

/** Flags of one node from its inputs and its computed parts. */
export function flagsOf(a: Complex, b: Complex, parts: EmlParts): NodeFlag[] {
  const flags: NodeFlag[] = [];
  if (b.re === 0 && b.im === 0) flags.push('ln0');
  const inputsFinite = finite(a) && finite(b);
  if (
    (finite(a) && !finite(parts.exp)) ||
    (inputsFinite && finite(parts.exp) && finite(parts.ln) && !finite(parts.value))
  ) {
    flags.push('overflow');
  }
  const e = Math.hypot(parts.exp.re, parts.exp.im);
  const l = Math.hypot(parts.ln.re, parts.ln.im);
  if (
    e > 0 &&
    l > 0 &&
    Number.isFinite(e) &&
    Number.isFinite(l) &&
    Math.min(e, l) < ABSORPTION_RATIO * Math.max(e, l)
  ) {
    flags.push('absorption');
  }
  if (b.re < 0 && Math.abs(b.im) <= CUT_RATIO * -b.re) flags.push('branch-cut');
  if (anyNaN(parts.value) && !anyNaN(a) && !anyNaN(b)) flags.push('nan');
  return flags;
}
