// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { PlaneLegend } from './PlaneLegend.tsx';
import type { Semantics } from '../../eml/evaluate/semantics.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function legendText(semantics: Semantics): { note: string | null; text: string } {
  const host = document.createElement('div');
  const root = createRoot(host);
  act(() => root.render(<PlaneLegend renderer="cpu" semantics={semantics} />));
  const note = host.querySelector('.plane-semantics')?.textContent ?? null;
  const text = host.textContent ?? '';
  act(() => root.unmount());
  return { note, text };
}

describe('<PlaneLegend /> and the document’s semantics', () => {
  it('says nothing extra under the complex semantics, which is what the plane draws', () => {
    expect(legendText('complex').note).toBeNull();
  });

  it('says that the plane draws the complex principal branch when the document is real, extended or finite only', () => {
    const real = legendText('real-extended').note;
    expect(real).toMatch(/“real, extended”/);
    expect(real).toMatch(/draws the complex principal branch/);
    expect(real).toMatch(/NaN/);
    const finite = legendText('finite').note;
    expect(finite).toMatch(/“finite only”/);
    expect(finite).toMatch(/draws the complex principal branch/);
  });
});
