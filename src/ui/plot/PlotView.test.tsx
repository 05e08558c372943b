// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { usePlayground } from '../../store/store.ts';
import { PlotView } from './PlotView.tsx';
import { displayNumber, rangeError } from './plotFormat.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let host: HTMLDivElement;
let root: Root;
const load = (text: string, extra: Record<string, unknown> = {}) =>
  act(() =>
    usePlayground
      .getState()
      .load({ ...usePlayground.getState().doc, text, inputKind: 'auto', x: 2, y: 3, xMin: -4, xMax: 4, ...extra }),
  );

beforeEach(() => {
  load('EML[1,EML[EML[1,x],1]]');
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root.render(<PlotView />));
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

const region = () => host.querySelector('section[aria-label="Plot"]')!;
const input = (label: string) => {
  const l = [...host.querySelectorAll('label')].find((e) => e.textContent === label)!;
  return document.getElementById(l.htmlFor) as HTMLInputElement;
};
/** Set a controlled input's value the way a user's typing does (React listens to the native setter). */
function type(el: HTMLInputElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  act(() => {
    setter.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('<PlotView />', () => {
  it('draws Re and Im of ln x with a legend, axes and an accessible summary', () => {
    const svg = region().querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.querySelector('title')!.textContent).toMatch(/real and imaginary parts/);
    expect(svg.querySelector('desc')!.textContent).toMatch(
      /x from −4 to 4, 1001 samples.*Re f\(x\) from .*1 sample points are flagged/,
    );
    expect(svg.querySelector('path[data-series="re"]')!.getAttribute('d')).toMatch(/^M/);
    expect(svg.querySelector('path[data-series="im"]')).not.toBeNull();
    expect(svg.querySelector('path[data-series="ref-re"]')).toBeNull(); // EML input: no reference
    expect([...svg.querySelectorAll('.plot-legend text')].map((t) => t.textContent)).toEqual([
      'Re f(x)',
      'Im f(x)',
      'flagged',
    ]);
    expect(svg.querySelectorAll('.plot-axes text').length).toBeGreaterThan(8);
    // The redraw's compute time for perf:playground: present and a plain non-negative number (its value is timing).
    expect(svg.getAttribute('data-compute-ms')).toMatch(/^\d+(\.\d+)?$/);
    // ln uses no y: only the x slider.
    expect(input('x').type).toBe('range');
    expect([...host.querySelectorAll('label')].some((l) => l.textContent === 'y')).toBe(false);
    expect(host.querySelector('[data-testid="plot-readout"]')!.textContent).toMatch(
      /^f\(2\) = 0\.693147180\d* \+ 0 i$/,
    );
  });

  it('overlays the reference function for ordinary math and shows a y slider when y is used', () => {
    load('x*y + 1');
    const svg = region().querySelector('svg')!;
    expect(svg.querySelector('path[data-series="ref-re"]')).not.toBeNull();
    expect([...svg.querySelectorAll('.plot-legend text')].map((t) => t.textContent)).toContain('Re reference');
    expect(input('y').type).toBe('range');
    expect(host.querySelector('[data-testid="plot-readout"]')!.textContent).toMatch(/^f\(2, 3\) = 7/);
  });

  it('validates the range fields and applies them on Enter', () => {
    const from = input('x from');
    type(from, 'abc');
    expect(from.getAttribute('aria-invalid')).toBe('true');
    expect(host.querySelector('.plot-range-error')!.textContent).toBe('x from must be a number');
    type(from, '5');
    expect(host.querySelector('.plot-range-error')!.textContent).toBe('x from must be less than x to');
    act(() => void from.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    expect(usePlayground.getState().doc.xMin).toBe(-4); // not applied
    type(from, '0.5');
    expect(from.getAttribute('aria-invalid')).toBe('false');
    act(() => void from.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    expect(usePlayground.getState().doc.xMin).toBe(0.5);
    expect(region().querySelector('desc')!.textContent).toMatch(/x from 0\.5 to 4/);
  });

  it('moves x transiently while dragging and commits one undoable step on release', () => {
    const slider = input('x');
    const pastBefore = usePlayground.getState().past.length;
    type(slider, '1');
    type(slider, '-1');
    expect(usePlayground.getState().doc.x).toBe(-1);
    expect(usePlayground.getState().past.length).toBe(pastBefore);
    act(() => void slider.dispatchEvent(new Event('pointerup', { bubbles: true })));
    expect(usePlayground.getState().past.length).toBe(pastBefore + 1);
    act(() => usePlayground.getState().undo());
    expect(usePlayground.getState().doc.x).toBe(2);
  });
});

describe('range validation and number formatting', () => {
  it('explains what is wrong', () => {
    expect(rangeError('-4', '4')).toEqual({ from: null, to: null });
    expect(rangeError('', '4').from).toMatch(/must be a number/);
    expect(rangeError('-4', 'Infinity').to).toMatch(/between/);
    expect(rangeError('1', '1').from).toMatch(/less than/);
    expect(rangeError('1', '1.0000000000001').from).toMatch(/too narrow/);
  });
  it('formats signed zeros, infinities and large values', () => {
    expect(displayNumber(-0)).toBe('−0');
    expect(displayNumber(-Infinity)).toBe('−∞');
    expect(displayNumber(1.5e20)).toBe('1.50000e+20');
    expect(displayNumber(-2.5)).toBe('−2.5');
  });
});
