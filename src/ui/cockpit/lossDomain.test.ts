/**
 * The loss chart's y-range (axes.ts lossDomain): non-finite values never reach the axis, a spike far above the
 * bulk is clipped (and said to be) instead of stretching the axis, and an ordinary descent keeps its whole range.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lossDomain, SPIKE_DECADES } from './axes.ts';

const descent = (n: number, from: number, to: number) =>
  Array.from({ length: n }, (_, i) => 10 ** (from + ((to - from) * i) / (n - 1)));

describe('lossDomain', () => {
  it('spans an ordinary descent exactly, with nothing clipped', () => {
    const d = lossDomain([descent(100, 2, -3)]);
    expect(d.lo).toBeCloseTo(1e-3, 12);
    expect(d.hi).toBeCloseTo(100, 9);
    expect(d.clipped).toBe(false);
  });

  it('ignores NaN, zero and negative values; ∞ is clipped, not the top of the axis', () => {
    const d = lossDomain([[NaN, 0, -5, 0.5, Infinity, 2, NaN]]);
    expect(d.lo).toBe(0.5);
    expect(d.hi).toBe(2);
    expect(d.clipped).toBe(true);
  });

  it('clips spikes of 1e20–1e40 among losses of 1e−3…1e2 (the axis stays on the useful range)', () => {
    const losses = descent(200, 2, -3);
    losses[50] = 1e20;
    losses[120] = 1e40;
    const d = lossDomain([losses, descent(200, 1, -1)]);
    expect(d.hi).toBeLessThanOrEqual(100 * (1 + 1e-9));
    expect(d.lo).toBeCloseTo(1e-3, 12);
    expect(d.clipped).toBe(true);
  });

  it('keeps a value just inside the spike limit on the axis', () => {
    const bulk = Array.from({ length: 50 }, () => 1);
    const d = lossDomain([[...bulk, 10 ** (SPIKE_DECADES - 0.5)]]);
    expect(d.hi).toBeCloseTo(10 ** (SPIKE_DECADES - 0.5), 3);
    expect(d.clipped).toBe(false);
  });

  it('answers a default decade range when there is nothing to draw', () => {
    expect(lossDomain([])).toEqual({ lo: 1e-6, hi: 1, clipped: false });
    expect(lossDomain([[NaN, -1, 0]])).toEqual({ lo: 1e-6, hi: 1, clipped: false });
  });

  it('always gives 0 < lo ≤ hi < ∞, and never hides most of the values', () => {
    const value = fc.oneof(
      fc.double({ min: 1e-300, max: 1e300, noNaN: true }),
      fc.constantFrom(NaN, Infinity, -Infinity, 0, -1),
    );
    fc.assert(
      fc.property(fc.array(fc.array(value, { maxLength: 40 }), { maxLength: 5 }), (arrays) => {
        const d = lossDomain(arrays);
        expect(d.lo).toBeGreaterThan(0);
        expect(d.hi).toBeGreaterThanOrEqual(d.lo);
        expect(Number.isFinite(d.hi)).toBe(true);
        const finite = arrays.flat().filter((v) => v > 0 && Number.isFinite(v));
        const inside = finite.filter((v) => Math.max(1e-32, v) <= d.hi * (1 + 1e-12));
        // At least the 90 % below the percentile the limit is measured from stay on the axis.
        expect(inside.length).toBeGreaterThanOrEqual(Math.floor(0.9 * finite.length));
      }),
    );
  });
});
