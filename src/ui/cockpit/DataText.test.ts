/** The large-table excerpt reads only what it shows and bounds every line. */
import { describe, expect, it } from 'vitest';
import { textExcerpt } from './DataText.tsx';

describe('textExcerpt', () => {
  it('shows the first 12 lines, each cut to 120 characters with the line’s length', () => {
    const wide = Array.from({ length: 10_000 }, (_, j) => `c${j}`).join(',');
    const text = [wide, ...Array.from({ length: 100 }, (_, i) => `${i},${i}\r`)].join('\n');
    const lines = textExcerpt(text).split('\n');
    expect(lines).toHaveLength(12);
    expect(lines[0]).toBe(`${wide.slice(0, 120)}… (${wide.length.toLocaleString('en')} characters)`);
    expect(lines[1]).toBe('0,0');
    expect(lines[11]).toBe('10,10');
  });

  it('handles a single 1 MB line and empty text', () => {
    expect(textExcerpt('9'.repeat(1_000_000))).toBe(`${'9'.repeat(120)}… (1,000,000 characters)`);
    expect(textExcerpt('')).toBe('');
  });
});
