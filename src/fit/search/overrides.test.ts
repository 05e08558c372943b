/**
 * The user's overrides of how the data are read: stated significant digits (re-judging the same candidates
 * without searching again) and a weights column (weighted least squares in every fit, weighted metrics).
 */
import { describe, expect, it } from 'vitest';
import { evalValues } from './evalExpr.ts';
import { E_C, bin, param, vr } from './expr.ts';
import { finishProblem, fitProblem } from './fitTable.ts';
import { levenbergMarquardt } from './fitConstants.ts';
import { statedDigitsPrecision } from './precision.ts';
import { readProblem } from './problem.ts';
import type { RawCandidate } from './search.ts';

const round = (v: number, d: number) => Number(v.toPrecision(d));
const xs = Array.from({ length: 40 }, (_, i) => -2 + (4 * i) / 39);
const expm1Table = (digits: number) =>
  ['x,y', ...xs.map((x) => `${round(x, digits)},${round(Math.exp(x) - 1, digits)}`)].join('\n');
// eml(x, e) = eˣ − ln e = eˣ − 1, and a wrong neighbour eˣ − 1.001 (a near miss at 6 digits, not at 3).
const law: RawCandidate = { expr: bin('eml', vr(0), E_C), mse: 0, size: 3 };

function problemOf(text: string, opts: Parameters<typeof readProblem>[1] = {}) {
  const r = readProblem(text, opts);
  if (!r.ok) throw new Error(r.errors.join(' '));
  return r.problem;
}

describe('stated significant digits', () => {
  it('gives each value half a unit in its N-th significant place', () => {
    const p = statedDigitsPrecision([0.097164, 1234.5, 0, -2], [], 3);
    expect(p.y[0]).toBeCloseTo(0.00005, 15);
    expect(p.y[1]).toBeCloseTo(5, 12);
    expect(p.y[2]).toBeCloseTo(0.00005, 15); // a zero: the finest place in the column
    expect(p.y[3]).toBeCloseTo(0.005, 15);
    expect(p.digitsStated).toBe(true);
    expect(p.outputDigits).toBe(3);
  });

  it('re-judges the same candidates: 6-digit data are exact at 6 digits stated, not at 12', () => {
    const text = expm1Table(6);
    const inferred = finishProblem(problemOf(text), [law], { seed: 1, scaling: false });
    expect(inferred.best.verdict).toBe('exact');
    expect(inferred.precision.outputDigits).toBe(6);
    const six = finishProblem(problemOf(text, { digits: 6 }), [law], { seed: 1, scaling: false });
    expect(six.best.verdict).toBe('exact');
    expect(six.precision.digitsStated).toBe(true);
    // Claiming more digits than were written: the rounding of the 6-digit values is no longer within precision
    // (at best it reads as noise: exact law, noisy data).
    const twelve = finishProblem(problemOf(text, { digits: 12 }), [law], { seed: 1, scaling: false });
    expect(twelve.best.verdict).not.toBe('exact');
    expect(twelve.best.withinPrecision).toBeLessThan(1);
    expect(twelve.precision.outputDigits).toBe(12);
  });

  it('lets fewer stated digits accept a law the written digits refute', () => {
    // Values written to 10 digits but 0.04 % off the law: wrong at 10 digits, inside half a unit of the 3rd digit.
    const text = ['x,y', ...xs.map((x) => `${x},${round(1.0004 * (Math.exp(x) - 1), 10)}`)].join('\n');
    expect(finishProblem(problemOf(text), [law], { seed: 1, scaling: false }).best.verdict).toBe('approximation');
    const three = finishProblem(problemOf(text, { digits: 3 }), [law], { seed: 1, scaling: false });
    expect(three.best.verdict).toBe('exact');
  });

  it('refuses bad values and a noise level stated too', () => {
    for (const d of [0, 18, 2.5]) {
      const r = readProblem(expm1Table(6), { digits: d });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors[0]).toMatch(/significant digits must be a whole number from 1 to 17/);
    }
    const both = readProblem(expm1Table(6), { digits: 6, noise: 0.01 });
    expect(both.ok).toBe(false);
    if (!both.ok) expect(both.errors[0]).toMatch(/give one of them/);
  });
});

describe('weights column', () => {
  // y = 2x + 3 at 8 digits; rows 5, 17 and 30 are outliers (+40, −25, +60) with weight 1e−9.
  const rows = Array.from({ length: 40 }, (_, i) => {
    const x = round(-5 + (10 * i) / 39, 8);
    const bad = i === 5 ? 40 : i === 17 ? -25 : i === 30 ? 60 : 0;
    return { x, y: round(2 * x + 3 + bad, 8), w: bad ? 1e-9 : 1 };
  });
  const text = ['x,y,w', ...rows.map((r) => `${r.x},${r.y},${r.w}`)].join('\n');

  it('fits by weighted least squares: the down-weighted outliers do not move the constants', () => {
    const p = problemOf(text, { inputs: ['x'], target: 'y', weights: 'w' });
    expect(p.train.w).toBeDefined();
    const e = bin('add', bin('mul', param(0), vr(0)), param(1));
    const fit = levenbergMarquardt(e, p.train, p.train.y, Float64Array.from([1, 1]), {
      scaling: false,
      starts: 1,
      iterations: 50,
      rng: undefined as never,
    });
    expect(fit!.theta[0]).toBeCloseTo(2, 6);
    expect(fit!.theta[1]).toBeCloseTo(3, 6);
    // Unweighted, the outliers pull the offset away.
    const plain = problemOf(text, { inputs: ['x'], target: 'y' });
    const off = levenbergMarquardt(e, plain.train, plain.train.y, Float64Array.from([1, 1]), {
      scaling: false,
      starts: 1,
      iterations: 50,
      rng: undefined as never,
    });
    expect(Math.abs(off!.theta[1] - 3)).toBeGreaterThan(0.1);
  });

  it('the search finds the law, exact, with weighted metrics', () => {
    const p = problemOf(text, { inputs: ['x'], target: 'y', weights: 'w' });
    const { report } = fitProblem(p, { budgetMs: 4000, seed: 3 });
    expect(report.best.verdict).toBe('exact');
    const got = evalValues(report.best.expr, { x: [Float64Array.from([-1, 0.5, 7])], n: 3 }, report.best.params);
    [-1, 0.5, 7].forEach((x, i) => expect(got[i]).toBeCloseTo(2 * x + 3, 9));
    expect(report.best.train.r2).toBeGreaterThan(0.999999);
    expect(report.best.train.maxError).toBeLessThan(1e-6);
  });

  it('refuses a weights column with a negative weight or that is an input', () => {
    const neg = readProblem('x,y,w\n1,2,1\n2,4,-1\n3,6,1\n4,8,1\n5,10,1\n6,12,1', {
      inputs: ['x'],
      target: 'y',
      weights: 'w',
    });
    expect(neg.ok).toBe(false);
    if (!neg.ok) expect(neg.errors[0]).toMatch(/row 2 of column "w" is -1; weights must be finite and ≥ 0/);
    const dup = readProblem('x,y,w\n1,2,1\n2,4,1\n3,6,1\n4,8,1\n5,10,1\n6,12,1', { target: 'y', weights: 'w' });
    expect(dup.ok).toBe(false);
  });
});
