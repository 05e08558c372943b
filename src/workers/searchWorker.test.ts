import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchCommand, SearchEvent, SearchProblemSpec } from './protocol.ts';
import { decodeReport } from './reportWire.ts';

/** The worker module runs on `self`; here `self` is a scope whose replies are collected. */
const replies: SearchEvent[] = [];
const scope = {
  postMessage: (m: SearchEvent) => replies.push(m),
  onmessage: null as ((e: { data: SearchCommand }) => void) | null,
};
let paretoScores: (rows: ReadonlyArray<{ k: number; train: { rmse: number } }>) => number[];

beforeAll(async () => {
  (globalThis as { self?: unknown }).self = scope;
  ({ paretoScores } = await import('./searchWorker.ts'));
});

const table = [
  'x,y',
  ...Array.from({ length: 30 }, (_, i) => {
    const x = 0.5 + (3.5 * i) / 29;
    return `${x.toPrecision(6)},${(Math.exp(x) - 1).toPrecision(6)}`;
  }),
].join('\n');
const spec: SearchProblemSpec = {
  text: table,
  target: '2',
  inputs: ['1'],
  validationFraction: 0.2,
  splitSeed: 1,
  noise: null,
};
const send = (cmd: SearchCommand) => {
  replies.length = 0;
  scope.onmessage!({ data: cmd });
  return [...replies];
};

describe('the search worker', () => {
  it('searches its shard with progress, then finishes the candidates into a typeset, plotted report', () => {
    const out = send({
      type: 'search-start',
      id: 1,
      problem: spec,
      budgetMs: 3000,
      seed: 1,
      shard: { index: 0, count: 1 },
    });
    const done = out.find((m) => m.type === 'search-done');
    expect(done?.type === 'search-done' && done.candidates.length).toBeGreaterThan(0);
    expect(out.filter((m) => m.type === 'search-progress').length).toBeGreaterThanOrEqual(1);
    if (done?.type !== 'search-done') return;
    const fin = send({
      type: 'search-finish',
      id: 2,
      problem: spec,
      candidates: done.candidates,
      seed: 1,
      budgetMs: 3000,
    });
    const rep = fin[0];
    expect(rep.type).toBe('search-report');
    if (rep.type !== 'search-report') return;
    // Each row's tree travels encoded; the page prints its text from it.
    expect(rep.report.pareto.every((r) => r.tree.nodes instanceof Int32Array)).toBe(true);
    expect(rep.report.best).toBe(rep.bestIndex);
    const report = decodeReport(rep.report);
    expect(report.best.verdict).toBe('exact');
    expect(report.best.formula).toMatch(/exp\(x\) - 1/);
    expect(report.best.tree).toMatch(/^eml\(/);
    expect(rep.html).toHaveLength(report.pareto.length);
    expect(rep.html[rep.bestIndex]).toContain('katex');
    expect(rep.plot.pred).toHaveLength(report.pareto.length);
    expect(rep.plot.y.length).toBe(30);
    expect(rep.plot.grid?.x.length).toBe(200);
    // The chosen formula's values at the data points are the data, to their 6 digits.
    const pred = rep.plot.pred[rep.bestIndex];
    rep.plot.y.forEach((y, i) => expect(Math.abs(pred[i] - y)).toBeLessThan(1e-4 * Math.max(1, Math.abs(y))));
  }, 60_000);

  it('re-measures formulas from a link and says when the table cannot be read', () => {
    const out = send({
      type: 'search-replot',
      id: 3,
      problem: spec,
      formulas: [
        {
          expr: {
            t: 'bin',
            op: 'sub',
            a: { t: 'un', op: 'exp', a: { t: 'var', i: 0 } },
            b: { t: 'num', value: 1, text: '1' },
          },
          params: [],
          latex: 'e^x - 1',
        },
      ],
    });
    expect(out[0].type === 'search-replotted' && out[0].rmse[0]).toBeLessThan(1e-4);
    const bad = send({
      type: 'search-start',
      id: 4,
      problem: { ...spec, target: '7' },
      budgetMs: 100,
      seed: 1,
      shard: { index: 0, count: 1 },
    });
    expect(bad[0].type === 'search-error' && bad[0].message).toMatch(/"7" is not a column/);
  });

  it('scores the front as PySR does: the loss drop per unit of K from the previous row', () => {
    const s = paretoScores([
      { k: 3, train: { rmse: 1 } },
      { k: 5, train: { rmse: Math.exp(-1) } },
      { k: 9, train: { rmse: Math.exp(-1) } },
    ]);
    expect(Number.isNaN(s[0])).toBe(true);
    expect(s[1]).toBeCloseTo(1, 12);
    expect(s[2]).toBeCloseTo(0, 12);
  });
});
