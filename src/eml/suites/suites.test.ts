import { describe, expect, it } from 'vitest';
import { BINARY_SUITE, grid, UNARY_SUITE } from './grids.ts';
import { verifyItem } from './verify.ts';

describe('suite grids (docs/semantics.md#numeric-grids)', () => {
  it('have the reference sizes', () => {
    const count = (name: string) => [...UNARY_SUITE, ...BINARY_SUITE].find((i) => i.name === name)!.points().x.length;
    expect(grid(-4, 4, 0.125)).toHaveLength(65);
    expect(count('Cos')).toBe(321);
    expect(count('Tan')).toBe(81);
    expect(count('ArcSinh')).toBe(129);
    expect(count('ArcTanh')).toBe(191);
    expect(count('ArcSin')).toBe(201);
    expect(count('Log')).toBe(64);
    expect(count('Plus')).toBe(1089);
    expect(count('Divide')).toBe(1056);
    expect(count('Power')).toBe(816);
    expect(count('Log') + count('Inv')).toBe(128);
    expect(BINARY_SUITE.find((i) => i.name === 'Log')!.points().x.length).toBe(240);
  });
});

describe('extended grids reach the stated domains', () => {
  it('robust cosh is checked out to its overflow at 354.9, shortest cosh only to 5.9', () => {
    const cosh = UNARY_SUITE.find((i) => i.name === 'Cosh')!;
    expect(verifyItem(cosh, { mode: 'robust' }).extended.maxAbsX).toBeGreaterThan(300);
    const shortest = verifyItem(cosh, { mode: 'shortest' }).extended;
    expect(shortest.maxAbsX).toBeGreaterThan(8);
    expect(shortest.maxAbsX).toBeLessThan(20);
  });
  it('the grids reach past |x| = 8 for every item whose robust tree is right there', () => {
    for (const item of [...UNARY_SUITE, ...BINARY_SUITE].filter(
      (i) => !['ArcTanh', 'ArcSin', 'ArcCos', 'Tan'].includes(i.name),
    ))
      // Hypot's x² + y² overflows its exp at |t| = 26.6 in robust and paper mode alike (the same tree).
      expect(verifyItem(item).extended.maxAbsX, item.name).toBeGreaterThan(item.name === 'Hypot' ? 25 : 100);
  });
});

describe.each([
  { mode: 'paper' as const, clean: false },
  { mode: 'shortest' as const, clean: false },
  { mode: 'robust' as const, clean: false },
  { mode: 'paper' as const, clean: true },
  { mode: 'shortest' as const, clean: true },
  { mode: 'robust' as const, clean: true },
])('suites in $mode mode (clean: $clean), complex semantics', ({ mode, clean }) => {
  for (const item of [...UNARY_SUITE, ...BINARY_SUITE]) {
    it(`${item.name}: within tolerance, finite everywhere (x = 0 included)`, () => {
      const r = verifyItem(item, { mode, clean });
      expect(r.nonFinite, JSON.stringify(r.worst)).toBe(0);
      expect(r.worstRatio, `max error ${r.maxError} at ${JSON.stringify(r.worst)}`).toBeLessThanOrEqual(1);
      // The reference is real: the imaginary residue is rounding (√ε-sized only at the asin/acos branch points).
      expect(r.maxImag).toBeLessThan(['ArcSin', 'ArcCos', 'Power', 'Hypot'].includes(item.name) ? 1e-7 : 1e-12);
      // Compile time per item is a measurement, not a test: `npm run bench` prints it.
      // Past the paper's grid: right on log-spaced points to |x| = 710 inside the tree's stated domain.
      expect(r.extended.wrong, JSON.stringify(r.extended.firstWrong)).toBe(0);
      expect(r.extended.samples).toBeGreaterThan(0);
    });
  }
});
