import { describe, expect, it } from 'vitest';
import { DEFAULT_GENERATOR, readGenerator } from './generate.ts';

/** Generator specs arrive from links and autosaves: reading one keeps its own fields and refuses wrong types. */
describe('readGenerator', () => {
  it('keeps a valid spec and drops fields a spec does not have', () => {
    const read = readGenerator({ ...DEFAULT_GENERATOR, formula: 'x*y', inputs: 2, extra: '<script>' });
    expect(read).toEqual({ ...DEFAULT_GENERATOR, formula: 'x*y', inputs: 2 });
    expect(Object.keys(read as object)).not.toContain('extra');
  });

  it('refuses a non-object', () => {
    for (const raw of [null, 3, 'ln(x)', [DEFAULT_GENERATOR]])
      expect(readGenerator(raw)).toBe('the generator is missing');
  });

  it('refuses a wrongly typed field even where one input does not use it', () => {
    expect(readGenerator({ ...DEFAULT_GENERATOR, inputs: 1, yMin: '1' })).toBe('yMin is not a number');
    expect(readGenerator({ ...DEFAULT_GENERATOR, seed: undefined })).toBe('seed is not a number');
  });

  it('says what is wrong with a well-typed but invalid spec', () => {
    expect(readGenerator({ ...DEFAULT_GENERATOR, xMin: 3, xMax: 1 })).toMatch(/x range/);
    expect(readGenerator({ ...DEFAULT_GENERATOR, points: 1 })).toMatch(/Points/);
  });
});
