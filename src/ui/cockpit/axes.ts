/**
 * Plot axes that cannot fail on any finite data. d3's `ticks()` throws "Invalid array length" when the domain is
 * subnormal (x from 1e−320 to 2e−319: the tick step underflows), and a linear scale over [−1e308, 1e308] maps to NaN
 * (hi − lo overflows). Both happened during render and blanked the page, so every cockpit axis goes through here:
 * d3's nice ticks when they are sane, otherwise the domain's ends as ticks and an overflow-free mapping.
 */
import { scaleLinear, scaleLog } from 'd3-scale';

export interface Axis {
  domain: [number, number];
  ticks: number[];
  /** Data value → pixel; finite for every finite input (far-off values are clamped to ±1e4 px). */
  map: (v: number) => number;
}

const MAX_TICKS = 20;
const PX_LIMIT = 1e4;

/** Smallest and largest finite value over the arrays, or null when there is none. */
export function finiteExtent(...arrays: ArrayLike<number>[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : null;
}

/** A non-empty finite domain around [lo, hi]: equal ends are widened (by half their size, or by 1 near zero). */
export function padDomain(lo: number, hi: number): [number, number] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (lo < hi) return [lo, hi];
  const pad = Math.abs(lo) >= 1e-290 ? Math.abs(lo) / 2 : 1;
  return [Math.max(-Number.MAX_VALUE, lo - pad), Math.min(Number.MAX_VALUE, lo + pad)];
}

/** d3 answers `undefined` for NaN input: anything not a number lands on 0 (undrawn lines skip it anyway). */
const clampPx = (p: number | undefined) =>
  typeof p === 'number' && !Number.isNaN(p) ? Math.max(-PX_LIMIT, Math.min(PX_LIMIT, p)) : 0;

/** (v − lo)/(hi − lo) without overflow: when hi − lo is not finite, both sides are halved first. */
function affine(lo: number, hi: number, r0: number, r1: number): (v: number) => number {
  const span = hi - lo;
  if (Number.isFinite(span) && span > 0) return (v) => clampPx(r0 + ((v - lo) / span) * (r1 - r0));
  const a = lo / 2;
  const half = hi / 2 - a;
  return (v) => clampPx(r0 + ((v / 2 - a) / half) * (r1 - r0));
}

const saneTicks = (t: number[], lo: number, hi: number) =>
  t.length >= 2 && t.length <= MAX_TICKS && t.every((v) => Number.isFinite(v) && v >= lo && v <= hi);

/** A linear axis over data [lo, hi] drawn on the pixel range [r0, r1]. */
export function linearAxis(lo: number, hi: number, r0: number, r1: number, count = 5): Axis {
  const [a, b] = padDomain(lo, hi);
  try {
    const s = scaleLinear().domain([a, b]).nice(count);
    const [na, nb] = s.domain() as [number, number];
    if (Number.isFinite(nb - na) && nb > na) {
      const ticks = s.ticks(count);
      if (saneTicks(ticks, na, nb)) return { domain: [na, nb], ticks, map: affine(na, nb, r0, r1) };
    }
  } catch {
    // Subnormal or otherwise degenerate for d3's tick arithmetic: fall through to the ends.
  }
  return { domain: [a, b], ticks: [a, b], map: affine(a, b, r0, r1) };
}

/** A log axis for positive values in [lo, hi] (clamped to [1e−300, 1e300]); ticks are whole decades. */
export function logAxis(lo: number, hi: number, r0: number, r1: number, maxLabels = 6): Axis & { decades: number[] } {
  // Infinity is "very large" (1e300), NaN or ≤ 0 means "no value"; the domain always spans at least one decade.
  const b = Math.min(1e300, Math.max(1e-299, hi > 0 ? hi : 1));
  const a = Math.min(b / 10, Math.max(1e-300, lo > 0 && Number.isFinite(lo) ? lo : Math.min(1e-6, b / 10)));
  const s = scaleLog().domain([a, b]).range([r0, r1]).clamp(true);
  let decades: number[] = [];
  try {
    const first = Math.ceil(Math.log10(a));
    const last = Math.floor(Math.log10(b));
    const every = Math.max(1, Math.ceil((last - first + 1) / maxLabels));
    for (let d = first; d <= last; d += every) decades.push(10 ** d);
  } catch {
    decades = [];
  }
  return { domain: [a, b], ticks: decades, decades, map: (v) => clampPx(s(Math.min(b, Math.max(a, v)))) };
}

/** A tick label: short, and never a 20-digit float artefact. */
export function tickLabel(t: number): string {
  if (!Number.isFinite(t)) return String(t);
  if (t !== 0 && (Math.abs(t) >= 1e6 || Math.abs(t) < 1e-4)) return t.toExponential(2);
  return String(Number(t.toPrecision(6)));
}

/** The loss chart's y-range: how far above the bulk of the values a point may lie before it counts as a spike. */
export const SPIKE_DECADES = 6;
const LOSS_FLOOR = 1e-32;

export interface LossDomain {
  lo: number;
  hi: number;
  /** True when some finite or infinite value lies above `hi` (drawn at the top edge, marked as clipped). */
  clipped: boolean;
}

/**
 * The y-range of a log-scale loss chart. Non-finite and non-positive values are ignored (a NaN step is a gap; ∞
 * is clipped). Spikes — values more than SPIKE_DECADES decades above the 90th percentile of all values — do not
 * stretch the axis: one 1e40 point among losses of 1e−3…1e2 would otherwise flatten the useful range to a line.
 * They are clipped to the top edge instead, and `clipped` says so. Tiny values stop at 1e−32.
 */
export function lossDomain(arrays: readonly ArrayLike<number>[]): LossDomain {
  const logs: number[] = [];
  let clipped = false;
  for (const a of arrays)
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (v === Infinity) clipped = true;
      else if (v > 0 && Number.isFinite(v)) logs.push(Math.log10(Math.max(LOSS_FLOOR, v)));
    }
  if (logs.length === 0) return { lo: 1e-6, hi: 1, clipped };
  logs.sort((a, b) => a - b);
  const q90 = logs[Math.min(logs.length - 1, Math.floor(0.9 * logs.length))];
  const cap = q90 + SPIKE_DECADES;
  let top = logs[0];
  for (const l of logs) {
    if (l > cap) clipped = true;
    else top = l;
  }
  return { lo: 10 ** logs[0], hi: 10 ** top, clipped };
}
