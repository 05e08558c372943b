// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_DOCUMENT } from '../store/document.ts';
import { usePlayground } from '../store/store.ts';
import { PLOT_MAX_DISTINCT, STAGE_ABOVE_K } from './budgets.ts';
import { FormulaPanel } from './FormulaPanel.tsx';
import { PlotView } from './plot/PlotView.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** eml(eml(…eml(x, 1)…, 1), 1): K = 2·depth + 1, all nodes distinct. */
const chain = (depth: number) => `${'eml('.repeat(depth)}x${', 1)'.repeat(depth)}`;

let host: HTMLDivElement;
let root: Root;
beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

const open = (text: string) =>
  act(() => usePlayground.getState().boot({ ...DEFAULT_DOCUMENT, text, inputKind: 'eml' }, text));

describe('view budgets', () => {
  it('a small tree is shown in the input’s own render', () => {
    open('eml(x, 1)');
    act(() => root.render(<FormulaPanel />));
    expect(host.querySelector('[data-testid="metric-k"]')?.textContent).toBe('3');
  });

  it('a large tree first shows K and depth, then the formula panel in a later task', async () => {
    const depth = Math.ceil(STAGE_ABOVE_K / 2) + 10;
    open(chain(depth));
    act(() => root.render(<FormulaPanel />));
    expect(host.textContent).toContain(`A large tree (K = ${2 * depth + 1}, depth ${depth})`);
    expect(host.querySelector('[data-testid="metric-k"]')).toBeNull();
    await vi.waitFor(() =>
      expect(host.querySelector('[data-testid="metric-k"]')?.textContent).toBe(String(2 * depth + 1)),
    );
  });

  it('a tree over the plot’s budget says so instead of sampling it', async () => {
    const depth = PLOT_MAX_DISTINCT; // 2·depth + 1 distinct nodes
    open(chain(depth));
    act(() => root.render(<PlotView />));
    await vi.waitFor(() => expect(host.textContent).toContain('Too large to plot'));
    expect(host.querySelector('svg')).toBeNull();
    // Back to a small tree: the curve returns.
    open('eml(x, 1)');
    await vi.waitFor(() => expect(host.querySelector('svg')).not.toBeNull());
  });
});
