import { describe, expect, it } from 'vitest';
import { printMathematica } from '../syntax/print.ts';
import { compile } from './compile.ts';
import reference from './fixtures/ref-compiler-dev.json' with { type: 'json' };

/**
 * Issue 12: paper mode is the reference compiler's text, character for character. The fixture is
 * the development data of the reference compiler: eml_compiler_v4.py's output (plain and with the clean negation) for 18
 * expressions, including the sum-ordering cases (sin(x) + cos(y), x³ − 2x + 1, 3x + 2y, sin(x)·cos(x)) that differed
 * before sums were folded in SymPy's sort_key order (sympySortKey.ts).
 */
const items = (reference as { items: Array<{ id: string; math: string; paper: string; paper_clean: string }> }).items;
const text = (input: string, clean: boolean) =>
  printMathematica(compile(input, { mode: 'paper', clean }).tree).replace(/ /g, '');

describe('paper mode is text-identical to eml_compiler_v4.py', () => {
  it('has the 18 development items', () => expect(items).toHaveLength(18));
  it.each(items.map((i) => [i.id, i]))('%s', (_id, item) => {
    expect(text(item.math, false)).toBe(item.paper);
    expect(text(item.math, true)).toBe(item.paper_clean);
  });
});
