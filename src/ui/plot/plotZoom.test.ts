import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { zoomIdentity } from 'd3-zoom';
import { DEFAULT_GEOMETRY } from './plotData.ts';
import { pannedRange, RANGE_LIMIT, scaledRange, tidyRange, tooNarrow, zoomedRange } from './plotZoom.ts';

const g = DEFAULT_GEOMETRY;
const left = g.margin.left;
const right = g.width - g.margin.right;
const base = { xMin: -4, xMax: 4 };
/** The base range's value at a chart pixel. */
const valueAtPx = (p: number) => base.xMin + ((p - left) / (right - left)) * (base.xMax - base.xMin);

describe('plot zoom → x-range', () => {
  it('the identity transform shows the base range', () => {
    expect(zoomedRange(base, zoomIdentity, g)).toEqual(base);
  });

  it('zooming in by 2 about the centre of the chart halves the range about its centre', () => {
    const centre = (left + right) / 2;
    const t = zoomIdentity.translate(centre, 0).scale(2).translate(-centre, 0);
    expect(zoomedRange(base, t, g)).toEqual({ xMin: -2, xMax: 2 });
  });

  it('a drag of a quarter of the chart to the right shows smaller x by a quarter of the width', () => {
    const t = zoomIdentity.translate((right - left) / 4, 0);
    expect(zoomedRange(base, t, g)).toEqual({ xMin: -6, xMax: 2 });
  });

  it('ignores the transform along y (only x is zoomed)', () => {
    expect(zoomedRange(base, zoomIdentity.translate(0, 123), g)).toEqual(base);
  });

  it('keeps the value under the pointer where it was, for any pointer and scale', () => {
    fc.assert(
      fc.property(
        fc.double({ min: left, max: right, noNaN: true }),
        fc.double({ min: 0.2, max: 20, noNaN: true }),
        (p, k) => {
          const t = zoomIdentity.translate(p, 0).scale(k).translate(-p, 0);
          const r = zoomedRange(base, t, g)!;
          const under = r.xMin + ((p - left) / (right - left)) * (r.xMax - r.xMin);
          // Rounded to 5 significant digits of the width, so equal up to that.
          expect(Math.abs(under - valueAtPx(p))).toBeLessThanOrEqual((r.xMax - r.xMin) * 1e-4);
          expect((base.xMax - base.xMin) / (r.xMax - r.xMin)).toBeCloseTo(k, 2);
        },
      ),
    );
  });

  it('rounds to 5 significant digits of the width, so the share link stays short', () => {
    expect(tidyRange(-1.234567891, 2.345678912)).toEqual({ xMin: -1.2346, xMax: 2.3457 });
    expect(tidyRange(1000.123456, 1000.223456)).toEqual({ xMin: 1000.12346, xMax: 1000.22346 });
  });

  it('refuses ranges the range fields refuse: beyond ±1e15, too narrow, reversed or not finite', () => {
    expect(tidyRange(-2 * RANGE_LIMIT, 0)).toBeNull();
    expect(tidyRange(1, 1 + 1e-12)).toBeNull();
    expect(tooNarrow(1, 1 + 1e-12)).toBe(true);
    expect(tidyRange(2, 1)).toBeNull();
    expect(tidyRange(0, Infinity)).toBeNull();
    expect(zoomedRange(base, zoomIdentity.scale(1e-16), g)).toBeNull();
  });

  it('the keys: + zooms by a factor about the centre, − back out, arrows pan by a fraction of the width', () => {
    expect(scaledRange(base, 2)).toEqual({ xMin: -2, xMax: 2 });
    expect(scaledRange({ xMin: -2, xMax: 2 }, 0.5)).toEqual(base);
    expect(scaledRange(base, 2, 4)).toEqual({ xMin: 0, xMax: 4 });
    expect(pannedRange(base, 0.1)).toEqual({ xMin: -3.2, xMax: 4.8 });
    expect(pannedRange(base, -0.25)).toEqual({ xMin: -6, xMax: 2 });
  });
});
