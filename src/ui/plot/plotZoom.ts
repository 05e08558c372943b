/**
 * The plot's zoom as x-ranges of the document, free of React and the DOM. A zoom gesture is a d3-zoom transform
 * (scale k, shift x, in the chart's viewBox units) applied to the range the gesture started from; the visible range
 * is what the transformed chart shows between its left and right margins. The document keeps only that range, so a
 * zoom is saved, undone and shared like a range typed in the fields, and the curve is re-sampled over it (not
 * stretched), which keeps it sharp at any zoom.
 */
import type { PlotGeometry } from './plotData.ts';

export interface XRange {
  xMin: number;
  xMax: number;
}

/** The largest |x| the range fields accept; a zoom out stops there too. */
export const RANGE_LIMIT = 1e15;

/** Whether a range is narrower than float64 can sample evenly (the fields refuse it with the same test). */
export const tooNarrow = (a: number, b: number): boolean => b - a < 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * A zoomed range, rounded to 5 significant digits of its width so the document and its share link carry
 * `-1.2346`, not `-1.2345678901234`; null when it would leave the accepted ranges (too wide, too narrow, or not
 * finite), so the view keeps the last good one.
 */
export function tidyRange(a: number, b: number): XRange | null {
  if (!(Number.isFinite(a) && Number.isFinite(b) && a < b)) return null;
  const step = 10 ** (Math.floor(Math.log10(b - a)) - 4);
  const round = (v: number) => Number((Math.round(v / step) * step).toPrecision(12));
  const lo = round(a);
  const hi = round(b);
  if (!(Math.abs(lo) <= RANGE_LIMIT && Math.abs(hi) <= RANGE_LIMIT) || !(lo < hi) || tooNarrow(lo, hi)) return null;
  return { xMin: lo, xMax: hi };
}

/** The x-range a zoom transform shows, for a gesture that began on `base`. Only k and x count: y is not zoomed. */
export function zoomedRange(base: XRange, t: { k: number; x: number }, geometry: PlotGeometry): XRange | null {
  const left = geometry.margin.left;
  const right = geometry.width - geometry.margin.right;
  const perPx = (base.xMax - base.xMin) / (right - left);
  // The chart pixel p shows, after the transform, what the base chart showed at (p − t.x) / k.
  const valueAt = (p: number) => base.xMin + ((p - t.x) / t.k - left) * perPx;
  return tidyRange(valueAt(left), valueAt(right));
}

/** Zoom by `factor` (> 1 zooms in) about a point of the range, by default its centre: the keyboard's + and −. */
export function scaledRange(base: XRange, factor: number, about = (base.xMin + base.xMax) / 2): XRange | null {
  return tidyRange(about - (about - base.xMin) / factor, about + (base.xMax - about) / factor);
}

/** Shift by a fraction of the width (positive moves the view right, towards larger x): the arrow keys. */
export function pannedRange(base: XRange, fraction: number): XRange | null {
  const d = (base.xMax - base.xMin) * fraction;
  return tidyRange(base.xMin + d, base.xMax + d);
}
