import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate/interpreter.ts';
import { compile } from './compile.ts';
import { departureAt } from './departure.ts';

describe('a value outside the validity domain is flagged (issue 12)', () => {
  it('shortest cosh at x = 6 departs (0 where cosh 6 = 201.7); at x = 5 and in robust mode it does not', () => {
    const c = compile('cosh(x)', { mode: 'shortest' });
    const at = (x: number, tree = c.tree) => departureAt(evaluate(tree, { x }), c.math, c.variables, x, 0);
    expect(at(6)!.re).toBeCloseTo(Math.cosh(6), 10);
    expect(at(5)).toBeNull();
    expect(at(6, compile('cosh(x)').tree)).toBeNull();
  });
  it('is silent where the function is undefined (ln at 0)', () => {
    const c = compile('ln(x)');
    expect(departureAt(evaluate(c.tree, { x: 0 }), c.math, c.variables, 0, 0)).toBeNull();
  });
});
