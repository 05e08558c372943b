/**
 * The fuzz properties at a modest size for every `npm test` (`npm run fuzz` runs them at full size, timed): for
 * each input category, every generated input is handled (a value or a typed, positioned error) within a node
 * budget. Seeds are fixed so a failure reproduces; fast-check shrinks it to a small input before reporting.
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CATEGORIES, inputAt, runInput, Tally } from './harness.ts';
import { checkEmlText, checkMathText, assertTypedError, FuzzViolation } from './checks.ts';
import { CORPUS } from './arbitraries.ts';
import { EmlSyntaxError } from '../syntax/index.ts';

/**
 * Per-input work bound, structural rather than timed (a unit test on a shared machine asserts no time; `npm run
 * fuzz` holds every input to 2 s): the eml nodes the parsers, the compiler and the checks build for one input.
 * The inputs here build at most ~98 000 (`1e308` read as math, measured with this seed); an exponential blow-up
 * builds millions. A hang that builds nothing is caught by Vitest's test timeout.
 */
const NODE_BUDGET = 1_000_000;
const built = vi.hoisted(() => ({ nodes: 0 }));
vi.mock('../ast.ts', async (original) => {
  const real = await original<typeof import('../ast.ts')>();
  return { ...real, eml: (...a: Parameters<typeof real.eml>) => (built.nodes++, real.eml(...a)) };
});
beforeEach(() => {
  built.nodes = 0;
});
/** The nodes built since the last call, checked against the budget. */
function withinBudget(input: string): void {
  expect(built.nodes, input).toBeLessThan(NODE_BUDGET);
  built.nodes = 0;
}
const RUNS: Record<string, number> = { 'eml-text': 300, 'math-text': 120, 'eml-tree': 150, 'tree-json': 300 };

describe('fuzz: values or typed errors, within the node budget', () => {
  for (const category of CATEGORIES) {
    it(`${category.name} (${RUNS[category.name]} inputs)`, () => {
      fc.assert(
        fc.property(category.arbitrary, (input) => {
          const outcome = runInput(category, input, 0);
          expect(outcome.error, outcome.input).toBeUndefined();
          expect(['ok', 'typed']).toContain(outcome.kind);
          withinBudget(outcome.input);
        }),
        { numRuns: RUNS[category.name], seed: 18_2026 },
      );
    }, 120_000);
  }

  it('every corpus entry (the issue’s breaking inputs among them) as EML and as math', () => {
    for (const text of CORPUS) {
      for (const check of [checkEmlText, checkMathText]) {
        expect(['ok', 'typed'], text).toContain(check(text));
        withinBudget(text);
      }
    }
  }, 120_000);

  it('the node count sees the work (the bound can fail)', () => {
    built.nodes = 0;
    expect(['ok', 'typed']).toContain(checkMathText('x^2 + sin(x)'));
    expect(built.nodes).toBeGreaterThan(0);
    built.nodes = NODE_BUDGET;
    expect(() => withinBudget('over')).toThrow();
  });
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
