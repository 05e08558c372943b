import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate/interpreter.ts';
import { compile, type CompileMode } from './compile.ts';
import { departureCause, departureWithCause } from './departureCause.ts';

/**
 * Issue 12: a departure names the first failing node and what happened there, from the per-node flags (overflow,
 * ln 0, NaN), exp underflow, and the 2πi slip of ln(exp b) past |Im b| < π.
 */
function at(input: string, mode: CompileMode, x: number, y = 0) {
  const c = compile(input, { mode });
  return departureWithCause(c.tree, evaluate(c.tree, { x, y }), c.math, c.variables, x, y);
}

describe('the first failing node of a departure', () => {
  it('shortest cosh at x = 6: the short sum’s exp(e − 2eˣ) underflows', () => {
    const d = at('cosh(x)', 'shortest', 6)!;
    expect(d.truth.re).toBeCloseTo(Math.cosh(6), 10);
    expect(d.cause).toMatchObject({ kind: 'underflow', certain: true, reading: 'exp(e - 2*exp(x))' });
    expect(d.cause!.message).toMatch(
      /^first failing node [LR]+ = exp\(e - 2\*exp\(x\)\): exp underflow: exp\(-804\.139\) is 0/,
    );
    // The path leads to the named node.
    let n = compile('cosh(x)', { mode: 'shortest' }).tree;
    for (const step of d.cause!.path) n = n.kind === 'eml' ? (step === 'L' ? n.left : n.right) : n;
    expect(n).toBe(d.cause!.node);
  });

  it('shortest 1/(1 + (15x)²) at x = 2: exp(225x²) overflows; paper tanh at 400: exp(2x) overflows', () => {
    expect(at('1/(1 + (15*x)^2)', 'shortest', 2)!.cause).toMatchObject({ kind: 'overflow', reading: 'exp(225*x^2)' });
    const tanh = at('tanh(x)', 'paper', 400)!.cause!;
    expect(tanh).toMatchObject({ kind: 'overflow', reading: 'exp(2*x)' });
    expect(tanh.detail).toContain('exp(800) overflows float64');
  });

  it.each([['robust'], ['paper'], ['shortest']] as const)('%s x + y at y = 4i: the 2πi slip at the root', (mode) => {
    const c = compile('x + y', { mode });
    const cause = departureCause(c.tree, { x: 1, y: { re: 0, im: 4 } })!;
    expect(cause).toMatchObject({ kind: 'wrap', path: '', certain: true });
    expect(cause.detail).toContain(mode === 'shortest' ? '|Im(x + y)| = 4' : '|Im(y)| = 4');
    // Inside the condition nothing fails.
    expect(departureCause(c.tree, { x: 1, y: { re: 0, im: 2 } })).toBeNull();
  });

  it('no departure where the tree is right; a constant’s ln 0 (the −∞ of negation) is not a cause', () => {
    expect(at('cosh(x)', 'shortest', 5)).toBeNull();
    expect(at('cosh(x)', 'robust', 6)).toBeNull();
    const c = compile('-x', { mode: 'shortest' });
    expect(departureCause(c.tree, { x: 2 })).toBeNull();
  });
});
