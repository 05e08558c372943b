/**
 * The fuzz properties at a modest size for every `npm test` (`npm run fuzz` runs them at full size): for each
 * input category, every generated input is handled (a value or a typed, positioned error) within the budget.
 * Seeds are fixed so a failure reproduces; fast-check shrinks it to a small input before reporting.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, inputAt, runInput, Tally } from './harness.ts';
import { checkEmlText, checkMathText, assertTypedError, FuzzViolation } from './checks.ts';
import { CORPUS } from './arbitraries.ts';
import { EmlSyntaxError } from '../syntax/index.ts';

/**
 * Per-input time budget. Typical inputs take a few milliseconds and the slowest ≈ 0.5 s; `npm run fuzz` holds
 * every input to 2 s. Here the machine may be running other suites at once (a load average of 15 on 2 cores made
 * 0.5 s inputs take over 2 s), so the budget only catches hangs and blow-ups, which take tens of seconds.
 */
const BUDGET_MS = 10_000;
const RUNS: Record<string, number> = { 'eml-text': 300, 'math-text': 120, 'eml-tree': 150, 'tree-json': 300 };

describe('fuzz: values or typed errors, within the budget', () => {
  for (const category of CATEGORIES) {
    it(`${category.name} (${RUNS[category.name]} inputs)`, () => {
      fc.assert(
        fc.property(category.arbitrary, (input) => {
          const outcome = runInput(category, input, 0);
          expect(outcome.error, outcome.input).toBeUndefined();
          expect(['ok', 'typed']).toContain(outcome.kind);
          expect(outcome.ms, outcome.input).toBeLessThan(BUDGET_MS);
        }),
        { numRuns: RUNS[category.name], seed: 18_2026 },
      );
    }, 120_000);
  }

  it('every corpus entry (the issue’s breaking inputs among them) as EML and as math', () => {
    for (const text of CORPUS) {
      for (const check of [checkEmlText, checkMathText]) {
        const t0 = performance.now();
        expect(['ok', 'typed'], text).toContain(check(text));
        expect(performance.now() - t0, text).toBeLessThan(BUDGET_MS);
      }
    }
  }, 120_000);
});

describe('the harness itself', () => {
  it('generates the same input for the same seed and index, and cycles through the categories', () => {
    const a = inputAt(5, 17);
    const b = inputAt(5, 17);
    expect(a.category.describe(a.input)).toBe(b.category.describe(b.input));
    expect(inputAt(5, 0).category.name).toBe(CATEGORIES[0].name);
    expect(inputAt(5, 1).category.name).toBe(CATEGORIES[1].name);
  });

  it('classifies untyped errors as uncaught, broken properties as violations, and tallies budgets', () => {
    const boom = {
      ...CATEGORIES[0],
      check: () => {
        throw new RangeError('Maximum call stack size exceeded');
      },
    };
    const bad = {
      ...CATEGORIES[0],
      check: () => {
        throw new FuzzViolation('round trip changed the tree');
      },
    };
    const tally = new Tally(1, 2, 0);
    const uncaught = runInput(boom, 'x', 0);
    const violation = runInput(bad, 'x', 1);
    expect(uncaught).toMatchObject({
      kind: 'uncaught',
      error: 'RangeError: Maximum call stack size exceeded',
      input: '"x"',
    });
    expect(violation).toMatchObject({ kind: 'violation', error: 'FuzzViolation: round trip changed the tree' });
    tally.add(uncaught);
    tally.add(violation);
    expect(tally.report.categories[CATEGORIES[0].name]).toMatchObject({ inputs: 2, uncaught: 1, violations: 1 });
    expect(tally.report.failures).toHaveLength(2);
    expect(tally.clean).toBe(false);
  });

  it('rejects typed errors that point outside the input or disagree with their line and column', () => {
    const source = 'ab\ncd';
    expect(() =>
      assertTypedError(new EmlSyntaxError({ code: 'trailing-input', message: 'm', offset: 4 }, source), source),
    ).not.toThrow();
    const elsewhere = new EmlSyntaxError({ code: 'trailing-input', message: 'm', offset: 4 }, 'abcdef');
    expect(() => assertTypedError(elsewhere, source)).toThrow(/offset is at line 2, column 2/);
    expect(() => assertTypedError(new TypeError('x'), source)).toThrow(TypeError);
  });
});
