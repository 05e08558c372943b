import { describe, expect, it } from 'vitest';
import { EmlSyntaxError, checkInputSize, formatBytes, lineColumn } from './errors.ts';
import { parseEml } from './detect.ts';

function thrown(f: () => unknown): EmlSyntaxError {
  try {
    f();
  } catch (e) {
    if (e instanceof EmlSyntaxError) return e;
    throw e;
  }
  throw new Error('expected an EmlSyntaxError');
}

describe('EmlSyntaxError', () => {
  it('computes 1-based line and column from the offset', () => {
    const source = 'eml(1,\n  x y)';
    const e = new EmlSyntaxError({ code: 'missing-closer', message: 'm', offset: 11 }, source);
    expect([e.offset, e.line, e.column, e.length]).toEqual([11, 2, 5, 1]);
    expect(lineColumn('a\r\nb', 3)).toEqual({ line: 2, column: 1 });
    expect(lineColumn('\nx', 0)).toEqual({ line: 1, column: 1 });
  });

  it('formats the position, the source line with a caret, and the hint', () => {
    const e = thrown(() => parseEml('eml(1 1)'));
    expect(e.format('eml(1 1)')).toBe(
      [
        "line 1, column 7: expected ',' after the first argument of eml",
        '  eml(1 1)',
        '        ^',
        'hint: separate the two arguments with a comma',
      ].join('\n'),
    );
  });

  it('underlines the whole span, on the right line, keeping tabs and dropping \\r', () => {
    const source = 'EML[1,\r\n\tfoo(x)]';
    const e = thrown(() => parseEml(source));
    expect(e.code).toBe('unknown-function');
    expect([e.line, e.column, e.length]).toEqual([2, 2, 3]);
    expect(e.format(source).split('\n').slice(1, 3)).toEqual(['  \tfoo(x)]', '  \t^^^']);
  });

  it('points one past the end when the input ends early', () => {
    const e = new EmlSyntaxError({ code: 'unclosed-bracket', message: 'm', offset: 3, length: 5 }, 'abc');
    expect(e.format('abc').split('\n').slice(1, 3)).toEqual(['  abc', '     ^']);
  });

  it('shows a window of a very long line instead of the whole line', () => {
    const source = 'x '.repeat(5000) + '#' + ' y'.repeat(5000);
    const e = thrown(() => parseEml(source));
    const [, text, caret] = e.format(source).split('\n');
    expect(text.length).toBeLessThan(100);
    expect(text.startsWith('  …') && text.endsWith('…')).toBe(true);
    expect(text[caret.indexOf('^')]).toBe('#');
  });

  it('omits the hint line when there is no hint', () => {
    const e = new EmlSyntaxError({ code: 'trailing-input', message: 'm', offset: 0 }, 'x');
    expect(e.format('x')).toBe('line 1, column 1: m\n  x\n  ^');
  });
});

describe('input size limit', () => {
  it('rejects input over the default 1 MB before parsing, with a clear message', () => {
    const source = '1 '.repeat(600_000);
    const e = thrown(() => parseEml(source));
    expect(e.code).toBe('input-too-large');
    expect(e.message).toBe('expression too long: 1.2 MB, at most 1 MB');
    expect(e.hint).toBe('shorten the text to at most 1 MB; the limit keeps parsing and every view responsive');
    expect(e.offset).toBe(1_000_000);
  });

  it('counts UTF-8 bytes, not characters', () => {
    expect(() => checkInputSize('é'.repeat(10), { maxInputBytes: 20 })).not.toThrow();
    const e = thrown(() => checkInputSize('é'.repeat(11), { maxInputBytes: 20 }));
    expect(e.message).toBe('expression too long: 22 bytes, at most 20 bytes');
    expect(e.offset).toBe(10);
    expect(() => checkInputSize('😀'.repeat(5), { maxInputBytes: 20 })).not.toThrow();
    expect(thrown(() => checkInputSize('x😀'.repeat(5), { maxInputBytes: 20 })).offset).toBe(12);
  });

  it('honours a raised limit, and says the exact size when rounding would hide the excess', () => {
    const source = 'x'.repeat(1_000_001);
    expect(thrown(() => checkInputSize(source)).message).toBe('expression too long: 1000001 bytes, at most 1 MB');
    expect(() => checkInputSize(source, { maxInputBytes: 2_000_000 })).not.toThrow();
  });

  it('formats sizes in decimal units', () => {
    expect([formatBytes(999), formatBytes(1_500), formatBytes(1_000_000), formatBytes(1_234_567)]).toEqual([
      '999 bytes',
      '1.5 kB',
      '1 MB',
      '1.2 MB',
    ]);
  });
});
