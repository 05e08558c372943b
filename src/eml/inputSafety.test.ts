/**
 * readInput is the safety net every view reads user text through: it never throws. Root causes are fixed in the
 * compiler; this checks the net itself by making the compiler fail in ways no budget foresaw.
 */
import { describe, expect, it, vi } from 'vitest';
import * as compiler from './compiler/compile.ts';
import { readInput } from './input.ts';
import { CompileError } from './math/errors.ts';

vi.mock('./compiler/compile.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('./compiler/compile.ts')>();
  return { ...original, compile: vi.fn(original.compile) };
});

const math = { kind: 'math', compileMode: 'compact', clean: false } as const;

describe('readInput never throws', () => {
  it('an unexpected exception becomes an internal CompileError over the whole input, with a report hint', () => {
    for (const thrown of [
      new RangeError('Maximum call stack size exceeded'),
      new TypeError('x is undefined'),
      'a string',
      null,
    ]) {
      vi.mocked(compiler.compile).mockImplementationOnce(() => {
        throw thrown;
      });
      const r = readInput('sin(x) + 1', math);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.kind).toBe('math');
      expect(r.error).toBeInstanceOf(CompileError);
      expect((r.error as CompileError).reason).toBe('internal');
      expect(r.error.message).toMatch(/^internal error while compiling: /);
      expect(r.error).toMatchObject({ offset: 0, length: 10, line: 1, column: 1 });
      expect(r.error.hint).toMatch(/report/);
    }
  });

  it('a very long thrown message is quoted only in part', () => {
    vi.mocked(compiler.compile).mockImplementationOnce(() => {
      throw new Error('y'.repeat(100_000));
    });
    const r = readInput('x+1', math);
    expect(!r.ok && r.error.message.length).toBeLessThan(300);
  });

  it('the quoted inputs of issue 18 read without throwing, as trees or positioned errors', () => {
    for (const text of [
      '0*x',
      'x*0',
      '0x',
      '0 sin(x)',
      'sqrt(1e999)',
      '2^(10^10)',
      '1e-400^1e-400',
      '1e4096',
      '1.2e-500^64',
    ]) {
      for (const kind of ['auto', 'math', 'eml'] as const) {
        for (const compileMode of ['compact', 'paper'] as const) {
          const r = readInput(text, { kind, compileMode, clean: false });
          if (!r.ok) expect(r.error.offset + r.error.length).toBeLessThanOrEqual(text.length);
        }
      }
    }
    expect(readInput('0*x', math)).toMatchObject({ ok: true });
  });
});
