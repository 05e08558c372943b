import { describe, expect, it } from 'vitest';
import { compile } from '../../eml/compiler/compile.ts';
import { preparePlot, samplePlot } from '../../eml/evaluate/plotSampling.ts';
import { layoutPlot } from './plotData.ts';

/** Issue 12: the plot shades where the tree departs from the function it was compiled from. */
describe('plot: where the tree departs from its function', () => {
  it('shortest cosh departs past x ≈ 5.9 (its stated domain), robust cosh nowhere on [−10, 10]', () => {
    const range = { xMin: -10, xMax: 10, y: 0, n: 201 };
    const shortest = compile('cosh(x)', { mode: 'shortest' });
    const s = samplePlot(preparePlot(shortest.tree, 'complex', shortest.math), range);
    const departedAt = Array.from(s.xs).filter((_, i) => s.departs![i] === 1);
    expect(departedAt.length).toBe(s.departsCount);
    // Wrong exactly beyond its measured domain's upper end (5.9): every sample above, none below.
    const hi = shortest.domain!.lines[0].intervals.at(-1)!.hi;
    expect(departedAt.every((x) => x > hi)).toBe(true);
    expect(Array.from(s.xs).filter((x) => x > hi + 0.1).length).toBeLessThanOrEqual(departedAt.length);
    const layout = layoutPlot(s, range);
    expect(layout.departBands).toHaveLength(1);
    expect(layout.departBands[0].to).toBe(10);
    expect(layout.summary).toMatch(/Shaded: \d+ sample points where the tree departs/);

    // The note names the first failing node at the first shaded sample: the short sum's exp(e − 2eˣ) underflows.
    expect(s.firstDeparture!.x).toBe(departedAt[0]);
    expect(s.firstDeparture!.cause).toMatchObject({ kind: 'underflow', reading: 'exp(e - 2*exp(x))' });

    const robust = compile('cosh(x)');
    const r = samplePlot(preparePlot(robust.tree, 'complex', robust.math), range);
    expect(r.departsCount).toBe(0);
    expect(r.firstDeparture).toBeNull();
    expect(layoutPlot(r, range).departBands).toEqual([]);
  });

  it('has no departure marks without a reference (a tree typed as EML)', () => {
    const c = compile('x + y', { mode: 'shortest' });
    const s = samplePlot(preparePlot(c.tree, 'complex'), { xMin: 0, xMax: 500, y: 400, n: 11 });
    expect(s.departs).toBeNull();
    expect(s.departsCount).toBe(0);
  });

  it('marks x + y at y = 400 in shortest mode where the short sum overflows', () => {
    const c = compile('x + y', { mode: 'shortest' });
    const s = samplePlot(preparePlot(c.tree, 'complex', c.math), { xMin: 0, xMax: 500, y: 400, n: 11 });
    expect(s.departs![0]).toBe(0); // 0 + 400 is right
    expect(s.departs![10]).toBe(1); // 500 + 400: ∞ where the sum is 900
  });
});
