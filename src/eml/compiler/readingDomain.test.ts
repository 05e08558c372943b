import { describe, expect, it } from 'vitest';
import { compile } from './compile.ts';
import { readingDomain } from './readingDomain.ts';

describe('what a tree computes, with its domain (issue 12)', () => {
  it('a shortest cosh tree typed as EML reads as cosh(x), valid only up to 5.9', () => {
    const r = readingDomain(compile('cosh(x)', { mode: 'shortest' }).tree)!;
    expect(r.formula).toBe('cosh(x)');
    expect(r.domain!.everywhere).toBe(false);
    expect(r.domain!.text).toMatch(/^equals cosh\(x\) for .*x ≤ 5\.(89|9)/);
  });
  it('a robust 1/(1 + x²) reads and holds on the whole scan', () => {
    const r = readingDomain(compile('1/(1 + x^2)').tree)!;
    expect(r.domain!.everywhere).toBe(true);
  });
});
