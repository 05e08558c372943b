import { describe, expect, it } from 'vitest';
import type { Complex } from '../evaluate/complex.ts';
import { evaluate } from '../evaluate/interpreter.ts';
import { CompileError } from '../math/errors.ts';
import { evaluateMath } from '../math/evaluate.ts';
import { COMPOSITIONS } from '../suites/compositions.ts';
import { ALL_SUITE_ITEMS } from '../suites/grids.ts';
import { compile, COMPILE_MODES } from './compile.ts';
import { variable } from '../ast.ts';
import { negInf, sub } from './primitives.ts';
import { conditionTextsRead } from './readingDomain.ts';
import { complexConditions, conditionTexts, type ComplexCondition } from './wrapConditions.ts';

/**
 * Issue 12: the |Im b| < π condition of every ln(exp b) whose 2πi slip reaches the result, stated per tree in
 * `domain.complex`. A point where every stated condition holds must be right; the y = 4i point of robust x + y
 * (wrong before, with `complex: []`) must be wrong and fail its condition.
 */
const C = (re: number, im: number): Complex => ({ re, im });
const right = (t: Complex, f: Complex) =>
  Math.hypot(t.re - f.re, t.im - f.im) <= 1e-8 * Math.max(1, Math.hypot(f.re, f.im));
const holds = (conds: readonly ComplexCondition[], env: Record<string, Complex>) =>
  conds.every((c) => c.term !== null && Math.abs(evaluateMath(c.term, env).im) < Math.PI);

describe('the plain subtraction’s condition', () => {
  it.each(COMPILE_MODES.map((m) => [m]))(
    '%s x + y: |Im(y)| < π stated; y = 4i outside and wrong, y = 2i inside and right',
    (mode) => {
      const c = compile('x + y', { mode });
      const conds = complexConditions(c.tree)!;
      const wrongAt = { x: C(1, 0), y: C(0, 4) };
      const rightAt = { x: C(1, 0), y: C(0, 2) };
      if (mode === 'shortest') {
        expect(conds.map((q) => q.text)).toEqual(['|Im(x + y)| < π']);
      } else {
        expect(conds.map((q) => q.text)).toEqual(['|Im(y)| < π']);
        expect(c.domain!.complex).toEqual(['|Im(y)| < π']);
        expect(c.domain!.text).toMatch(/; off the real line it needs \|Im\(y\)\| < π$/);
      }
      expect(holds(conds, wrongAt)).toBe(false);
      expect(right(evaluate(c.tree, wrongAt), C(1, 4))).toBe(false);
      expect(holds(conds, rightAt)).toBe(true);
      expect(right(evaluate(c.tree, rightAt), C(1, 2))).toBe(true);
    },
  );

  it('x − y needs |Im(y)| < π in every mode; what only feeds an exp states nothing (x·y, exp(x − y))', () => {
    for (const mode of COMPILE_MODES) {
      expect(compile('x - y', { mode }).domain!.complex).toEqual(['|Im(y)| < π']);
      expect(compile('x*y', { mode }).domain!.complex).toEqual([]);
      expect(compile('exp(x - y)', { mode }).domain!.complex).toEqual([]);
    }
  });
});

describe('a tree no lowering built (decoded in a worker, typed as EML)', () => {
  it('reads its condition terms with the decompiler', () => {
    // p − (−q) from the primitives, over variables no compilation in this process has used.
    const tree = sub(variable('p'), negInf(variable('q')));
    expect(conditionTexts(tree)).toEqual([`|Im(an inner term of K ${negInf(variable('q')).k})| < π`]);
    expect(conditionTextsRead(tree)).toEqual(['|Im(q)| < π']);
  });
});

/** Deterministic points in the box |Re| ≤ 3, |Im| ≤ 4, where many conditions fail and many hold. */
function* points(variables: readonly string[], n: number): Generator<Record<string, Complex>> {
  let s = 12345;
  const r = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let k = 0; k < n; k++)
    yield Object.fromEntries(variables.map((v) => [v, C((r() * 2 - 1) * 3, (r() * 2 - 1) * 4)]));
}

describe('no point satisfying the stated conditions is wrong (suites and compositions, every mode)', () => {
  const inputs = [...ALL_SUITE_ITEMS.map((s) => s.input), ...COMPOSITIONS, 'x + 4*y', 'exp(x) - y'];
  it.each(COMPILE_MODES.map((m) => [m]))('%s', (mode) => {
    const wrongInside: string[] = [];
    let inside = 0;
    let outsideWrong = 0;
    for (const input of inputs) {
      let c;
      try {
        c = compile(input, { mode });
      } catch (e) {
        if (e instanceof CompileError && mode === 'paper') continue; // abs: paper mode refuses it, as v4 does
        throw e;
      }
      const conds = complexConditions(c.tree);
      expect(conds, input).not.toBeNull();
      for (const env of points(c.variables, 12)) {
        const f = evaluateMath(c.math, env);
        if (!Number.isFinite(f.re) || !Number.isFinite(f.im)) continue;
        const ok = right(evaluate(c.tree, env), f);
        if (holds(conds!, env)) {
          inside++;
          if (!ok) wrongInside.push(`${input} at ${JSON.stringify(env)}`);
        } else if (!ok) outsideWrong++;
      }
    }
    expect(wrongInside.slice(0, 5)).toEqual([]);
    // The conditions are not vacuous: points hold them, and points that fail them are wrong.
    expect(inside).toBeGreaterThan(500);
    expect(outsideWrong).toBeGreaterThan(50);
  });
});
