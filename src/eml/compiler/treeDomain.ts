/**
 * The validity domain of a whole compiled tree as the compiler, the CLI and the formula panel state it (issue 12):
 * the measured domain (domains.ts: the composed tree against its function on log-spaced points to |x| = 710, down
 * to the subnormals and on a linear grid near 0, edges bisected), each interval end labelled with where it comes
 * from. An end that an analysed construction limit (limits.ts, rules.ts Rule.limits) puts at the same place, to
 * within END_MATCH, is "analysed" and names the limit; every other end is "measured".
 *
 * Why the analysis does not set the intervals itself: it overclaims where precision is lost gradually before any
 * limit is reached (shortest cosh: the limits allow x ≥ −11.41 and x ≤ 5.9006, the tree is wrong below −11.04 and
 * above 5.8997), it underclaims where a later step absorbs an overflow (robust tanh's 1 − 2/∞ = 1 is right past
 * the short sum's limit), and it has nothing to say where an operand has no real reading (the trig templates'
 * e^{iz}, sqrt and asinh through them: null). Stating its intervals would be wrong in the first case and needlessly
 * narrow in the second, so the statement is always the scan's, which domains30/treeDomain tests hold against a
 * 30-digit reference on a denser scan; the analysis explains the ends it can.
 */
import type { EmlNode } from '../ast.ts';
import type { MathNode } from '../math/ast.ts';
import { measureDomain, type DomainEnd, type ValidityDomain } from './domains.ts';
import { SCAN_LIMIT } from './scanGrid.ts';
import { deriveDomain } from './limits.ts';

/** Where domains.ts's text turns to the complex plane. */
const COMPLEX_PART = '; off the real line';

/**
 * Interval evaluations the labelling may spend (limits.ts's own default is 200 000): the suites and compositions
 * need under it, a 40-term shortest polynomial took 5.8 s at the default and is labelled "measured" instead.
 */
const DERIVE_BUDGET = 20_000;

/** Relative distance under which a measured end is the analysed one (overflow ends agree to ~1e−9). */
const END_MATCH = 1e-6;

/** The measured domain of `tree` as an implementation of `math`, each end labelled measured or analysed. */
export function treeDomain(
  tree: EmlNode,
  math: MathNode,
  variables: readonly string[],
  name: string,
  complex: readonly string[] | null = [],
): ValidityDomain | null {
  const measured = measureDomain(tree, math, variables, name, complex);
  if (!measured || measured.lines.length === 0) return measured;
  const derived = deriveDomain(tree, variables, DERIVE_BUDGET);
  const ends: DomainEnd[] = [];
  measured.lines.forEach((l, j) => {
    const cuts = derived?.lines[j]?.cuts ?? [];
    for (const iv of l.intervals)
      for (const at of iv.lo === iv.hi ? [iv.lo] : [iv.lo, iv.hi]) {
        if (Math.abs(at) >= SCAN_LIMIT) continue; // the scan's own end, not the tree's
        const cut = cuts.find((c) => Math.abs(c.at - at) <= END_MATCH * Math.max(1, Math.abs(c.at)));
        ends.push(
          cut ? { line: l.line, at, source: 'analysed', limit: cut.limit } : { line: l.line, at, source: 'measured' },
        );
      }
  });
  // Said after the real-line statement, before the complex-plane conditions (domains.ts appends those).
  const cut = measured.text.indexOf(COMPLEX_PART);
  const [real, rest] = cut < 0 ? [measured.text, ''] : [measured.text.slice(0, cut), measured.text.slice(cut)];
  return { ...measured, ends, analysed: derived !== null, text: real + sourcesText(ends, derived !== null) + rest };
}

/** "; ends measured by the scan" or "; the end 354.891 from the analysis (exp: z ≤ 709.783 (…)), the rest measured". */
function sourcesText(ends: readonly DomainEnd[], analysed: boolean): string {
  if (ends.length === 0) return '';
  const fromAnalysis = ends.filter((e) => e.source === 'analysed');
  // Not derived: an operand with no real reading (the trig templates' e^{iz}), or over DERIVE_BUDGET.
  const none = analysed ? 'no construction limit explains them' : 'the constructions’ limits are not derived here';
  if (fromAnalysis.length === 0) return `; ends measured by a scan (${none})`;
  const listed = fromAnalysis
    .slice(0, 3)
    .map((e) => `${String(Number(e.at.toPrecision(6))).replace('-', '−')} (${e.limit})`)
    .join(', ');
  const more = fromAnalysis.length > 3 ? ` and ${fromAnalysis.length - 3} more` : '';
  const rest = fromAnalysis.length === ends.length ? '' : ', the rest measured by a scan';
  return `; ${fromAnalysis.length === 1 ? 'end' : 'ends'} ${listed}${more} from the constructions’ limits${rest}`;
}
