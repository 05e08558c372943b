import { describe, expect, it } from 'vitest';
import { printMathematica } from '../syntax/print.ts';
import { compile } from './compile.ts';
import reference from './fixtures/ref-compiler-compositions.json' with { type: 'json' };

/**
 * Issue 12: paper mode is the reference compiler's text on compositions in general, products included (factors in
 * SymPy's Basic.compare order, sympyCompare.ts). The fixture is eml_compiler_v4.py's output, run unmodified under
 * SymPy 1.14, for 63 compositions written for this check (products, quotients, powers, nested functions, numbers);
 * an item the reference lowers differently says why in `differs`, and only those may differ.
 */
interface Item {
  math: string;
  paper: string;
  differs?: string;
}
const items = (reference as { items: Item[] }).items;
const text = (input: string) => printMathematica(compile(input, { mode: 'paper' }).tree).replace(/ /g, '');

describe('paper mode is text-identical to eml_compiler_v4.py on compositions', () => {
  it('has the 63 compositions, all but the documented ones identical', () => {
    expect(items).toHaveLength(63);
    expect(items.filter((i) => i.differs).map((i) => i.math)).toEqual(['cos(3*x + 1)']);
  });
  it.each(items.filter((i) => !i.differs).map((i) => [i.math, i]))('%s', (_math, item) => {
    expect(text(item.math)).toBe(item.paper);
  });
  it.each(items.filter((i) => i.differs).map((i) => [i.math, i]))('%s differs as documented', (_math, item) => {
    expect(text(item.math)).not.toBe(item.paper);
  });
});
