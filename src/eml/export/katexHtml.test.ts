import { describe, expect, it } from 'vitest';
import { katexHtml, MAX_TEX_LENGTH, MAX_TEX_NESTING, texOverBudget } from './katexHtml.ts';

describe('katexHtml', () => {
  it('typesets ordinary formulas', () => {
    const html = katexHtml('\\frac{x}{2} + \\sin\\left(y\\right)', true);
    expect(html).toContain('class="katex');
    expect(html).not.toContain('katex-fallback');
  });

  it('refuses TeX over the length budget without calling KaTeX, quoting a bounded, escaped excerpt', () => {
    const tex = 'x + '.repeat(MAX_TEX_LENGTH) + '<script>';
    const html = katexHtml(tex, true);
    expect(html).toContain('katex-fallback');
    expect(html).toContain(`${tex.length} characters of TeX, at most ${MAX_TEX_LENGTH}`);
    expect(html.length).toBeLessThan(1_000);
    expect(html).not.toContain('<script>');
  });

  it('refuses nesting that would overflow KaTeX’s recursive parser (1 000 nested \\frac threw a RangeError)', () => {
    const deep = '\\frac{1}{'.repeat(600) + 'x' + '}'.repeat(600);
    expect(deep.length).toBeLessThan(MAX_TEX_LENGTH); // within the length budget: only the nesting refuses it
    expect(texOverBudget(deep)).toMatch(/too deeply nested to typeset \(600 levels/);
    expect(katexHtml(deep, true)).toContain('katex-fallback');
  });

  it('counts \\left…\\right pairs as nesting but not \\leftarrow or escaped braces', () => {
    const n = MAX_TEX_NESTING + 1;
    expect(texOverBudget('\\left('.repeat(n) + 'x' + '\\right)'.repeat(n))).toMatch(/201 levels/);
    expect(texOverBudget('\\leftarrow '.repeat(n))).toBeNull();
    expect(texOverBudget('\\{'.repeat(n))).toBeNull();
    expect(texOverBudget('{'.repeat(MAX_TEX_NESTING) + '}'.repeat(MAX_TEX_NESTING))).toBeNull();
  });

  it('never throws, whatever the text', () => {
    for (const tex of [
      '\\',
      '{',
      '}',
      '\\frac',
      '^^^',
      '\\left(',
      '\\def\\a{\\a}\\a',
      '\\href{javascript:alert(1)}{x}',
      '\u0000',
    ]) {
      expect(() => katexHtml(tex, false)).not.toThrow();
      expect(katexHtml(tex, false)).not.toContain('href="javascript');
    }
  });
});
