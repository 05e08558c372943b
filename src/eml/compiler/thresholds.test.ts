import { describe, expect, it } from 'vitest';
import { compile, type CompileMode } from './compile.ts';

/**
 * Issue 12: the real-line limits of the constructions by analysis, confirmed by the measured domains. exp overflows
 * past ln(DBL_MAX) = 709.78; a construction whose exp argument is an affine function of x overflows where that
 * argument reaches it, and the measured domain ends there to the bisection's resolution. Where analysis does not
 * give a sharp end (the short sum's underflow, which loses digits gradually through subnormals before it returns 0,
 * or a composition that is not monotone) the measured domain is the statement; these are the cases it applies to.
 * (exp(x) itself is right wherever its value is finite: its limit is the function's, not the construction's.)
 */
const LN_MAX = Math.log(Number.MAX_VALUE); // 709.782712893384
const E = Math.E;

function ends(input: string, mode: CompileMode, line = 0): { lo: number; hi: number } {
  const ivs = compile(input, { mode }).domain!.lines[line].intervals;
  return { lo: ivs[0].lo, hi: ivs.at(-1)!.hi };
}
const near = (measured: number, analysed: number) =>
  expect(Math.abs(measured - analysed)).toBeLessThanOrEqual(1e-9 * Math.abs(analysed));

describe('analysed thresholds agree with the measured domains', () => {
  it('robust cosh(x): e^{2x} overflows at ln(DBL_MAX)/2', () => {
    near(ends('cosh(x)', 'robust').hi, LN_MAX / 2);
  });

  it('shortest x + y along x = y = t: the short sum exp(e − 2t) overflows at t = −(ln(DBL_MAX) − e)/2', () => {
    near(ends('x + y', 'shortest').lo, -(LN_MAX - E) / 2);
  });
});
