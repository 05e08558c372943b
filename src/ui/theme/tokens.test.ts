import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DARK, LIGHT, PRESENT_DARK, PRESENT_LIGHT, SERIES, tokensCss, type Theme } from './tokens.ts';

/** WCAG 2.1 relative luminance and contrast ratio of two #rrggbb colours. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const THEMES: Record<string, Theme> = {
  light: LIGHT,
  dark: DARK,
  'light presenter': { ...LIGHT, ...PRESENT_LIGHT },
  'dark presenter': { ...DARK, ...PRESENT_DARK },
};

describe('design tokens', () => {
  for (const [name, t] of Object.entries(THEMES)) {
    it(`${name}: text ≥ 4.5:1 and controls ≥ 3:1 on the surface and on panels`, () => {
      for (const bg of [t.surface, t.panel]) {
        expect(contrast(t.text, bg)).toBeGreaterThanOrEqual(4.5);
        expect(contrast(t.muted, bg)).toBeGreaterThanOrEqual(4.5);
        expect(contrast(t.accent, bg)).toBeGreaterThanOrEqual(4.5); // links are accent-coloured text
        expect(contrast(t.bad, bg)).toBeGreaterThanOrEqual(4.5);
        expect(contrast(t.good, bg)).toBeGreaterThanOrEqual(4.5);
        expect(contrast(t.controlBorder, bg)).toBeGreaterThanOrEqual(3);
        expect(contrast(t.focus, bg)).toBeGreaterThanOrEqual(3);
      }
      expect(contrast(t.onAccent, t.accent)).toBeGreaterThanOrEqual(4.5); // the Play button's label
      expect(contrast(t.good, t.goodBg)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(t.bad, t.badBg)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(t.text, t.warnBg)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(t.text, t.litBg)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(t.blockInk, t.blockFill)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(t.text, t.leafFill)).toBeGreaterThanOrEqual(4.5);
    });
  }

  it('series colours read on the light and the dark panel (≥ 3:1), so drawings need no per-scheme palette', () => {
    for (const [name, c] of Object.entries(SERIES)) {
      expect(contrast(c, LIGHT.panel), `${name} on light`).toBeGreaterThanOrEqual(3);
      expect(contrast(c, DARK.panel), `${name} on dark`).toBeGreaterThanOrEqual(3);
    }
  });

  it('writes every token as a custom property, with one dark-mode block', () => {
    const css = tokensCss();
    expect(css).toContain('--text: #1b2430;');
    expect(css).toContain('--on-accent: #0b1420;');
    expect(css).toContain('--series-re:');
    expect(css.match(/prefers-color-scheme: dark/g)).toHaveLength(1);
  });
});

/** Every style sheet of the app. */
function sheets(dir = 'src'): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sheets(p) : p.endsWith('.css') ? [p] : [];
  });
}

/** Rule selectors of a sheet, each with the at-rule it sits in ('' at top level). */
function rules(css: string): { context: string; selector: string }[] {
  const out: { context: string; selector: string }[] = [];
  const stack: string[] = [];
  let buf = '';
  for (const ch of css.replace(/\/\*[\s\S]*?\*\//g, '')) {
    if (ch === '{') {
      const head = buf.trim().replace(/\s+/g, ' ');
      buf = '';
      if (head.startsWith('@')) stack.push(head);
      else {
        for (const sel of head.split(',')) out.push({ context: stack.join(' '), selector: sel.trim() });
        stack.push('{rule}');
      }
    } else if (ch === '}') {
      stack.pop();
      buf = '';
    } else if (ch === ';' && stack.at(-1) === '{rule}') buf = '';
    else buf += ch;
  }
  return out;
}

describe('style sheets', () => {
  const files = sheets();
  it('are found', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
  });

  it('hold no colour literals and no dark-mode block of their own: colours are the tokens', () => {
    for (const f of files) {
      const css = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
      expect(css, f).not.toMatch(/#[0-9a-fA-F]{3,8}\b|\brgba?\(|\bhsla?\(/);
      expect(css, f).not.toMatch(/prefers-color-scheme/);
    }
  });

  it('set no selector twice in the same context, across all sheets', () => {
    const seen = new Map<string, string>();
    const dups: string[] = [];
    for (const f of files) {
      for (const { context, selector } of rules(readFileSync(f, 'utf8'))) {
        const key = `${context} ${selector}`;
        if (seen.has(key)) dups.push(`${selector} (${context || 'top level'}) in ${seen.get(key)} and ${f}`);
        else seen.set(key, f);
      }
    }
    expect(dups).toEqual([]);
  });
});
