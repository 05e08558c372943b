import { describe, expect, it } from 'vitest';
import { compile } from '../../eml/compiler/compile.ts';
import { Prng } from '../../training/prng.ts';
import { evaluate, evalValues } from './evalExpr.ts';
import { BINARY_OPS, E_C, ONE_C, UNARY_OPS, bin, key, param, un, vr, type Expr } from './expr.ts';
import { finishSearch } from './finish.ts';
import { fitConstants, linearScale } from './fitConstants.ts';
import { fitProblem } from './fitTable.ts';
import { halfUlp, inferPrecision, significantDigits } from './precision.ts';
import { readProblem } from './problem.ts';
import { runSearch, type SearchData } from './search.ts';
import { closedForms, nearbyForms, snapConstants } from './snap.ts';
import { freshCheck, localNoise, noiseScale } from './verdict.ts';

const grid = (lo: number, hi: number, n: number) =>
  Float64Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
const round = (v: number, d: number) => Number(v.toPrecision(d));
const table = (xs: ArrayLike<number>, f: (x: number) => number, digits: number) =>
  ['x,y', ...Array.from(xs, (x) => `${round(x, digits)},${round(f(x), digits)}`)].join('\n');

describe('precision inference', () => {
  it('reads half a unit in the last written place and the significant digits', () => {
    expect(halfUlp('0.097164')).toBeCloseTo(5e-7, 20);
    expect(halfUlp('1.20e3')).toBe(5);
    expect(halfUlp('-12')).toBe(0.5);
    expect(significantDigits('0.097164')).toBe(5);
    expect(significantDigits('1.5e-3')).toBe(2);
  });

  it('gives short cells the column’s precision, zeros the finest place, and integer inputs no error', () => {
    const p = inferPrecision(['0.5', '0.3068528194', '0.4754755319', '0'], [['1', '2', '3', '4']]);
    expect(p.outputDigits).toBe(10);
    expect(p.y[0]).toBeCloseTo(5e-11, 20); // "0.5" in a 10-digit column: not ±0.05
    expect(p.y[1]).toBeCloseTo(5e-11, 20);
    expect(p.y[3]).toBeCloseTo(5e-11, 20); // "0" is known to the finest place written
    expect([...p.x[0]]).toEqual([0, 0, 0, 0]);
  });
});

describe('constant fitting', () => {
  it('forward-mode derivatives match central finite differences for every block', () => {
    // f = eml(c0·x, x + c1) / sqrt(c2 + x)^c0 − ln(inv(x)) + exp(−c1·x) + sin(c2·x)·cos(c1 + x)
    const e: Expr = bin(
      'add',
      bin(
        'add',
        bin(
          'sub',
          bin(
            'div',
            bin('eml', bin('mul', param(0), vr(0)), bin('add', vr(0), param(1))),
            bin('pow', un('sqrt', bin('add', param(2), vr(0))), param(0)),
          ),
          un('ln', un('inv', vr(0))),
        ),
        un('exp', un('neg', bin('mul', param(1), vr(0)))),
      ),
      bin('mul', un('sin', bin('mul', param(2), vr(0))), un('cos', bin('add', param(1), vr(0)))),
    );
    // Every block of the search's language is in f: a block added to the tables must be added here too.
    for (const op of [...UNARY_OPS, ...BINARY_OPS]) expect(key(e)).toContain(`${op}(`);
    const cols = { x: [grid(0.5, 3, 9)], n: 9 };
    const theta = Float64Array.from([0.7, 1.3, 0.4]);
    const ev = evaluate(e, cols, theta, true);
    for (let p = 0; p < 3; p++) {
      const h = 1e-6;
      const up = Float64Array.from(theta);
      const dn = Float64Array.from(theta);
      up[p] += h;
      dn[p] -= h;
      const fu = evalValues(e, cols, up);
      const fd = evalValues(e, cols, dn);
      for (let i = 0; i < cols.n; i++) {
        const fdiff = (fu[i] - fd[i]) / (2 * h);
        expect(Math.abs(ev.d[p]![i] - fdiff)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fdiff)));
      }
    }
  });

  it('Levenberg–Marquardt with closed-form scaling recovers y = 3·exp(−0.7x) + 0.5', () => {
    const x = grid(0, 4, 40);
    const y = Float64Array.from(x, (v) => 3 * Math.exp(-0.7 * v) + 0.5);
    const fit = fitConstants(un('exp', bin('mul', param(0), vr(0))), { x: [x], n: 40 }, y, {
      scaling: true,
      starts: 4,
      iterations: 60,
      rng: new Prng(3),
    });
    expect(fit).not.toBeNull();
    expect(fit!.params[0]).toBeCloseTo(-0.7, 9);
    expect(fit!.a).toBeCloseTo(3, 9);
    expect(fit!.b).toBeCloseTo(0.5, 9);
    expect(linearScale([1, 1, 1], [1, 2, 3], true)).toBeNull(); // a constant shape has nothing to scale
  });
});

describe('constant snapping', () => {
  it('finds the simplest closed form near a value, a precise match before a simpler far one', () => {
    expect(nearbyForms(1.5000000001)[0].text).toBe('3/2');
    expect(nearbyForms(0.3678794411)[0].text).toBe('1/e');
    expect(nearbyForms(6.283185307)[0].text).toBe('2*pi');
    for (const c of closedForms().slice(0, 200)) expect(compile(c.text).tree).toBeDefined();
  });

  it('snaps 2.5·x^1.5 fitted on 8-digit data to 5/2 and 3/2, and leaves 1.2345678 a rounded decimal', () => {
    const x = grid(0.5, 5, 30);
    const cols = { x: [x], n: 30 };
    const e = bin('mul', param(0), bin('pow', vr(0), param(1)));
    const y = Float64Array.from(x, (v) => round(2.5 * v ** 1.5, 8));
    const fit = fitConstants(e, cols, y, { scaling: false, starts: 4, iterations: 80, rng: new Prng(1) })!;
    const floor = 1e-14;
    const s = snapConstants(e, fit.params, cols, y, (mse) => mse <= Math.max(fit.mse * 1.2, floor), {
      scaling: false,
      starts: 1,
      iterations: 40,
      rng: new Prng(1),
    });
    expect(s.snapped).toBe(2);
    expect(s.params.length).toBe(0);
    const y2 = Float64Array.from(x, (v) => 1.2345678 * v);
    const e2 = bin('mul', param(0), vr(0));
    const fit2 = fitConstants(e2, cols, y2, { scaling: false, starts: 1, iterations: 40, rng: new Prng(1) })!;
    const s2 = snapConstants(e2, fit2.params, cols, y2, (mse) => mse <= 1e-20, {
      scaling: false,
      starts: 1,
      iterations: 40,
      rng: new Prng(1),
    });
    expect(s2.snapped).toBe(0);
    expect(s2.params[0]).toBe(1.2345678);
  });
});

describe('verdicts', () => {
  it('the right law on 6-digit data is exact; its EML tree agrees at fresh points', () => {
    const read = readProblem(
      table(grid(0.3, 4, 40), (v) => v - Math.log(v), 6),
      { seed: 2 },
    );
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const p = read.problem;
    const report = finishSearch({
      vars: p.vars,
      train: p.train,
      validation: p.validation,
      precision: p.precision,
      candidates: [{ expr: bin('sub', vr(0), un('ln', vr(0))), mse: 0, size: 4 }],
      scaling: true,
      seed: 1,
    });
    expect(report.best.verdict).toBe('exact');
    expect(report.best.formula).toBe('x - ln(x)');
    expect(report.best.fresh?.pass).toBe(true);
    expect(report.best.withinPrecision).toBe(1);
  });

  it('a wrong law that fits the training points but not the held-out ones is not exact', () => {
    // y = x²; the candidate x (scaled: 3x − 2) meets it exactly at the training inputs 1 and 2 only.
    const train: SearchData = {
      vars: ['x'],
      x: [Float64Array.from({ length: 12 }, (_, i) => 1 + (i % 2))],
      y: Float64Array.from({ length: 12 }, (_, i) => (1 + (i % 2)) ** 2),
      n: 12,
    };
    const validation: SearchData = {
      vars: ['x'],
      x: [Float64Array.from([1.5, 2.5, 3])],
      y: Float64Array.from([2.25, 6.25, 9]),
      n: 3,
    };
    const precision = inferPrecision(
      ['1', '4', '1', '4', '1', '4', '1', '4', '1', '4', '1', '4', '2.25', '6.25', '9'].map((c) =>
        c.includes('.') ? c : `${c}.00`,
      ),
      [Array(15).fill('1.0')],
    );
    const report = finishSearch({
      vars: ['x'],
      train,
      validation,
      precision,
      candidates: [{ expr: vr(0), mse: 0, size: 1 }],
      scaling: true,
      seed: 1,
    });
    expect(report.best.train.rmse).toBeLessThan(1e-9);
    expect(report.best.verdict).toBe('approximation');
  });

  it('the fresh-point check refutes a tree that is not the expression', () => {
    const data = { x: [grid(0.5, 3, 20)], n: 20 };
    const wrong = compile('x - ln(x)').tree;
    expect(freshCheck(vr(0), [], wrong, null, ['x'], data, new Prng(1)).pass).toBe(false);
    expect(freshCheck(bin('sub', vr(0), un('ln', vr(0))), [], wrong, null, ['x'], data, new Prng(1)).pass).toBe(true);
  });

  it('estimates the noise of 1 % noisy data without a model, and ~0 for smooth exact data', () => {
    const rng = new Prng(5);
    const x = grid(1, 5, 200);
    const noisy = Float64Array.from(x, (v) => v * v * (1 + 0.01 * rng.normal()));
    expect(localNoise([x], noisy, noiseScale(noisy))).toBeGreaterThan(0.007);
    expect(localNoise([x], noisy, noiseScale(noisy))).toBeLessThan(0.013);
    const exact = Float64Array.from(x, (v) => Math.log(v) + 2);
    expect(localNoise([x], exact, noiseScale(exact))).toBeLessThan(1e-4);
  });
});

describe('search', () => {
  it('finds x − ln x on 10-digit data, exact, and stops early once it has', () => {
    const read = readProblem(
      table(grid(0.3, 4, 50), (v) => v - Math.log(v), 10),
      { seed: 1 },
    );
    if (!read.ok) throw new Error(read.errors.join(' '));
    const { report, search } = fitProblem(read.problem, { budgetMs: 6000, seed: 1 });
    expect(report.best.verdict).toBe('exact');
    expect(report.best.formula).toBe('x - ln(x)');
    expect(search.stopped).toBe('target');
  });

  it('finds sin x and 1.7·sin(0.8x) on 10-digit data, exact (sin and cos are blocks of the search)', () => {
    for (const [f, xs, formula] of [
      [Math.sin, grid(0, 6, 60), 'sin(x)'],
      [(v: number) => 1.7 * Math.sin(0.8 * v), grid(0, 10, 50), '17*sin(4*x/5)/10'],
    ] as const) {
      const read = readProblem(table(xs, f, 10), { seed: 1 });
      if (!read.ok) throw new Error(read.errors.join(' '));
      const { report } = fitProblem(read.problem, { budgetMs: 15_000, seed: 1 });
      expect(report.best.verdict).toBe('exact');
      expect(report.best.formula).toBe(formula);
    }
  });

  it('cancels at once and still returns what it has', () => {
    const x = grid(1, 2, 20);
    const data: SearchData = { vars: ['x'], x: [x], y: Float64Array.from(x, Math.exp), n: 20 };
    const progress: number[] = [];
    let calls = 0;
    const out = runSearch(data, {
      budgetMs: 60_000,
      seed: 1,
      signal: {
        get aborted() {
          return ++calls > 50;
        },
      },
      onProgress: (p) => progress.push(p.evaluated),
      progressEveryMs: 0,
    });
    expect(out.stopped).toBe('cancelled');
    expect(out.candidates.length).toBeGreaterThan(0);
    expect(progress.length).toBeGreaterThan(0);
  });

  it('knows a constant-free raw eml block: eml(x, e) is exp(x) − 1', () => {
    const cols = { x: [grid(0, 1, 5)], n: 5 };
    const v = evalValues(bin('eml', vr(0), E_C), cols, []);
    cols.x[0].forEach((x, i) => expect(v[i]).toBeCloseTo(Math.exp(x) - 1, 14));
    expect(evalValues(ONE_C, cols, [])[0]).toBe(1);
  });
});
