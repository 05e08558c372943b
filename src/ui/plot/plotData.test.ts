import { describe, expect, it } from 'vitest';
import { compile } from '../../eml/compiler/compile.ts';
import { trace } from '../../eml/evaluate/interpreter.ts';
import { parseEml } from '../../eml/syntax/index.ts';
import { PLOT_SAMPLES, preparePlot, samplePlot, valueAt } from '../../eml/evaluate/plotSampling.ts';
import { layoutPlot, robustDomain } from './plotData.ts';

const LN = parseEml('EML[1,EML[EML[1,x],1]]').tree;
const range = { xMin: -4, xMax: 4, y: 3 };

describe('plot sampling', () => {
  it('samples ln x over [−4, 4] with 1001 points, matching the interpreter, x = 0 included', () => {
    const model = preparePlot(LN, 'complex');
    const s = samplePlot(model, range);
    expect(s.n).toBe(PLOT_SAMPLES);
    expect(s.xs[0]).toBe(-4);
    expect(s.xs[500]).toBe(0);
    expect(s.xs[1000]).toBe(4);
    for (const i of [0, 100, 499, 500, 501, 999]) {
      const ref = trace(LN, { x: s.xs[i] }).value;
      expect(Object.is(s.re[i], ref.re) && Object.is(s.im[i], ref.im)).toBe(true);
    }
    // x = 0: ln 0 = −∞ is flagged; negatives have Im = π.
    expect(s.re[500]).toBe(-Infinity);
    expect(s.flagged[500]).toBe(1);
    expect(s.im[0]).toBeCloseTo(Math.PI, 15);
    expect(s.nonFiniteCount).toBe(1);
    const layout = layoutPlot(s, range);
    expect(layout.paths.re).toMatch(/^M/);
    expect(layout.paths.re!.split('M').length - 1).toBe(2); // a gap at x = 0
    expect(layout.imNonZero).toBe(true);
    expect(layout.flagBands).toHaveLength(1);
    expect(layout.flagBands[0].from).toBe(0);
    expect(layout.summary).toMatch(/1 sample points are flagged/);
  });

  it('overlays the reference function and uses the finite-only run for markers', () => {
    const compiled = compile('sqrt(x)');
    const model = preparePlot(compiled.tree, 'complex', compiled.math);
    const s = samplePlot(model, range);
    expect(s.refRe).not.toBeNull();
    for (const i of [0, 250, 600, 1000]) {
      expect(s.refRe![i]).toBeCloseTo(s.re[i], 9);
      expect(s.refIm![i]).toBeCloseTo(s.im[i], 9);
    }
    const layout = layoutPlot(s, range);
    expect(layout.paths.refRe).toMatch(/^M/);
    expect(layout.summary).toMatch(/reference/);
  });

  it('holds y at the slider value and other variables at 0', () => {
    const t = parseEml('EML[EML[1,EML[EML[1,x],1]],EML[y,1]]').tree; // x − y
    const model = preparePlot(t, 'complex');
    expect(model.usesY).toBe(true);
    const s = samplePlot(model, { xMin: 0, xMax: 10, y: 2.5, n: 11 });
    expect(s.re[4]).toBeCloseTo(4 - 2.5, 12);
    expect(valueAt(model, 7, 2.5).re).toBeCloseTo(4.5, 12);
    const z = preparePlot(parseEml('EML[z,1]').tree, 'complex');
    expect(z.heldAtZero).toEqual(['z']);
    expect(samplePlot(z, range).re[0]).toBe(1);
  });

  it('does not let a constant part through ln 0 flag every point (compiled −x)', () => {
    const t = compile('-x', { mode: 'paper' }).tree;
    const model = preparePlot(t, 'complex');
    expect(model.closedViolation).toBe(true);
    const s = samplePlot(model, range);
    expect(s.flaggedCount).toBe(s.nonFiniteCount);
    expect(s.flaggedCount).toBeLessThan(s.n);
  });

  it('clips the y-domain to a quantile range when a few values are huge', () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i / 50));
    values[500] = 1e300;
    values[501] = -1e300;
    const { domain, clipped } = robustDomain(values.sort());
    expect(clipped).not.toBeNull();
    expect(clipped!.outside).toBe(2);
    expect(domain[1]).toBeLessThan(2);
    expect(robustDomain(Float64Array.of(1, 2, 3)).clipped).toBeNull();
    expect(robustDomain(Float64Array.of(5, 5, 5)).domain).toEqual([4, 6]);
    expect(robustDomain(new Float64Array(0)).domain).toEqual([-1, 1]);
    const pole = preparePlot(compile('1/x').tree, 'complex');
    const layout = layoutPlot(samplePlot(pole, range), range);
    expect(layout.clipped).not.toBeNull();
    expect(layout.summary).toMatch(/clipped/);
  });
});
