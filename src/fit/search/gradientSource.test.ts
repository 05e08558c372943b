import { describe, expect, it } from 'vitest';
import { runSearch, type SearchProgress } from './search.ts';

describe('the generalised gradient model as a candidate source of the search', () => {
  const x = Float64Array.from({ length: 40 }, (_, i) => -2 + (4 * i) / 39);
  const data = { vars: ['x'], x: [x], y: Float64Array.from(x, (v) => Math.exp(v) - 1), n: 40 };
  // A clock that advances 1 ms per reading: the budget is counted in readings, so the test does not depend on speed.
  const clock = () => {
    let t = 0;
    return () => (t += 1);
  };

  it('trains between enumeration and mutation, reports progress while training, offers its snapped trees', () => {
    const phases = new Set<SearchProgress['phase']>();
    const out = runSearch(data, {
      budgetMs: 60_000,
      seed: 5,
      enumerateShare: 0.0001,
      generalShare: 0.5,
      // Within precision: the search winds down after a short grace (2 000 readings) once the law is in.
      targetMse: 1e-20,
      now: clock(),
      progressEveryMs: 1,
      onProgress: (p) => phases.add(p.phase),
    });
    expect(phases.has('gradient')).toBe(true);
    const trained = out.candidates.filter((c) => c.params !== undefined);
    expect(trained.length).toBeGreaterThan(0);
    // eˣ − 1 = eml(x, e): the depth-2 model finds it; its constants ride along for the final refit.
    expect(trained.some((c) => c.mse < 1e-20)).toBe(true);
    expect(out.stopped).toBe('target');
  }, 60_000);

  it('is off with generalShare 0', () => {
    const phases = new Set<SearchProgress['phase']>();
    const out = runSearch(data, {
      budgetMs: 2_000,
      seed: 5,
      enumerateShare: 0.0001,
      generalShare: 0,
      now: clock(),
      progressEveryMs: 1,
      onProgress: (p) => phases.add(p.phase),
    });
    expect(phases.has('gradient')).toBe(false);
    expect(out.candidates.every((c) => c.params === undefined)).toBe(true);
  });
});
