// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it, vi } from 'vitest';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

vi.mock('../eml/export/katexHtml.ts', () => ({
  katexHtml: (tex: string) => {
    if (tex.includes('\\frac')) throw new RangeError('Maximum call stack size exceeded');
    return `<span class="katex">${tex}</span>`;
  },
}));
const { Katex } = await import('./Katex.tsx');

describe('<Katex />', () => {
  it('a typesetting failure shows a bounded, escaped excerpt of the source instead of throwing', () => {
    const host = document.createElement('div');
    const root = createRoot(host);
    const tex = `\\frac{<img src=x onerror=alert(1)>}{${'1'.repeat(5000)}}`;
    act(() => root.render(<Katex tex={tex} display />));
    const code = host.querySelector('code.katex-failed')!;
    expect(code).not.toBeNull();
    expect(code.getAttribute('title')).toContain('Maximum call stack');
    expect(code.textContent!.length).toBeLessThanOrEqual(201);
    expect(host.querySelector('img')).toBeNull();
    act(() => root.render(<Katex tex="x^2" />));
    expect(host.querySelector('.katex')?.textContent).toBe('x^2');
    act(() => root.unmount());
  });
});
