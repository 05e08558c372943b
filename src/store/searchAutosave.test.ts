import { describe, expect, it } from 'vitest';
import type { FormulaResult } from '../fit/search/report.ts';
import { sessionJson } from './fitPersistence.ts';
import { restoreSession } from './fitRestore.ts';
import { useFit } from './fitStore.ts';
import type { SearchResult } from './searchSlice.ts';

const row: FormulaResult = {
  tree: 'eml(1, eml(eml(1, x), 1))',
  formula: 'ln(x)',
  latex: '\\ln x',
  k: 7,
  depth: 3,
  constants: [],
  verdict: 'exact',
  train: { r2: 1, rmse: 1e-7, maxError: 2e-7 },
  validation: { r2: NaN, rmse: 1e-7, maxError: 2e-7 },
  rmse: 1e-7,
  withinPrecision: 1,
  noiseRms: 0,
  fresh: { points: 10, maxRelError: 1e-15, pass: true },
  expr: { t: 'un', op: 'ln', a: { t: 'var', i: 0 } },
  params: [],
};
const result: SearchResult = {
  report: { best: row, pareto: [row], precision: { source: 'digits', outputDigits: 6, noise: null }, noise: null },
  bestIndex: 0,
  html: ['<b>x</b>'],
  scores: [NaN],
  plot: {
    vars: ['x'],
    target: 'y',
    x: [Float64Array.of(1)],
    y: Float64Array.of(0),
    nTrain: 1,
    pred: [Float64Array.of(0)],
    grid: null,
  },
  warnings: [],
  evaluated: 10,
  stopped: 'target',
  seconds: 1,
  workers: 1,
  seed: 3,
  budgetS: 5,
  noise: null,
  origin: 'run',
};

describe('the autosave keeps the last finished formula search', () => {
  it('saves it in the link form (no plot values, no HTML) and restores it checked', () => {
    useFit.setState({ search: { status: 'done', live: null, result, selected: 0, message: null, rejudging: false } });
    const json = sessionJson();
    expect(json).not.toContain('<b>x</b>');
    const { session, problems } = restoreSession(JSON.parse(json));
    expect(problems).toEqual([]);
    expect(session.search?.report.best.formula).toBe('ln(x)');
    expect(Number.isNaN(session.search?.report.best.validation.r2)).toBe(true);
    expect(session.search?.seed).toBe(3);
  });

  it('a running search is not saved, and a damaged saved result is named and dropped', () => {
    useFit.setState({
      search: { status: 'running', live: null, result, selected: 0, message: null, rejudging: false },
    });
    expect(JSON.parse(sessionJson()).search).toBeUndefined();
    const { session, problems } = restoreSession({ v: 1, search: { pareto: 'lots' } });
    expect(session.search).toBeNull();
    expect(problems[0]).toMatch(/^the formula search result \(the search result has no Pareto front/);
  });
});
