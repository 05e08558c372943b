/**
 * Issue #18's inputs: every one compiles or is refused with a typed error positioned in the text, quickly, in both
 * modes and both clean settings. Plus the compiler's budgets and the zero-factor folding.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate/interpreter.ts';
import { CompileError, MathSyntaxError } from '../math/errors.ts';
import { parseMath } from '../math/parser.ts';
import { EmlSyntaxError } from '../syntax/errors.ts';
import { compile, COMPILE_LIMITS, PAPER_CHEAP_BUDGET, type CompileMode } from './compile.ts';
import { K_TABLE } from './ktable.ts';
import { compilePaper } from './paper.ts';

const nest = (f: string, n: number) => `${f}(`.repeat(n) + 'x' + ')'.repeat(n);

const QUOTED = [
  '0*x',
  'x*0',
  '0x',
  '0 sin(x)',
  '0/x',
  'sqrt(1e999)',
  '2^(10^10)',
  '1e-400^1e-400',
  '1e4096',
  '1.2e-500^64',
  'x/0',
  '1/(2-2)',
  '0^-1',
  'ln(0)',
  'tan(pi/2)',
  'abs(x)',
  '1e308',
  '5e-324',
  '(1/3)^(10^10)',
  '2^2^2^2^2^2',
  'x^(10^10)',
  '(-1)^(10^300)',
  '1e999999999',
];
/** Deep compositions: more work per input, so a looser time bound. */
const DEEP = [nest('sin', 24), nest('sin', 60), nest('asin', 40)];

/** Compiles or throws a positioned typed error; returns what happened and how long it took. */
function attempt(text: string, mode: CompileMode, clean: boolean) {
  const t0 = performance.now();
  try {
    const r = compile(text, { mode, clean });
    return { ms: performance.now() - t0, ok: true as const, k: r.k, tree: r.tree };
  } catch (e) {
    return { ms: performance.now() - t0, ok: false as const, error: e };
  }
}

describe('every quoted input compiles or is refused with a typed positioned error', () => {
  for (const text of [...QUOTED, ...DEEP]) {
    it(text.length > 40 ? `${text.slice(0, 40)}…` : text, () => {
      const deep = DEEP.includes(text);
      for (const mode of ['compact', 'paper'] as const) {
        for (const clean of [false, true]) {
          const r = attempt(text, mode, clean);
          // Generous against a loaded test machine (measured alone: refusals of the quoted inputs under 2 ms, the
          // slowest compile ~120 ms, the deep refusals 20–60 ms).
          expect(r.ms, `${mode}${clean ? ' clean' : ''}`).toBeLessThan(r.ok || deep ? 1000 : 250);
          if (r.ok) {
            expect(Number.isSafeInteger(r.k)).toBe(true);
            continue;
          }
          const e = r.error as EmlSyntaxError;
          expect(e instanceof CompileError || e instanceof MathSyntaxError, String(e)).toBe(true);
          expect(e.offset).toBeGreaterThanOrEqual(0);
          expect(e.offset + e.length).toBeLessThanOrEqual(text.length);
          expect(e.line).toBe(1);
          expect(e.column).toBe(e.offset + 1);
          expect(e.hint, e.message).not.toBe('');
        }
      }
    });
  }
});

describe('zero factors fold to 0, in both modes', () => {
  it.each(['0*x', 'x*0', '0x', '0 sin(x)', '0/x', '0*ln(x)', '(x-x)*0'])('%s', (text) => {
    const compact = compile(text);
    const paper = compile(text, { mode: 'paper' });
    expect(compact.k).toBe(7);
    expect(paper.k).toBe(7);
    expect(evaluate(compact.tree, {}).re).toBe(0);
  });
});

describe('errors point at the part of the text they are about', () => {
  const where = (text: string, mode: CompileMode = 'compact') => {
    try {
      compile(text, { mode });
    } catch (e) {
      const err = e as EmlSyntaxError;
      return [err.constructor.name, err.offset, err.length, err.message];
    }
    return null;
  };
  it('division by zero underlines the division', () => {
    expect(where('x + 1/0')).toEqual(['CompileError', 4, 3, 'division by zero']);
    expect(where('sin(x) + x/(3-3)')).toEqual(['CompileError', 9, 7, 'division by zero']);
  });
  it('a power too large to be exact underlines the power; a huge literal is a positioned parse error', () => {
    expect(where('y + 2^(10^10)', 'paper')?.slice(0, 3)).toEqual(['CompileError', 4, 9]);
    expect(where('y + 1.2e-300^64')?.slice(0, 3)).toEqual(['CompileError', 4, 11]);
    expect(where('y + 1.2e-500^64')?.slice(0, 3)).toEqual(['MathSyntaxError', 4, 8]);
    expect(where('y + 1e4096')).toEqual(['MathSyntaxError', 4, 6, 'number too large to be exact: at most 400 digits']);
  });
  it("paper mode's refusals inside a function call underline the call", () => {
    expect(where('1 + abs(x)', 'paper')?.slice(0, 3)).toEqual(['CompileError', 4, 6]);
    expect(where('x*tan(pi/2)', 'paper')?.slice(0, 3)).toEqual(['CompileError', 2, 9]);
  });
  it('an AST input (no text) is refused at offset 0', () => {
    expect(() => compile(parseMath('1/0'))).toThrow(CompileError);
  });
});

describe('budgets', () => {
  it('too many parts: refused with the count and a hint', () => {
    const text = Array.from({ length: COMPILE_LIMITS.maxMathNodes / 2 + 1 }, () => 'x').join('+');
    expect(() => compile(text)).toThrow(/over the compiler's limit/);
  });
  it('too long: refused before parsing, at the first byte past the limit', () => {
    const text = 'x+'.repeat(COMPILE_LIMITS.maxInputBytes);
    const r = attempt(text, 'compact', false);
    expect(r.ok).toBe(false);
    expect((r as { error: EmlSyntaxError }).error).toMatchObject({
      code: 'input-too-large',
      offset: COMPILE_LIMITS.maxInputBytes,
    });
    expect(r.ms).toBeLessThan(200);
  });
  it('a K that cannot be counted exactly is refused, quickly', () => {
    const r = attempt(nest('sin', 60), 'compact', false);
    expect(r.ok).toBe(false);
    expect((r as { error: CompileError }).error.reason).toBe('too-large');
  });
  it('paper mode: a sum whose canonical form is quadratic to build is refused by the work budget', () => {
    const text = Array.from({ length: 3000 }, (_, i) => `sin(${i + 1}x)`).join('+');
    const r = attempt(text, 'paper', false);
    expect(r.ok).toBe(false);
    expect((r as { error: CompileError }).error.reason).toBe('too-large');
    expect(r.ms).toBeLessThan(3000);
  });
  it('sin nested 24 deep: both modes compile (structural keys, no exponential strings)', () => {
    for (const mode of ['compact', 'paper'] as const) {
      const r = attempt(nest('sin', 24), mode, false);
      expect(r.ok).toBe(true);
      expect(r.ms).toBeLessThan(1000);
    }
  });
  it('every docs/constructions.md#k-table item fits the cheap paper budget, so compact ≤ paper keeps holding there', () => {
    for (const t of K_TABLE) {
      for (const clean of [false, true])
        expect(() => compilePaper(parseMath(t.input), clean, PAPER_CHEAP_BUDGET)).not.toThrow();
    }
  });
});

describe('compact constants are right beyond exp’s short-form range', () => {
  it.each([
    ['749', 749],
    ['1001', 1001],
    ['12345', 12345],
    ['-1001', -1001],
    ['3/1001', 3 / 1001],
    ['-3/1001', -3 / 1001],
    ['1e20', 1e20],
    ['1e300', 1e300],
    ['-2e300', -2e300],
    ['2^1000', 2 ** 1000],
  ])('%s', (text, value) => {
    for (const clean of [false, true]) {
      const v = evaluate(compile(text, { clean }).tree, {});
      expect(Math.abs(v.re - value) / Math.abs(value)).toBeLessThan(1e-9);
      expect(Math.abs(v.im) / Math.abs(value)).toBeLessThan(1e-9);
    }
  });
});
