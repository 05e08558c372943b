import { describe, expect, it } from 'vitest';
import { ONE, eml, variable, type EmlNode } from '../../eml/ast.ts';
import { compile } from '../../eml/compiler/compile.ts';
import { compileBatch } from '../../eml/evaluate/batch.ts';
import { evaluateMath } from '../../eml/math/evaluate.ts';
import { parseMath } from '../../eml/math/parser.ts';
import { printFunctional } from '../../eml/syntax/print.ts';
import { Prng } from '../../training/prng.ts';
import { fitProblem } from './fitTable.ts';
import { readProblem } from './problem.ts';
import { alternativeForms, shortestReading } from './alternatives.ts';
import { bin, key, un, vr } from './expr.ts';
import { lnArgument, shortenTree } from './shorten.ts';
import { emlOf, parseResultTree } from './toEml.ts';

const X = variable('x');
const LN = (y: EmlNode) => eml(ONE, eml(eml(ONE, y), ONE));
const EXP = (a: EmlNode) => eml(a, ONE);

/** Values of `tree` at real points, complex as the app evaluates trees. */
function values(tree: EmlNode, xs: Float64Array, env: Record<string, number> = {}) {
  const inputs: Record<string, Float64Array> = { x: xs };
  for (const [name, v] of Object.entries(env)) inputs[name] = new Float64Array(xs.length).fill(v);
  return compileBatch(tree, 'complex').run(inputs, xs.length);
}

const points = (lo: number, hi: number, n: number, seed: number) => {
  const rng = new Prng(seed);
  return Float64Array.from({ length: n }, () => lo + (hi - lo) * rng.uniform());
};

describe('shortenTree', () => {
  it('rewrites the compiler’s sub/ln/exp joints into raw eml readings', () => {
    const tree = (src: string) => shortenTree(compile(parseMath(src), { mode: 'compact' }).tree);
    expect(printFunctional(tree('x - ln(x)'))).toBe(printFunctional(eml(LN(X), X)));
    expect(printFunctional(tree('exp(x) - 1'))).toBe('eml(x, eml(1, 1))');
    expect(printFunctional(tree('e - ln(x)'))).toBe('eml(1, x)');
    expect(printFunctional(tree('exp(ln(x))'))).toBe('x');
    expect(tree('ln(x)').k).toBe(7);
    expect(lnArgument(LN(X))).toBe(X);
    expect(lnArgument(eml(ONE, X))).toBeNull();
  });

  it('keeps the function of random trees full of ln/exp joints, on negative inputs too, and never grows them', () => {
    const rng = new Prng(11);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng.uniform() * xs.length)];
    // Trees built from leaves, eml, and the two joints the rewrites target, so most trees contain several.
    const gen = (depth: number): EmlNode => {
      if (depth === 0) return pick([ONE, X]);
      const a = gen(depth - 1);
      const b = gen(Math.max(0, depth - 1 - Math.floor(rng.uniform() * 2)));
      return pick([() => eml(a, b), () => eml(LN(a), ONE), () => eml(LN(EXP(a)), b), () => LN(a), () => EXP(a)])();
    };
    const xs = points(-3, 3, 40, 5);
    let shortened = 0;
    for (let t = 0; t < 300; t++) {
      const tree = gen(1 + Math.floor(rng.uniform() * 3));
      const short = shortenTree(tree);
      expect(short.k).toBeLessThanOrEqual(tree.k);
      if (short !== tree) shortened++;
      const want = values(tree, xs);
      const got = values(short, xs);
      for (let i = 0; i < xs.length; i++) {
        if (!Number.isFinite(want.re[i]) || !Number.isFinite(want.im[i]) || Math.hypot(want.re[i], want.im[i]) > 1e6)
          continue;
        const err =
          Math.hypot(got.re[i] - want.re[i], got.im[i] - want.im[i]) / Math.max(1, Math.hypot(want.re[i], want.im[i]));
        if (err > 1e-7)
          throw new Error(`${printFunctional(tree)} → ${printFunctional(short)} differs at x = ${xs[i]} by ${err}`);
      }
    }
    expect(shortened).toBeGreaterThan(100);
  });
});

/** An exact 12-digit table of `f` over [lo, hi]. */
function exactTable(f: (x: number) => number, lo: number, hi: number, n = 40): string {
  const xs = Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
  return ['x,y', ...xs.map((x) => `${x.toPrecision(12)},${f(x).toPrecision(12)}`)].join('\n');
}

function fit(f: (x: number) => number, lo: number, hi: number) {
  const read = readProblem(exactTable(f, lo, hi));
  if (!read.ok) throw new Error(read.errors.join('; '));
  return fitProblem(read.problem, { budgetMs: 4000, seed: 3 }).report;
}

/** A result's tree and the values of its constant leaves. */
function treeWithConstants(text: string): { tree: EmlNode; env: Record<string, number> } {
  const { tree, constants } = parseResultTree(text);
  return { tree, env: Object.fromEntries(constants.map((c) => [c.name, c.value])) };
}

describe('alternative readings', () => {
  const lnRatio = un('ln', bin('div', vr(0), vr(1)));
  const cols = (lo: number, hi: number) => ({ x: [points(lo, hi, 30, 1), points(lo, hi, 30, 2)], n: 30 });

  it('ln(x/y) is read as ln x − ln y, K 15 instead of 23, where the data are positive', () => {
    expect(alternativeForms(lnRatio).map(key)).toContain('sub(ln(v0),ln(v1))');
    const form = emlOf(lnRatio, ['x', 'y'])!;
    expect(form.k).toBe(23);
    const r = shortestReading(lnRatio, form, [], ['x', 'y'], cols(0.5, 3));
    expect(key(r.expr)).toBe('sub(ln(v0),ln(v1))');
    expect(r.form.k).toBe(15);
  });

  it('keeps ln(x/y) where both inputs are negative (ln x − ln y is not real there)', () => {
    const form = emlOf(lnRatio, ['x', 'y'])!;
    const r = shortestReading(lnRatio, form, [], ['x', 'y'], cols(-3, -0.5));
    expect(r.expr).toBe(lnRatio);
  });
});

describe('parseResultTree', () => {
  it('turns decimal leaves into named constants, keeps 1 and names with digits, and avoids names in use', () => {
    const r = parseResultTree('eml(x1, eml(-0.5413, eml(1, 2.5e-7)))');
    expect(r.constants).toEqual([
      { name: '_c0', value: -0.5413 },
      { name: '_c1', value: 2.5e-7 },
    ]);
    expect(printFunctional(r.tree)).toBe('eml(x1, eml(_c0, eml(1, _c1)))');
    expect(parseResultTree('eml(_c0, 3)').constants).toEqual([{ name: '__c0', value: 3 }]);
    expect(() => parseResultTree('eml(x, 0.5')).toThrow();
  });
});

describe('fitProblem returns the shortest pure EML tree of the law', () => {
  const laws: Array<[string, (x: number) => number, number, number, number]> = [
    ['x − ln x = eml(ln x, x)', (x) => x - Math.log(x), 0.5, 3.2, 9],
    ['eˣ − 1 = eml(x, e)', (x) => Math.exp(x) - 1, -1, 2, 5],
    ['eˣ = eml(x, 1)', Math.exp, -1, 2, 3],
    ['ln x = eml(1, eml(eml(1, x), 1))', Math.log, 0.5, 4, 7],
    ['e − ln x = eml(1, x)', (x) => Math.E - Math.log(x), 0.5, 4, 3],
  ];
  for (const [name, f, lo, hi, k] of laws) {
    it(`${name}: K ${k}, exact, and every Pareto row’s tree equals its formula off the data`, () => {
      const report = fit(f, lo, hi);
      expect(report.best.verdict).toBe('exact');
      expect(report.best.k).toBe(k);
      const xs = points(lo, hi, 50, 7);
      const { tree, env } = treeWithConstants(report.best.tree);
      const got = values(tree, xs, env);
      for (let i = 0; i < xs.length; i++)
        expect(Math.abs(got.re[i] - f(xs[i]))).toBeLessThan(1e-9 * Math.max(1, Math.abs(f(xs[i]))));
      for (const row of report.pareto) {
        const parsed = treeWithConstants(row.tree);
        expect(parsed.tree.k).toBe(row.k);
        const tv = values(parsed.tree, xs, parsed.env);
        const formula = parseMath(row.formula);
        for (let i = 0; i < xs.length; i++) {
          const want = evaluateMath(formula, { x: xs[i] });
          if (!Number.isFinite(want.re) || !Number.isFinite(want.im)) continue;
          const err = Math.hypot(tv.re[i] - want.re, tv.im[i] - want.im) / Math.max(1, Math.hypot(want.re, want.im));
          // Decimal constants are printed in full (String(v)), so tree and formula agree to rounding.
          expect(err, `${row.tree} vs ${row.formula} at x = ${xs[i]}`).toBeLessThan(1e-9);
        }
      }
    }, 30_000);
  }
});
