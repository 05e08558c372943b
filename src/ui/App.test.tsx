// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_DOCUMENT } from '../store/document.ts';
import { useAutosaveStatus } from '../store/persistence.ts';
import { usePlayground } from '../store/store.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Views made to fail on demand: a render-time exception, as a hostile input used to cause. */
const failing = vi.hoisted(() => ({ plot: false, expression: false }));
vi.mock('./plot/PlotView.tsx', async (original) => {
  const real = await original<typeof import('./plot/PlotView.tsx')>();
  return {
    ...real,
    PlotView: () => {
      if (failing.plot) throw new RangeError('ticks of a subnormal range');
      return real.PlotView();
    },
  };
});
vi.mock('./ExpressionPanel.tsx', async (original) => {
  const real = await original<typeof import('./ExpressionPanel.tsx')>();
  return {
    ...real,
    ExpressionPanel: () => {
      if (failing.expression && usePlayground.getState().draft.includes('boom'))
        throw new Error('the Expression view broke');
      return real.ExpressionPanel();
    },
  };
});
// The other screens are not rendered on the playground route; mocking them keeps the test light.
vi.mock('./cockpit/CockpitView.tsx', () => ({ CockpitView: () => null }));
vi.mock('./tour/TourView.tsx', () => ({ TourView: () => null }));

const { App } = await import('./App.tsx');

let host: HTMLDivElement;
let root: Root;
beforeEach(() => {
  failing.plot = false;
  failing.expression = false;
  usePlayground.getState().boot({ ...DEFAULT_DOCUMENT, text: 'eml(x, 1)', inputKind: 'eml' }, 'eml(x, 1)');
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
  vi.restoreAllMocks();
  useAutosaveStatus.setState({ problem: null, message: null });
});

const region = (name: string) => host.querySelector(`[aria-label="${name}"]`);
const button = (within: Element, name: string) =>
  [...within.querySelectorAll('button')].find((b) => b.textContent === name);
const expressionBox = () =>
  host.querySelector('textarea[aria-label="Expression"], textarea.expression-input') as HTMLTextAreaElement;

describe('<App /> boundaries', () => {
  it('a failing Plot shows its failure in place; the Expression, Formula and Tree keep working', () => {
    failing.plot = true;
    act(() => root.render(<App notice={null} />));
    const failed = region('Plot (failed)')!;
    expect(failed).not.toBeNull();
    expect(failed.textContent).toContain('ticks of a subnormal range');
    expect(button(failed, 'Reset this view')).toBeDefined();
    expect(button(failed, 'Copy report')).toBeDefined();
    expect(expressionBox().value).toBe('eml(x, 1)');
    expect(host.querySelector('[data-testid="metric-k"]')?.textContent).toBe('3');
    expect(host.querySelector('svg[role="tree"]')).not.toBeNull();
    // Reset after the cause is gone brings the view back.
    failing.plot = false;
    act(() => button(failed, 'Reset this view')!.click());
    expect(region('Plot')).not.toBeNull();
    expect(region('Plot (failed)')).toBeNull();
  });

  it('a new document gives a failed view a fresh try (resetKey)', () => {
    failing.plot = true;
    act(() => root.render(<App notice={null} />));
    expect(region('Plot (failed)')).not.toBeNull();
    failing.plot = false;
    act(() => usePlayground.getState().load({ ...usePlayground.getState().doc, text: 'eml(1, x)' }));
    expect(region('Plot (failed)')).toBeNull();
  });

  it('a failing Expression view still shows the user’s text in an editable box, and an edit retries the view', () => {
    failing.expression = true;
    act(() => root.render(<App notice={null} />));
    act(() => usePlayground.getState().setDraft('boom(x'));
    expect(region('Expression (failed)')).not.toBeNull();
    const box = expressionBox();
    expect(box.value).toBe('boom(x');
    act(() => usePlayground.getState().setDraft('eml(x, x)'));
    expect(region('Expression (failed)')).toBeNull();
    expect(expressionBox().value).toBe('eml(x, x)');
  });

  it('the start-up notice offers the saved state as text with copy and download', () => {
    act(() =>
      root.render(
        <App
          notice="The app did not finish starting last time."
          recovery={[{ source: 'autosave', text: '{"doc":1}' }]}
        />,
      ),
    );
    const notice = host.querySelector('[aria-label="Start-up notice"]')!;
    expect(notice.textContent).toContain('did not finish starting');
    expect((notice.querySelector('textarea') as HTMLTextAreaElement).value).toBe('{"doc":1}');
    expect((notice.querySelector('textarea') as HTMLTextAreaElement).readOnly).toBe(true);
    expect(button(notice, 'Copy')).toBeDefined();
    expect(button(notice, 'Download')).toBeDefined();
  });

  it('a failed autosave is shown with a download of the work', () => {
    act(() => root.render(<App notice={null} />));
    expect(host.textContent).not.toContain('Autosave failed');
    act(() =>
      useAutosaveStatus.setState({
        problem: 'storage-full',
        message: 'Autosave failed: the browser’s storage is full.',
      }),
    );
    const status = host.querySelector('.autosave-status')!;
    expect(status.getAttribute('role')).toBe('status');
    expect(status.textContent).toContain('storage is full');
    expect(button(status, 'Download your work')).toBeDefined();
  });
});
