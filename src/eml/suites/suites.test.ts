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
      // Robust mode also checks its candidates against the paper tree on ~450 points per line (robust.ts).
      expect(r.compileMs).toBeLessThan(mode === 'robust' ? 600 : 200);
    });
  }
});
