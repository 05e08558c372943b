/**
 * Cockpit axes on hostile magnitudes: d3's ticks threw on subnormal domains and a linear scale over ±1e308 mapped to
 * NaN. Every case here must give finite, bounded ticks inside the domain and a finite pixel for every data value;
 * the scatter plot itself is rendered (server-side, no DOM) from tables read by the real pipeline.
 */
import { scaleLinear } from 'd3-scale';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { prepare } from '../../fit/prepare.ts';
import { finiteExtent, linearAxis, logAxis, padDomain, tickLabel } from './axes.ts';
import { Scatter } from './Scatter.tsx';

const CASES: Array<[string, number[]]> = [
  ['subnormal', Array.from({ length: 20 }, (_, i) => 1e-320 + i * 1e-320)],
  ['smallest subnormals', [5e-324, 1e-323, 1.5e-323]],
  ['±1e308', [-1e308, 0, 1e308]],
  ['near MAX_VALUE', [1.7e308, 1.79e308]],
  ['all equal', [3, 3, 3]],
  ['all equal huge', [1.7e308, 1.7e308]],
  ['all equal subnormal', [5e-324, 5e-324]],
  ['single', [-2.5]],
  ['zero', [0]],
  ['mixed signs tiny', [-1e-300, 1e-300]],
  ['ordinary', [0.5, 1, 4]],
];

describe('linearAxis', () => {
  for (const [name, values] of CASES) {
    it(`gives finite ticks and pixels for ${name}`, () => {
      const [lo, hi] = finiteExtent(values)!;
      const a = linearAxis(lo, hi, 50, 410);
      expect(a.domain[0]).toBeLessThan(a.domain[1]);
      expect(a.ticks.length).toBeGreaterThanOrEqual(2);
      expect(a.ticks.length).toBeLessThanOrEqual(20);
      for (const t of a.ticks) {
        expect(Number.isFinite(t)).toBe(true);
        expect(t >= a.domain[0] && t <= a.domain[1]).toBe(true);
        expect(Number.isFinite(a.map(t))).toBe(true);
        expect(tickLabel(t).length).toBeLessThan(16);
      }
      for (const v of values) {
        const px = a.map(v);
        expect(px).toBeGreaterThanOrEqual(50 - 1e-6);
        expect(px).toBeLessThanOrEqual(410 + 1e-6);
      }
    });
  }

  it('keeps d3’s nice ticks for ordinary data and orders the extremes of ±1e308 at the ends', () => {
    expect(linearAxis(0.5, 4, 0, 100).ticks).toEqual(scaleLinear().domain([0.5, 4]).nice(5).ticks(5));
    const a = linearAxis(-1e308, 1e308, 0, 100);
    expect(a.map(-1e308)).toBeCloseTo(0);
    expect(a.map(1e308)).toBeCloseTo(100);
    expect(a.map(0)).toBeCloseTo(50);
  });

  it('pads equal ends without overflow and ignores non-finite values', () => {
    expect(padDomain(1.7e308, 1.7e308)[1]).toBe(Number.MAX_VALUE);
    expect(padDomain(0, 0)).toEqual([-1, 1]);
    expect(finiteExtent([NaN, Infinity, 2, -Infinity, 1])).toEqual([1, 2]);
    expect(finiteExtent([NaN])).toBeNull();
  });
});

describe('logAxis', () => {
  it('bounds decades and pixels for extreme losses', () => {
    for (const [lo, hi] of [
      [1e-33, Infinity],
      [0, 0],
      [1e-320, 1e308],
      [NaN, NaN],
      [1e300, 1e308],
    ]) {
      const a = logAxis(lo, hi, 200, 10);
      expect(a.decades.length).toBeLessThanOrEqual(7);
      for (const d of a.decades) expect(Number.isFinite(a.map(d))).toBe(true);
      expect(Number.isFinite(a.map(hi))).toBe(true);
      expect(Number.isFinite(a.map(lo))).toBe(true);
    }
  });
});

describe('Scatter on hostile tables', () => {
  const csv = (xs: number[], ys: number[]) => ['x,f', ...xs.map((x, i) => `${x},${ys[i]}`)].join('\n');
  const tables: Record<string, string> = {
    subnormal: csv(
      Array.from({ length: 20 }, (_, i) => 1e-320 + i * 1e-320),
      Array.from({ length: 20 }, (_, i) => i),
    ),
    huge: csv([-1e308, -1e300, 0, 1e300, 1e308, 1.7e308], [1e308, -1e308, 0, 1, 2, 3]),
    'all equal': csv([1, 1, 1, 1, 1], [2, 2, 2, 2, 2]),
  };
  for (const [name, text] of Object.entries(tables)) {
    it(`renders ${name} data with finite coordinates`, () => {
      const p = prepare({
        text,
        header: 'auto',
        mapping: null,
        validation: 0.2,
        splitSeed: 1,
        sampleRows: 100_000,
        generator: null,
      });
      expect(p.ok).toBe(true);
      if (!p.ok) return;
      const html = renderToStaticMarkup(
        createElement(Scatter, { prepared: p, curve: { x: p.dataset.x[0], y: p.dataset.y } }),
      );
      expect(html).toContain('<svg');
      expect(html).not.toMatch(/NaN|Infinity/);
    });
  }
});
