/**
 * Plain words for a search result: what each verdict means, its evidence, and — when the result is poor — why
 * and what to try. Wording only: every number comes from the report (fit/search/finish.ts).
 */
import type { FormulaResult } from '../../fit/search/report.ts';
import type { SearchResult } from '../../store/searchSlice.ts';

export const VERDICT_LABEL: Record<FormulaResult['verdict'], string> = {
  exact: 'Exact recovery',
  'exact-noisy': 'Exact law, noisy data',
  approximation: 'Approximation',
};

export const VERDICT_EXPLAIN: Record<FormulaResult['verdict'], string> = {
  exact:
    'The formula reproduces every value to the precision the data carry (the digits as written, or the stated noise), and its EML tree agrees with the formula at fresh points off the data.',
  'exact-noisy':
    'The residuals look like the data’s noise (their size matches the noise level and they show no pattern), no simpler formula does as well, and the EML tree agrees with the formula at fresh points.',
  approximation:
    'The formula does not reproduce the data within their precision or noise: it is the best trade-off of accuracy against size found, not a law.',
};

export const fmt = (v: number, d = 4) =>
  Number.isFinite(v)
    ? v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)
      ? v.toExponential(2)
      : Number(v.toPrecision(d)).toString()
    : '—';
/**
 * A whole number with thousands separators. Not toLocaleString: its first call initialises the locale data, a
 * 70–190 ms task measured on this machine when the first progress update of a search rendered.
 */
export const grouped = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const pct = (v: number) => `${fmt(v * 100, 3)} %`;

/** The evidence lines for one formula's verdict. */
export function evidence(r: FormulaResult, result: SearchResult): string[] {
  const p = result.report.precision;
  const out: string[] = [];
  const within =
    p.source === 'digits'
      ? `the ~${p.outputDigits} significant digits written in the data`
      : `the stated noise of ${pct(p.noise ?? 0)}`;
  out.push(`${pct(r.withinPrecision)} of the points lie within ${within}.`);
  // The noise line is evidence for a noisy law, and context for an approximation; an exact fit does not need it.
  if (r.verdict !== 'exact' && result.report.noise !== null)
    out.push(
      `Residuals ${pct(r.noiseRms)} RMS (relative) against a noise level of ${pct(result.report.noise)}${p.source === 'noise' ? ' (stated)' : ' (estimated from the data)'}.`,
    );
  if (r.fresh)
    out.push(
      `Fresh-point check ${r.fresh.pass ? 'passed' : 'failed'}: EML tree and formula compared at ${r.fresh.points} points off the data, largest relative difference ${fmt(r.fresh.maxRelError, 2)}.`,
    );
  else if (r.verdict === 'approximation')
    out.push('No fresh-point check: it is only made for a formula that fits within the precision or noise.');
  return out;
}

/** Why a result is poor and what to try, or nothing when it is not poor. */
export function advice(r: FormulaResult, result: SearchResult): string[] {
  if (r.verdict !== 'approximation') return [];
  const out: string[] = [];
  const v = r.validation.r2;
  const t = r.train.r2;
  if (result.stopped === 'stopped')
    out.push(
      `The search was stopped after ${fmt(result.seconds, 2)} s: these are the best formulas found by then. Press Play to search for the full budget.`,
    );
  if (!(v >= 0.99))
    out.push(
      `The formula explains ${Number.isFinite(v) ? pct(Math.max(v, 0)) : 'little'} of the variation on the validation rows: it is not a good description of these data.`,
    );
  if (Number.isFinite(t) && Number.isFinite(v) && t - v > 0.05)
    out.push(
      'It fits the training rows much better than the validation rows (overfitting): prefer a smaller formula in the Pareto front.',
    );
  if (result.stopped !== 'target')
    out.push(
      `Give the search more time: the budget was ${result.budgetS} s and it ran out before a formula within the data’s precision was found.`,
    );
  if (result.report.precision.source === 'digits')
    out.push(
      'If these are measurements with noise, state the noise level below: a formula within it is then judged “exact law, noisy data” instead of an approximation.',
    );
  else
    out.push(
      'If the stated noise level is too small, raise it; if the data are exact, clear it to judge by the digits.',
    );
  out.push(
    'Check that the output column and the inputs are the right ones (a missing input makes any formula an approximation).',
  );
  return out;
}
