/**
 * Inputs the fuzz suite (src/eml/fuzz) found breaking the compiler, in every mode and clean setting: each compiles
 * (its lazy paperK and domain readable) or is refused with a typed, positioned CompileError, within a node budget
 * that an exponential blow-up cannot meet (structural, not timed: Vitest's test timeout is the net for a hang).
 *
 * - sin nested 20–30 deep hung for minutes in robust mode (and took seconds in shortest): paper-mode sum ordering
 *   compared SymPy sort keys item by item, walking the shared key DAG as an unfolded tree (sympySortKey.ts).
 * - Robust mode's comparison with paper mode and the lazy domain scanned trees with K under the scan limit but
 *   thousands of distinct nodes and hundreds of edges for seconds (a sum of 30 sines: 5 s); both now stop at a work
 *   budget (scanGrid.ts SCAN_WORK_BUDGET) and say so (checked: false; domain null).
 * - Four inputs overflowed the stack: sin/cos of a sum whose negation re-sorts to lead with a minus again (e/2 − x/2
 *   ↔ −e/2 + x/2) made sFn's odd/even sign extraction recurse forever (sfunctions.ts).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CompileError } from '../math/errors.ts';
import { compile, COMPILE_MODES } from './compile.ts';
import { measureDomain } from './domains.ts';
import { withScanBudget } from './scanGrid.ts';

const nest = (f: string, n: number) => `${f}(`.repeat(n) + 'x' + ')'.repeat(n);

const STACK_OVERFLOWS = [
  'sin(avg(e, -(x)))',
  'avg(sigmoid((log(3/7, 0.000000000000000000001))+(y)), cos(constructor))',
  'asinh(((i)-((10)/(log(10, y))))/(0.000000000000000000001))',
  'cosh(y*i*hypot(tanh(1e-21), 0) - sqrt(.5))',
];
const DEEP = [nest('sin', 20), nest('sin', 24), nest('sin', 30)];

/**
 * The eml nodes one compile (with its paperK and domain) may build. These inputs build far fewer; the failures
 * walked unfolded DAGs or recursed without end. The fuzz run (`npm run fuzz`) holds each operation to 2 s.
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

function outcome(text: string, mode: (typeof COMPILE_MODES)[number], clean: boolean): 'ok' | 'typed' {
  try {
    const c = compile(text, { mode, clean });
    expect(c.tree.k).toBe(c.k);
    void c.paperK;
    void c.domain;
    return 'ok';
  } catch (e) {
    expect(e, `${mode}${clean ? ' clean' : ''}: ${String(e)}`).toBeInstanceOf(CompileError);
    const err = e as CompileError;
    expect(err.offset, err.message).toBeGreaterThanOrEqual(0);
    expect(err.offset! + err.length!, err.message).toBeLessThanOrEqual(text.length);
    return 'typed';
  }
}

describe('fuzz-found inputs compile or are refused, typed and quickly, in every mode', () => {
  for (const text of [...STACK_OVERFLOWS, ...DEEP]) {
    it(
      text.length > 50 ? `${text.slice(0, 50)}…` : text,
      () => {
        for (const mode of COMPILE_MODES) {
          for (const clean of [false, true]) {
            built.nodes = 0;
            outcome(text, mode, clean);
            expect(built.nodes, `${mode}${clean ? ' clean' : ''}`).toBeLessThan(NODE_BUDGET);
          }
        }
      },
      60_000,
    );
  }

  it('the sign-extraction inputs compile in the short modes (the loop was a bug, not a limit)', () => {
    for (const text of STACK_OVERFLOWS) {
      for (const mode of ['robust', 'shortest'] as const)
        expect(outcome(text, mode, false), `${mode}: ${text}`).toBe('ok');
    }
    // sin of a sum that leads with a minus either way: paper mode keeps it as written and compiles.
    expect(outcome('sin(avg(e, -(x)))', 'paper', false)).toBe('ok');
  });

  it('deep sin compiles in robust mode, unchecked beyond the scan limit, and says so', () => {
    const c = compile(nest('sin', 24));
    expect(c.mode).toBe('robust');
    expect(c.robust).toEqual({ source: 'robust', checked: false });
    expect(c.domain).toBeNull();
    expect(c.paperK).toBeGreaterThan(c.k);
  });

  it('a robust check over the scan work budget is abandoned and reported unchecked', () => {
    const sines = Array.from({ length: 30 }, (_, i) => `sin(${i + 1}*x+y)`).join('+');
    const c = compile(sines);
    // The check stopped at its work budget (checked: false), having built a bounded number of nodes.
    expect(c.robust).toEqual({ source: 'robust', checked: false });
    expect(built.nodes).toBeGreaterThan(0);
    expect(built.nodes).toBeLessThan(NODE_BUDGET);
    // The same tree's domain, with a budget far too small for it: not measured (null), not a partial claim.
    const small = compile('x^3 - 2*x + 1');
    const within = withScanBudget<ReturnType<typeof measureDomain> | 'over'>(
      () => measureDomain(small.tree, small.math, small.variables, small.text),
      () => 'over' as const,
      1_000,
    );
    expect(within).toBe('over');
    expect(measureDomain(small.tree, small.math, small.variables, small.text)?.lines).toHaveLength(1);
  }, 60_000);
});
