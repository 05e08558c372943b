/**
 * The plot's drawing, free of React and the DOM (d3-scale and d3-shape only build numbers and path strings): from
 * the samples of src/eml/evaluate/plotSampling.ts, choose a robust y-domain, the ticks and the flag bands, and build
 * the SVG paths. The view (PlotView.tsx) memoises each stage, so moving the x cursor recomputes nothing;
 * `npm run perf:playground` measures the compute time per redraw.
 */
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { PlotSamples, SampleRange } from '../../eml/evaluate/plotSampling.ts';

/** Quantiles the y-axis is clipped to when a few values are far larger than the rest (poles, overflow). */
const CLIP_QUANTILES: readonly [number, number] = [0.02, 0.98];

export interface PlotGeometry {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

export const DEFAULT_GEOMETRY: PlotGeometry = {
  width: 640,
  height: 320,
  margin: { top: 28, right: 16, bottom: 34, left: 60 },
};

export interface Tick {
  value: number;
  /** Pixel position along its axis. */
  pos: number;
  label: string;
}

export interface SeriesPaths {
  re: string | null;
  im: string | null;
  refRe: string | null;
  refIm: string | null;
}

export interface PlotLayout {
  geometry: PlotGeometry;
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  xTicks: Tick[];
  yTicks: Tick[];
  paths: SeriesPaths;
  /** Whether Im f(x) is anywhere nonzero (and the reference's, for its legend entry). */
  imNonZero: boolean;
  refImNonZero: boolean;
  /** Runs of flagged samples as pixel spans along x. */
  flagBands: Array<{ x0: number; x1: number; from: number; to: number }>;
  /** Runs of samples where the tree departs from its reference (outside its validity domain), same shape. */
  departBands: Array<{ x0: number; x1: number; from: number; to: number }>;
  yDomain: [number, number];
  /** Set when the y-axis was clipped to a quantile range: how many finite values lie outside it. */
  clipped: { lo: number; hi: number; outside: number } | null;
  /** No finite value at all. */
  empty: boolean;
  /** Text for the svg's <desc>. */
  summary: string;
}

/** Finite values of all series, sorted ascending. */
function finiteSorted(arrays: ReadonlyArray<Float64Array | null>): Float64Array {
  let count = 0;
  for (const a of arrays) if (a) for (let i = 0; i < a.length; i++) if (a[i] - a[i] === 0) count++;
  const out = new Float64Array(count);
  let k = 0;
  for (const a of arrays) if (a) for (let i = 0; i < a.length; i++) if (a[i] - a[i] === 0) out[k++] = a[i];
  return out.sort();
}

const quantile = (sorted: Float64Array, p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))];

/**
 * The y-domain: the full range of the finite values unless a few of them stretch it far beyond the bulk (a pole,
 * overflow near 1e308); then the 2nd–98th percentile range, with the outliers running off the plot.
 */
export function robustDomain(sorted: Float64Array): { domain: [number, number]; clipped: PlotLayout['clipped'] } {
  if (sorted.length === 0) return { domain: [-1, 1], clipped: null };
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  const lo = quantile(sorted, CLIP_QUANTILES[0]);
  const hi = quantile(sorted, CLIP_QUANTILES[1]);
  let domain: [number, number];
  let clipped: PlotLayout['clipped'] = null;
  const bulk = hi - lo;
  if (max - min <= 4 * bulk || (bulk === 0 && max - min === 0)) {
    domain = [min, max];
  } else {
    const pad = bulk === 0 ? Math.max(Math.abs(lo) * 0.1, 1) : bulk * 0.1;
    domain = [lo - pad, hi + pad];
    let outside = 0;
    for (let i = 0; i < sorted.length; i++) if (sorted[i] < domain[0] || sorted[i] > domain[1]) outside++;
    clipped = { lo: domain[0], hi: domain[1], outside };
  }
  if (domain[1] - domain[0] <= Math.abs(domain[0]) * 1e-12 || !(domain[1] > domain[0])) {
    // A constant: centre it in a unit (or relative) band.
    const c = domain[0];
    const half = Math.max(Math.abs(c) * 0.1, 1);
    domain = [c - half, c + half];
  }
  if (!Number.isFinite(domain[1] - domain[0])) domain = [Math.max(domain[0], -1e307), Math.min(domain[1], 1e307)];
  return { domain, clipped };
}

/** A number for the summary: 4 significant digits, a true minus sign. */
const fmt = (v: number) =>
  (Number.isFinite(v)
    ? (Math.abs(v) >= 1e-4 && Math.abs(v) < 1e6) || v === 0
      ? String(Number(v.toPrecision(4)))
      : v.toExponential(3)
    : String(v)
  ).replace(/-/g, '−');

function rangeOf(a: Float64Array | null): [number, number] | null {
  if (!a) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v - v === 0) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

function anyNonZero(a: Float64Array | null): boolean {
  if (!a) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== 0 && a[i] - a[i] === 0) return true;
  return false;
}

export function layoutPlot(
  samples: PlotSamples,
  range: SampleRange,
  geometry: PlotGeometry = DEFAULT_GEOMETRY,
): PlotLayout {
  const { width, height, margin } = geometry;
  const x = scaleLinear()
    .domain([range.xMin, range.xMax])
    .range([margin.left, width - margin.right]);
  const sorted = finiteSorted([samples.re, samples.im, samples.refRe, samples.refIm]);
  const { domain, clipped } = robustDomain(sorted);
  const y = scaleLinear()
    .domain(domain)
    .range([height - margin.bottom, margin.top]);
  if (!clipped) y.nice();
  const n = samples.n;
  const px = new Float64Array(n);
  for (let i = 0; i < n; i++) px[i] = x(samples.xs[i]);
  // Pixel ys are clamped so 1e300 does not reach the SVG renderer; the clip path hides what is off the plot.
  const lowPx = -10 * height;
  const highPx = 11 * height;
  const pathOf = (values: Float64Array | null): string | null => {
    if (!values) return null;
    const py = new Float64Array(n);
    let any = false;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v - v === 0) {
        const p = y(v);
        py[i] = p < lowPx ? lowPx : p > highPx ? highPx : p;
        any = true;
      } else py[i] = NaN;
    }
    if (!any) return null;
    const gen = line<number>()
      .defined((i) => !Number.isNaN(py[i]))
      .x((i) => px[i])
      .y((i) => py[i]);
    gen.digits(2);
    return gen(indices(n));
  };
  const imNonZero = anyNonZero(samples.im);
  const refImNonZero = anyNonZero(samples.refIm);
  const paths: SeriesPaths = {
    re: pathOf(samples.re),
    im: pathOf(samples.im),
    refRe: pathOf(samples.refRe),
    refIm: refImNonZero ? pathOf(samples.refIm) : null,
  };
  const half = n > 1 ? (px[1] - px[0]) / 2 : 1;
  const bandsOf = (marks: Uint8Array | null): PlotLayout['flagBands'] => {
    const bands: PlotLayout['flagBands'] = [];
    for (let i = 0; marks && i < n; i++) {
      if (marks[i] !== 1) continue;
      let j = i;
      while (j + 1 < n && marks[j + 1] === 1) j++;
      bands.push({ x0: px[i] - half, x1: px[j] + half, from: samples.xs[i], to: samples.xs[j] });
      i = j;
    }
    return bands;
  };
  const flagBands = bandsOf(samples.flagged);
  const departBands = bandsOf(samples.departs);
  const xTicks = x.ticks(8).map((v) => ({ value: v, pos: x(v), label: x.tickFormat(8)(v) }));
  const yFormat = y.tickFormat(6);
  const yTicks = y.ticks(6).map((v) => ({ value: v, pos: y(v), label: yFormat(v) }));

  const reRange = rangeOf(samples.re);
  const imRange = rangeOf(samples.im);
  const parts = [`Re f(x) ${reRange ? `from ${fmt(reRange[0])} to ${fmt(reRange[1])}` : 'has no finite value'}`];
  parts.push(
    imNonZero && imRange ? `Im f(x) from ${fmt(imRange[0])} to ${fmt(imRange[1])}` : 'Im f(x) is 0 wherever finite',
  );
  let summary = `Line chart of f over x from ${fmt(range.xMin)} to ${fmt(range.xMax)}, ${n} samples. ${parts.join('; ')}.`;
  if (samples.refRe) summary += ' Dashed: the reference function the tree was compiled from.';
  if (samples.departsCount > 0)
    summary += ` Shaded: ${samples.departsCount} sample points where the tree departs from the function it was compiled from (outside its validity domain in float64).`;
  if (samples.flaggedCount > 0)
    summary += ` ${samples.flaggedCount} sample points are flagged (${samples.nonFiniteCount} non-finite), marked along the x-axis.`;
  if (clipped)
    summary += ` The y-axis is clipped to the ${CLIP_QUANTILES[0] * 100}th–${CLIP_QUANTILES[1] * 100}th percentile range; ${clipped.outside} values lie outside it.`;
  return {
    geometry,
    x,
    y,
    xTicks,
    yTicks,
    paths,
    imNonZero,
    refImNonZero,
    flagBands,
    departBands,
    yDomain: y.domain() as [number, number],
    clipped,
    empty: sorted.length === 0,
    summary,
  };
}

let indexCache: number[] = [];
/** Indices 0 … n−1, shared by every path (the data d3's line iterates). */
function indices(n: number): number[] {
  if (indexCache.length !== n) indexCache = Array.from({ length: n }, (_, i) => i);
  return indexCache;
}
