import { describe, expect, it } from 'vitest';
import { calibrate, pickFastest, problemKey, ThroughputCache, type Candidate } from './autoEngine.ts';
import type { EngineName, EngineOptions, TrainEngine } from './engine.ts';
import { treeShape } from './model.ts';
import { targetData } from './targets.ts';

/**
 * The choice logic with injected measurements: a fake engine per candidate (only name, backend, restarts and
 * dispose are used), and a measure that returns a given rate per engine and batch instead of timing anything.
 */
const opts = (restarts: number): EngineOptions => ({
  shape: treeShape(3, 2),
  data: targetData('eml_depth3').train,
  restarts,
  lr: 0.01,
  lamInter: 0,
  interThreshold: 50,
  emlClamp: 1e300,
  gradClip: 1,
});

/** Rates shaped like the measurements: native flat per restart, tfjs growing with the batch. */
const RATE: Record<EngineName, (R: number) => number> = {
  native: () => 1500,
  tfjs: (R) => 20 * R,
};

function setup(fail?: EngineName) {
  const built: string[] = [];
  const disposed: string[] = [];
  const measured: string[] = [];
  const candidates = (R: number): Candidate[] =>
    (['native', 'tfjs'] as const).map((name) => ({
      name,
      make: () => {
        if (name === fail) return Promise.reject(new Error('no WebGL'));
        built.push(`${name}@${R}`);
        return Promise.resolve({
          name,
          backend: name === 'native' ? 'float64' : 'webgl',
          restarts: R,
          dispose: () => disposed.push(`${name}@${R}`),
        } as unknown as TrainEngine);
      },
    }));
  const measure = (eng: TrainEngine) => {
    measured.push(`${eng.name}@${eng.restarts}`);
    return RATE[eng.name](eng.restarts);
  };
  return { built, disposed, measured, candidates, measure, cache: new ThroughputCache() };
}

describe('auto engine: chosen by measured throughput at the requested batch', () => {
  it('pickFastest takes the highest rate, the first on a tie, and none when nothing started', () => {
    expect(
      pickFastest([
        { name: 'native', rate: 10 },
        { name: 'tfjs', rate: 11 },
      ]),
    ).toBe('tfjs');
    expect(
      pickFastest([
        { name: 'native', rate: 10 },
        { name: 'tfjs', rate: 10 },
      ]),
    ).toBe('native');
    expect(
      pickFastest([
        { name: 'native', rate: 0 },
        { name: 'tfjs', rate: 0 },
      ]),
    ).toBeNull();
  });

  it('native wins a small batch, tfjs a large one; the winner built to measure is kept, the loser disposed', async () => {
    const t = setup();
    const small = await calibrate(t.candidates(1), { key: problemKey(opts(1)), cache: t.cache, measure: t.measure });
    expect(small.calibration.engine).toBe('native');
    expect(small.engine.name).toBe('native');
    expect(small.calibration.stepsPerSecond).toEqual({ 'native:float64': 1500, 'tfjs:webgl': 20 });
    expect(t.disposed).toEqual(['tfjs@1']);
    const big = await calibrate(t.candidates(1024), {
      key: problemKey(opts(1024)),
      cache: t.cache,
      measure: t.measure,
    });
    expect(big.calibration.engine).toBe('tfjs');
    expect(big.engine.restarts).toBe(1024);
    expect(t.disposed).toEqual(['tfjs@1', 'native@1024']);
    expect(t.built).toEqual(['native@1', 'tfjs@1', 'native@1024', 'tfjs@1024']);
  });

  it('measures once per problem: a second start of the same size builds only the cached winner', async () => {
    const t = setup();
    const key = problemKey(opts(1024));
    await calibrate(t.candidates(1024), { key, cache: t.cache, measure: t.measure });
    const again = await calibrate(t.candidates(1024), { key, cache: t.cache, measure: t.measure });
    expect(t.measured).toEqual(['native@1024', 'tfjs@1024']);
    expect(again.calibration.cached).toEqual(['native', 'tfjs']);
    expect(again.calibration.engine).toBe('tfjs');
    expect(t.built).toEqual(['native@1024', 'tfjs@1024', 'tfjs@1024']);
    // Another batch is another problem: measured afresh.
    await calibrate(t.candidates(64), { key: problemKey(opts(64)), cache: t.cache, measure: t.measure });
    expect(t.measured).toEqual(['native@1024', 'tfjs@1024', 'native@64', 'tfjs@64']);
  });

  it('an engine that cannot start loses (and is not tried again); none at all is an error', async () => {
    const t = setup('tfjs');
    const key = problemKey(opts(1024));
    const r = await calibrate(t.candidates(1024), { key, cache: t.cache, measure: t.measure });
    expect(r.calibration.engine).toBe('native');
    expect(r.calibration.stepsPerSecond['tfjs:unavailable']).toBe(0);
    await calibrate(t.candidates(1024), { key, cache: t.cache, measure: t.measure });
    expect(t.measured).toEqual(['native@1024']);
    const none = setup('tfjs');
    await expect(
      calibrate(
        none.candidates(4).filter((c) => c.name === 'tfjs'),
        { key: 'k', cache: none.cache, measure: none.measure },
      ),
    ).rejects.toThrow('no training engine could be started');
  });
});
